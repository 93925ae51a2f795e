package dev.docstore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Members fail while the cache is written: with one backup, no acknowledged entry is lost, and every operation in
 * flight either completed (its value is there) or threw (then the key holds its previous value or the new one,
 * never anything else). Writers run on member 0 and keep writing while member 2 is terminated, or while a member in
 * a child JVM is killed with SIGKILL.
 */
class ClusterFaultTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    private static final int ENTRIES = 20_000;
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    private CacheManager manager;
    private Cache<Integer, String> cache;

    @BeforeEach
    void cache() {
        manager = new ClusterCachingProvider().getCacheManager(URI.create("urn:test:faults"),
                getClass().getClassLoader(), CLUSTER.member(0));
        cache = manager.createCache("faults",
                new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class));
    }

    @AfterEach
    void close() {
        manager.destroyCache("faults");
        manager.close();
    }

    @Test
    void terminatingAMemberWhileWritingLosesNoAcknowledgedEntry() throws Exception {
        fill();
        try (Writers writers = new Writers(cache)) {
            writers.awaitProgress();
            CLUSTER.terminate(2);
            writers.awaitProgress();
            writers.stop();
            CLUSTER.awaitSafe();
            assertNothingLost(writers);
        } finally {
            CLUSTER.restart(2);
        }
    }

    @Test
    void killingAMemberJvmWithSigkillLosesNoAcknowledgedEntry() throws Exception {
        int port = ClusterConnection.freePort("127.0.0.1");
        List<String> addresses = new ArrayList<>(CLUSTER.addresses());
        addresses.add("127.0.0.1:" + port);
        Process child = startChild(port, addresses);
        try {
            await().atMost(PATIENCE).failFast("the child member died", () -> !child.isAlive())
                    .until(() -> CLUSTER.member(0).getCluster().getMembers().size() == 4);
            CLUSTER.awaitSafe(1);
            fill();
            assertThat(ownedBy(port)).as("partitions the child member owns").isPositive();
            try (Writers writers = new Writers(cache)) {
                writers.awaitProgress();
                child.toHandle().destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no migration first
                child.waitFor();
                writers.awaitProgress();
                writers.stop();
                await().atMost(PATIENCE).until(() -> CLUSTER.member(0).getCluster().getMembers().size() == 3);
                CLUSTER.awaitSafe();
                assertNothingLost(writers);
            }
        } finally {
            child.destroyForcibly();
        }
    }

    private void fill() {
        for (int key = 0; key < ENTRIES; key++) {
            cache.put(key, "v" + key);
        }
    }

    private long ownedBy(int port) {
        return CLUSTER.member(0).getPartitionService().getPartitions().stream()
                .filter(p -> p.getOwner() != null && p.getOwner().getAddress().getPort() == port).count();
    }

    private void assertNothingLost(Writers writers) {
        Map<Integer, String> acknowledged = writers.acknowledged;
        Map<Integer, String> inDoubt = writers.inDoubt;
        for (int key = 0; key < ENTRIES; key++) {
            String value = cache.get(key);
            if (acknowledged.containsKey(key)) {
                assertThat(value).as("acknowledged key %d", key).isEqualTo(acknowledged.get(key));
            } else if (inDoubt.containsKey(key)) {
                assertThat(value).as("key %d, whose write threw", key).isIn("v" + key, inDoubt.get(key));
            } else {
                assertThat(value).as("untouched key %d", key).isEqualTo("v" + key);
            }
        }
        assertThat(acknowledged).as("writes acknowledged while the member failed").isNotEmpty();
    }

    private static Process startChild(int port, List<String> addresses) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx256m", "-Djava.net.preferIPv4Stack=true", "-cp",
                System.getProperty("java.class.path"), ChildMember.class.getName(), CLUSTER.clusterName(),
                String.valueOf(port), String.join(",", addresses));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    /**
     * Two threads rewriting keys in turn (each key once, with a new value), recording which writes returned and
     * which threw. Writes go on until {@link #stop}.
     */
    private static final class Writers implements AutoCloseable {
        final Map<Integer, String> acknowledged = new ConcurrentHashMap<>();
        final Map<Integer, String> inDoubt = new ConcurrentHashMap<>();
        private final ExecutorService threads = Executors.newFixedThreadPool(2);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final List<Future<?>> futures = new ArrayList<>();

        Writers(Cache<Integer, String> cache) {
            for (int t = 0; t < 2; t++) {
                int first = t;
                futures.add(threads.submit(() -> {
                    for (int key = first; key < ENTRIES && running.get(); key += 2) {
                        String value = "w" + key;
                        try {
                            cache.put(key, value);
                            acknowledged.put(key, value);
                        } catch (RuntimeException e) {
                            inDoubt.put(key, value);
                        }
                    }
                }));
            }
        }

        /** Waits until at least 200 more writes returned than when called. */
        void awaitProgress() {
            int from = acknowledged.size() + inDoubt.size();
            await().atMost(PATIENCE).until(() -> acknowledged.size() + inDoubt.size() >= Math.min(ENTRIES,
                    from + 200) || futures.stream().allMatch(Future::isDone));
        }

        void stop() throws Exception {
            running.set(false);
            for (Future<?> future : futures) {
                future.get();
            }
        }

        @Override
        public void close() {
            running.set(false);
            threads.shutdownNow();
        }
    }

}
