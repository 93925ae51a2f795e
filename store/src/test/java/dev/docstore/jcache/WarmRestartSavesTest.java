package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The concurrency contract of the saves: closing waits for a periodic save in flight, then saves a last time, so the
 * file ends with what the cache held when it closed; no two saves of a cache overlap.
 */
class WarmRestartSavesTest {
    private static final Duration AWAIT = Duration.ofSeconds(30);

    @TempDir
    Path folder;

    /**
     * A value whose export can be held: Jackson reads {@link #getName()} to write it, and the periodic save's thread
     * waits there, with the save in flight, until the test lets it go.
     */
    public static final class Gate {
        static final CountDownLatch ENTERED = new CountDownLatch(1);
        static final CountDownLatch RELEASED = new CountDownLatch(1);
        static final AtomicInteger INSIDE = new AtomicInteger();
        static final AtomicInteger MOST_INSIDE = new AtomicInteger();

        private final String name;

        public Gate(String name) {
            this.name = name;
        }

        public String getName() throws InterruptedException {
            MOST_INSIDE.accumulateAndGet(INSIDE.incrementAndGet(), Math::max);
            try {
                if (Thread.currentThread().getName().equals("docstore-warm-restart")) {
                    ENTERED.countDown();
                    assertThat(RELEASED.await(AWAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                }
                return name;
            } finally {
                INSIDE.decrementAndGet();
            }
        }
    }

    @Test
    void closeWaitsForThePeriodicSaveInFlightThenSavesWhatTheCacheHolds() throws Exception {
        Path file = folder.resolve("gates.jsonl");
        CacheManager manager = newManager("warm-restart-saves");
        DocstoreConfiguration<String, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(String.class, Object.class).setStoreByValue(false);
        Cache<String, Object> cache =
                manager.createCache("gates", configuration.setWarmRestart(file, Duration.ofMillis(1)));
        cache.put("held", new Gate("held"));
        assertThat(Gate.ENTERED.await(AWAIT.toSeconds(), TimeUnit.SECONDS)).as("a periodic save began").isTrue();
        cache.put("late", "written while the periodic save was held");

        Thread closer = new Thread(cache::close, "closer");
        closer.start();
        await().atMost(AWAIT).until(() -> closer.getState() == Thread.State.BLOCKED);
        assertThat(cache.isClosed()).as("closed to operations at once").isTrue();
        // a save may have run before the gate was put, so there may be a file, but not one with the late write
        assertThat(file.toFile().exists() ? Files.readString(file) : "").doesNotContain("\"late\"");

        Gate.RELEASED.countDown();
        closer.join(AWAIT.toMillis());

        assertThat(closer.isAlive()).isFalse();
        assertThat(Files.readString(file)).as("the last save ran after the held one").contains("\"late\"")
                .contains("{\"end\":{\"documents\":2}}");
        assertThat(Gate.MOST_INSIDE).as("no two saves overlapped").hasValue(1);
        manager.close();
    }
}
