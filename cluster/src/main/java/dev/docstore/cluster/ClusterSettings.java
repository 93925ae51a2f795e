package dev.docstore.cluster;

import java.util.List;
import java.util.Objects;

/**
 * How a cluster cache manager reaches its cluster.
 *
 * @param clusterName  the Hazelcast cluster name: members and clients with another name never join this one
 * @param mode         {@link Mode#EMBEDDED}: this JVM runs members and holds part of the data; {@link Mode#CLIENT}:
 *                     it connects to members elsewhere and holds none
 * @param members      the addresses ({@code host:port}) of the cluster's members: the TCP-IP join list of an
 *                     embedded member, the addresses a client tries; an embedded member adds its own
 * @param host         the address embedded members bind to and announce (127.0.0.1 by default: never every
 *                     interface unless asked)
 * @param port         the port of this JVM's first embedded member, the next ones counting up from it; 0 picks free
 *                     ports
 * @param localMembers how many members this JVM starts (embedded mode; a demo or a test runs a whole cluster in one
 *                     JVM)
 * @param backups      synchronous backups of each partition: with 1, any one member may fail without losing an entry
 */
public record ClusterSettings(String clusterName, Mode mode, List<String> members, String host, int port,
                              int localMembers, int backups) {
    /** Whether this JVM holds data (embedded members) or only connects to members (a client). */
    public enum Mode { EMBEDDED, CLIENT }

    /** The cluster name when none is given. */
    public static final String DEFAULT_CLUSTER_NAME = "docstore";

    /**
     * Checks every field.
     *
     * @throws IllegalArgumentException naming the field, for a blank name, a malformed member address, a port out of
     *                                  range, no local member in embedded mode, or a negative or too large backup count
     */
    public ClusterSettings {
        Objects.requireNonNull(clusterName, "clusterName must not be null");
        Objects.requireNonNull(mode, "mode must not be null");
        Objects.requireNonNull(host, "host must not be null");
        members = List.copyOf(Objects.requireNonNull(members, "members must not be null"));
        if (clusterName.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be blank");
        }
        for (String member : members) {
            requireAddress(member);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("cluster port must be 0 (free ports) or 1-65535, was " + port);
        }
        if (mode == Mode.EMBEDDED && localMembers < 1) {
            throw new IllegalArgumentException("an embedded cluster starts at least one local member, was "
                    + localMembers);
        }
        if (mode == Mode.CLIENT && members.isEmpty()) {
            throw new IllegalArgumentException("a cluster client needs the address of at least one member");
        }
        if (backups < 0 || backups > 6) {
            throw new IllegalArgumentException("cluster backups must be 0-6 (Hazelcast's limit), was " + backups);
        }
    }

    /** One embedded member on 127.0.0.1 at a free port, cluster name {@value #DEFAULT_CLUSTER_NAME}, one backup. */
    public static ClusterSettings defaults() {
        return new ClusterSettings(DEFAULT_CLUSTER_NAME, Mode.EMBEDDED, List.of(), "127.0.0.1", 0, 1, 1);
    }

    /** These settings with another cluster name. */
    public ClusterSettings withClusterName(String name) {
        return new ClusterSettings(name, mode, members, host, port, localMembers, backups);
    }

    /** These settings starting {@code count} members in this JVM. */
    public ClusterSettings withLocalMembers(int count) {
        return new ClusterSettings(clusterName, mode, members, host, port, count, backups);
    }

    /** These settings with {@code addresses} as the member list. */
    public ClusterSettings withMembers(List<String> addresses) {
        return new ClusterSettings(clusterName, mode, addresses, host, port, localMembers, backups);
    }

    /** These settings as a client of {@code addresses}. */
    public ClusterSettings asClientOf(List<String> addresses) {
        return new ClusterSettings(clusterName, Mode.CLIENT, addresses, host, port, 0, backups);
    }

    /** These settings with {@code count} backups. */
    public ClusterSettings withBackups(int count) {
        return new ClusterSettings(clusterName, mode, members, host, port, localMembers, count);
    }

    private static void requireAddress(String member) {
        Objects.requireNonNull(member, "a member address must not be null");
        int colon = member.lastIndexOf(':');
        if (colon <= 0 || colon == member.length() - 1) {
            throw new IllegalArgumentException("member address '" + member + "' must be host:port");
        }
        try {
            int port = Integer.parseInt(member.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("member address '" + member + "' has a port out of range");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("member address '" + member + "' has no numeric port", e);
        }
    }
}
