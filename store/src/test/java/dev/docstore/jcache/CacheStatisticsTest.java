package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Statistics count every operation exactly and time a sample of them: the counters equal what was done, and an
 * average is the mean of the operations timed (one in {@value CacheStatistics#SAMPLED}, at random), so it is positive
 * once enough have run and bounded by the time they took in all.
 */
class CacheStatisticsTest {
    private static final int OPERATIONS = 4_000;

    private final CacheManager manager = newManager("statistics");

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void countsAreExactAndAveragesComeFromTheTimedSample() {
        Cache<Integer, String> cache = manager.createCache("counted", new MutableConfiguration<Integer, String>()
                .setTypes(Integer.class, String.class).setStatisticsEnabled(true));
        long started = System.nanoTime();
        for (int i = 0; i < OPERATIONS; i++) {
            cache.put(i, "v" + i);
        }
        for (int i = 0; i < 2 * OPERATIONS; i++) {
            cache.get(i); // the first half hits, the second misses
        }
        for (int i = 0; i < OPERATIONS / 2; i++) {
            cache.remove(i);
        }
        long elapsedMicros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started);
        CacheStatistics statistics = cache.unwrap(DocstoreCache.class).statistics();

        assertThat(statistics.getCachePuts()).isEqualTo(OPERATIONS);
        assertThat(statistics.getCacheHits()).isEqualTo(OPERATIONS);
        assertThat(statistics.getCacheMisses()).isEqualTo(OPERATIONS);
        assertThat(statistics.getCacheRemovals()).isEqualTo(OPERATIONS / 2);
        // with one in eight timed at random, 2,000 operations go untimed with probability 0.875^2000, about 1e-116
        assertThat(statistics.getAveragePutTime()).isPositive().isLessThanOrEqualTo(elapsedMicros);
        assertThat(statistics.getAverageGetTime()).isPositive().isLessThanOrEqualTo(elapsedMicros);
        assertThat(statistics.getAverageRemoveTime()).isPositive().isLessThanOrEqualTo(elapsedMicros);

        statistics.clear();
        assertThat(statistics.getAverageGetTime()).isZero();
        assertThat(statistics.getCacheGets()).isZero();
    }
}
