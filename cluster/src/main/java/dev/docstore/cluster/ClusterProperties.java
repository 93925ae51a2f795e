package dev.docstore.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Cluster settings from properties: a cache manager's properties, then the system properties, then
 * {@link ClusterSettings#defaults()}. The keys, each optional:
 * <ul>
 *   <li>{@value #NAME}: the cluster name;</li>
 *   <li>{@value #MODE}: {@code embedded} or {@code client};</li>
 *   <li>{@value #MEMBERS}: member addresses, {@code host:port}, comma-separated;</li>
 *   <li>{@value #HOST}, {@value #PORT}: where embedded members bind (port 0: free ports);</li>
 *   <li>{@value #LOCAL_MEMBERS}: how many members this JVM starts;</li>
 *   <li>{@value #BACKUPS}: backups per partition.</li>
 * </ul>
 * A malformed value is an {@link IllegalArgumentException} naming the key.
 */
public final class ClusterProperties {
    public static final String NAME = "docstore.cluster.name";
    public static final String MODE = "docstore.cluster.mode";
    public static final String MEMBERS = "docstore.cluster.members";
    public static final String HOST = "docstore.cluster.host";
    public static final String PORT = "docstore.cluster.port";
    public static final String LOCAL_MEMBERS = "docstore.cluster.localMembers";
    public static final String BACKUPS = "docstore.cluster.backups";

    private ClusterProperties() {
    }

    /** The settings {@code properties} (over the system properties, over the defaults) describe. */
    public static ClusterSettings settings(Properties properties) {
        ClusterSettings defaults = ClusterSettings.defaults();
        String mode = value(properties, MODE, defaults.mode().name()).toUpperCase(Locale.ROOT);
        ClusterSettings.Mode parsedMode;
        try {
            parsedMode = ClusterSettings.Mode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(MODE + " must be embedded or client, was '" + mode + "'", e);
        }
        String members = value(properties, MEMBERS, "");
        List<String> addresses = members.isBlank() ? List.of()
                : Arrays.stream(members.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        return new ClusterSettings(value(properties, NAME, defaults.clusterName()), parsedMode, addresses,
                value(properties, HOST, defaults.host()), number(properties, PORT, defaults.port()),
                parsedMode == ClusterSettings.Mode.CLIENT ? 0 : number(properties, LOCAL_MEMBERS,
                        defaults.localMembers()), number(properties, BACKUPS, defaults.backups()));
    }

    private static String value(Properties properties, String key, String otherwise) {
        String value = properties.getProperty(key);
        if (value == null) {
            value = System.getProperty(key);
        }
        return value == null ? otherwise : value.trim();
    }

    private static int number(Properties properties, String key, int otherwise) {
        String value = value(properties, key, null);
        if (value == null) {
            return otherwise;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a whole number, was '" + value + "'", e);
        }
    }
}
