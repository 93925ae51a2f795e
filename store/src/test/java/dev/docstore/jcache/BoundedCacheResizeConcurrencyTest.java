package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docstore.testing.Soak;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two writers on a bounded cache while a third thread lowers and raises its maximum, between {@link #LOWEST} and
 * {@link #HIGHEST}, and a reader watches. Checked: while writes run the cache never holds more than the highest bound
 * plus the slack of {@link BoundedConcurrencyTest}; once writes stop and the last maximum is set, the cache is within
 * it; every eviction is counted once and reported once as REMOVED; and no write is lost (a key holds its last write,
 * or was evicted holding it). Bounded by operation counts ({@link Soak#scale()} multiplies them).
 */
class BoundedCacheResizeConcurrencyTest {
    private static final int WRITERS = 2;
    private static final int LOWEST = 8;
    private static final int HIGHEST = 200;
    private static final int FINAL_MAXIMUM = 48;
    private static final int SLACK = 16;
    private static final int KEYS = 512;
    private static final long WRITES_PER_WRITER = 40_000 * Soak.scale();
    private static final long RESIZES = 2_000 * Soak.scale();

    private final CacheManager manager = newManager("bounded-resize-concurrency");

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    @Timeout(600)
    void theBoundFollowsItsChangesAndNoWriteIsLost() throws Exception {
        BoundedWriters writers = new BoundedWriters(WRITERS, KEYS, WRITES_PER_WRITER);
        DocstoreConfiguration<Integer, Map<String, Object>> configuration = writers.listenedTo(
                new DocstoreConfiguration<Integer, Map<String, Object>>().setMaximumSize(HIGHEST));
        configuration.setStoreByValue(false).setStatisticsEnabled(true);
        Cache<Integer, Map<String, Object>> cache = manager.createCache("resized", configuration);
        DocumentCache<Integer, Map<String, Object>> docs = documents(cache);
        AtomicLong mostSeen = new AtomicLong();
        Soak.Run run = new Soak.Run();
        writers.start(run, cache);
        run.reader("resizer", () -> {
            SplittableRandom random = new SplittableRandom(7);
            for (long resize = 0; resize < RESIZES && !run.failed(); resize++) {
                long maximum = LOWEST + random.nextInt(HIGHEST - LOWEST + 1);
                docs.setMaximum(maximum);
                assertThat(docs.evictionBound()).hasValueSatisfying(bound ->
                        assertThat(bound.maximum()).as("no other thread changes it").isEqualTo(maximum));
            }
        });
        run.thread("watcher", () -> {
            while (!run.readersDone()) {
                long documents = docs.figures().documents();
                mostSeen.accumulateAndGet(documents, Math::max);
                assertThat(documents).as("documents while writes run").isLessThanOrEqualTo(HIGHEST + SLACK);
            }
        });
        run.finish();

        docs.setMaximum(FINAL_MAXIMUM);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(docs.figures().documents()).as("documents at quiescence").isLessThanOrEqualTo(FINAL_MAXIMUM);
            assertThat(docs.evictionBound().orElseThrow().weightedSize()).isLessThanOrEqualTo(FINAL_MAXIMUM);
        });
        assertThat(JCacheTesting.docstoreConfiguration(cache).getMaximumSize()).hasValue(FINAL_MAXIMUM);
        long evicted = writers.checkNothingLost(cache);
        System.out.printf("bounded resize concurrency: %,d writes, %,d resizes, %,d evictions, at most %d documents"
                + " seen (highest bound %d)%n", writers.writes(), RESIZES, evicted, mostSeen.get(), HIGHEST);
    }
}
