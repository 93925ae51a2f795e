package dev.docstore.cluster;

import com.hazelcast.client.HazelcastClient;
import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.cache.CacheException;

/**
 * The Hazelcast instances a cluster cache manager works through: the members this JVM starts (embedded mode) or one
 * client (client mode). Caches use {@link #instance()}: the first local member, or the client. {@link #close()} shuts
 * down what this connection started and nothing else. Thread-safe: built whole by {@link #open}, then read-only until
 * closed.
 */
public final class ClusterConnection implements AutoCloseable {
    /** Joins and connects fail after this long rather than wait for ever on an unreachable member list. */
    private static final long CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int PORT_ATTEMPTS = 3;

    private final ClusterSettings settings;
    private final List<HazelcastInstance> started;
    private final boolean owned;

    private ClusterConnection(ClusterSettings settings, List<HazelcastInstance> started, boolean owned) {
        this.settings = settings;
        this.started = List.copyOf(started);
        this.owned = owned;
    }

    /**
     * A connection through an instance the application runs (a member or a client it configured itself, as Spring
     * Boot's Hazelcast support does); {@link #close()} leaves it running.
     */
    public static ClusterConnection through(HazelcastInstance instance) {
        Objects.requireNonNull(instance, "instance must not be null");
        ClusterSettings settings = ClusterSettings.defaults().withClusterName(instance.getConfig().getClusterName());
        return new ClusterConnection(settings, List.of(instance), false);
    }

    /**
     * Starts the members or the client {@code settings} ask for.
     *
     * @throws CacheException naming the cluster and the addresses, when a member cannot bind its port or a client
     *                        reaches no member within {@value #CONNECT_TIMEOUT_MILLIS} ms
     */
    public static ClusterConnection open(ClusterSettings settings) {
        Objects.requireNonNull(settings, "settings must not be null");
        return settings.mode() == ClusterSettings.Mode.CLIENT ? new ClusterConnection(settings,
                List.of(startClient(settings)), true) : startMembers(settings);
    }

    /** The instance caches use: this JVM's first member, or its client. */
    public HazelcastInstance instance() {
        return started.get(0);
    }

    /** Every instance this connection started (members, or the one client). */
    public List<HazelcastInstance> instances() {
        return started;
    }

    /** The settings this connection was opened with. */
    public ClusterSettings settings() {
        return settings;
    }

    /**
     * Shuts down the members or client this connection started (their data moves to the other members); an
     * instance given to {@link #through} is left running.
     */
    @Override
    public void close() {
        if (!owned) {
            return;
        }
        for (HazelcastInstance instance : started) {
            try {
                instance.shutdown();
            } catch (RuntimeException ignored) {
                // a member already gone (terminated by a test, or the JVM shutting down) has nothing left to stop
            }
        }
    }

    private static ClusterConnection startMembers(ClusterSettings settings) {
        HazelcastException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            List<Integer> ports = ports(settings);
            List<String> addresses = new ArrayList<>(settings.members());
            for (int port : ports) {
                String address = settings.host() + ":" + port;
                if (!addresses.contains(address)) {
                    addresses.add(address);
                }
            }
            List<HazelcastInstance> members = new ArrayList<>();
            try {
                for (int port : ports) {
                    members.add(Hazelcast.newHazelcastInstance(memberConfig(settings, port, addresses)));
                }
                return new ClusterConnection(settings, members, true);
            } catch (HazelcastException e) {
                members.forEach(HazelcastInstance::shutdown);
                last = e;
                if (settings.port() != 0) {
                    break; // a port the user chose is not retried elsewhere
                }
            }
        }
        throw new CacheException("cannot start the members of cluster '" + settings.clusterName() + "' on "
                + settings.host() + ": " + last.getMessage(), last);
    }

    private static List<Integer> ports(ClusterSettings settings) {
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < settings.localMembers(); i++) {
            ports.add(settings.port() == 0 ? freePort(settings.host()) : settings.port() + i);
        }
        return ports;
    }

    /** A port free now on {@code host}; another process may take it before the member binds (then: retry). */
    static int freePort(String host) {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + host, e);
        }
    }

    static Config memberConfig(ClusterSettings settings, int port, List<String> addresses) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setInstanceName(settings.clusterName() + "-" + settings.host() + "-" + port);
        commonProperties(config);
        config.setProperty("hazelcast.socket.bind.any", "false");
        // join at once: the member list is explicit, there is nobody to wait for
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(settings.host());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(addresses)
                .setConnectionTimeoutSeconds((int) (CONNECT_TIMEOUT_MILLIS / 1000));
        return config;
    }

    private static HazelcastInstance startClient(ClusterSettings settings) {
        ClientConfig config = new ClientConfig();
        config.setClusterName(settings.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setAddresses(settings.members());
        config.getConnectionStrategyConfig().getConnectionRetryConfig()
                .setClusterConnectTimeoutMillis(CONNECT_TIMEOUT_MILLIS);
        try {
            return HazelcastClient.newHazelcastClient(config);
        } catch (IllegalStateException | HazelcastException e) {
            throw new CacheException("cannot connect to cluster '" + settings.clusterName() + "' at "
                    + settings.members() + " within " + CONNECT_TIMEOUT_MILLIS + " ms: " + e.getMessage(), e);
        }
    }

    private static void commonProperties(Config config) {
        // an embedded store does not report home; nothing leaves the machine unasked
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.policy", "GRACEFUL");
    }
}
