package dev.docstore.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Three embedded members on 127.0.0.1 at free ports, in a cluster of a random name, shared by the tests of one class
 * ({@code @RegisterExtension static final ClusterExtension CLUSTER = new ClusterExtension(3);}). Tests may terminate
 * a member ({@link #terminate}) and start one again ({@link #restart}); {@link #awaitSafe} waits until every
 * partition has its backups again.
 */
public final class ClusterExtension implements BeforeAllCallback, AfterAllCallback {
    private final int size;
    private final List<HazelcastInstance> members = new ArrayList<>();
    private ClusterSettings settings;
    private List<String> addresses;

    public ClusterExtension(int size) {
        this.size = size;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        ClusterConnection connection = ClusterConnection.open(ClusterSettings.defaults()
                .withClusterName("test-" + UUID.randomUUID()).withLocalMembers(size));
        members.addAll(connection.instances());
        settings = connection.settings();
        addresses = members.stream().map(ClusterExtension::address).toList();
        awaitSafe();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        members.forEach(member -> {
            if (member.getLifecycleService().isRunning()) {
                member.getLifecycleService().terminate();
            }
        });
        members.clear();
    }

    /** The member at {@code index} (0 to size - 1). */
    public HazelcastInstance member(int index) {
        return members.get(index);
    }

    /** The members running now. */
    public List<HazelcastInstance> running() {
        return members.stream().filter(m -> m.getLifecycleService().isRunning()).toList();
    }

    /** The cluster's name. */
    public String clusterName() {
        return settings.clusterName();
    }

    /** The members' addresses, host:port. */
    public List<String> addresses() {
        return addresses;
    }

    /** Stops member {@code index} at once, as a crash would (no migration first). */
    public void terminate(int index) {
        members.get(index).getLifecycleService().terminate();
    }

    /** Starts member {@code index} again at its address, and waits until the cluster is safe. */
    public HazelcastInstance restart(int index) {
        String address = addresses.get(index);
        int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
        HazelcastInstance member = com.hazelcast.core.Hazelcast.newHazelcastInstance(
                ClusterConnection.memberConfig(settings, port, addresses));
        members.set(index, member);
        awaitSafe();
        return member;
    }

    /** Waits until every running member sees the others and every partition is backed up. */
    public void awaitSafe() {
        awaitSafe(0);
    }

    /**
     * Waits until every running member sees the others and {@code elsewhere} members outside this JVM, and every
     * partition is backed up.
     */
    public void awaitSafe(int elsewhere) {
        Awaitility.await().atMost(90, TimeUnit.SECONDS).pollInterval(50, TimeUnit.MILLISECONDS).until(() -> {
            List<HazelcastInstance> up = running();
            return up.stream().allMatch(m -> m.getCluster().getMembers().size() == up.size() + elsewhere
                    && m.getPartitionService().isClusterSafe());
        });
    }

    private static String address(HazelcastInstance member) {
        var address = member.getCluster().getLocalMember().getAddress();
        return address.getHost() + ":" + address.getPort();
    }
}
