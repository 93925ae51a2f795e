package dev.docstore.console.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.console.testing.TestCaches;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sampler over this JVM's caches, with a clock the test sets: bounded histories, forgotten caches, and series
 * whose rates are the counter deltas the test drives divided by the time the test let pass.
 */
class StatisticsSamplerTest {
    private final TestCaches caches = new TestCaches();
    private final AtomicLong clock = new AtomicLong(50_000);
    private Cache<String, Map<String, Object>> cache;
    private CacheRef ref;

    @BeforeEach
    void createCache() {
        cache = caches.create("sampled");
        ref = new CacheRef(TestCaches.manager(cache), "sampled");
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }

    private StatisticsSampler sampler(int capacity) {
        return new StatisticsSampler(new CacheBrowser(JmxTarget.thisJvm("the test JVM")), clock::get, capacity);
    }

    @Test
    void aHistoryNeedsRoomForTwoSamples() {
        assertThatThrownBy(() -> sampler(1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1");
    }

    @Test
    void historyKeepsTheLatestSamplesUpToItsCapacity() {
        StatisticsSampler sampler = sampler(3);
        for (int i = 0; i < 5; i++) {
            cache.put("k" + i, Map.of("i", i));
            clock.addAndGet(1_000);
            sampler.sample();
        }
        List<StatisticsSampler.Sample> history = sampler.history(ref);
        assertThat(history).extracting(StatisticsSampler.Sample::millis).containsExactly(53_000L, 54_000L, 55_000L);
        assertThat(history).extracting(StatisticsSampler.Sample::puts).containsExactly(3L, 4L, 5L);
        assertThat(history).extracting(StatisticsSampler.Sample::documents).containsExactly(3L, 4L, 5L);
        assertThat(sampler.series(ref).get("samples")).isEqualTo(3);
    }

    @Test
    void aCacheThatWasClosedIsForgotten() {
        StatisticsSampler sampler = sampler(10);
        sampler.sample();
        assertThat(sampler.history(ref)).hasSize(1);
        caches.close();
        sampler.sample();
        assertThat(sampler.history(ref)).isEmpty();
        assertThat(sampler.series(ref)).containsEntry("samples", 0).containsEntry("latest", null);
    }

    @Test
    void ratesAreCounterDeltasPerSecondOfTheInjectedClock() {
        for (int i = 0; i < 10; i++) {
            cache.put("k" + i, Map.of("i", i));
        }
        StatisticsSampler sampler = sampler(10);
        sampler.sample();
        int removals = 4;
        for (int i = 0; i < removals; i++) {
            cache.remove("k" + i);
        }
        int hits = 3;
        for (int i = removals; i < removals + hits; i++) {
            cache.get("k" + i);
        }
        cache.get("absent");
        clock.addAndGet(500);
        sampler.sample();
        clock.addAndGet(250);
        sampler.sample();

        @SuppressWarnings("unchecked") // series points are maps
        List<Map<String, Object>> points = (List<Map<String, Object>>) sampler.series(ref).get("points");
        assertThat(points).hasSize(2);
        Map<String, Object> busy = points.get(0);
        assertThat(busy).containsEntry("millis", 50_500L)
                .containsEntry("removalsPerSecond", removals / 0.5)
                .containsEntry("getsPerSecond", (hits + 1) / 0.5)
                .containsEntry("putsPerSecond", 0.0)
                .containsEntry("evictionsPerSecond", 0.0)
                .containsEntry("hitRatio", 100.0 * hits / (hits + 1))
                .containsEntry("documents", 10L - removals);
        Map<String, Object> idle = points.get(1);
        assertThat(idle).containsEntry("getsPerSecond", 0.0).containsEntry("hitRatio", null);
    }

    @Test
    void clearedStatisticsStartAFreshIntervalInsteadOfANegativeRate() {
        StatisticsSampler sampler = sampler(10);
        for (int i = 0; i < 20; i++) {
            cache.put("k" + i, Map.of("i", i));
        }
        sampler.sample();
        cache.unwrap(dev.docstore.jcache.DocstoreCache.class).statistics().clear();
        cache.put("again", Map.of());
        clock.addAndGet(1_000);
        sampler.sample();
        @SuppressWarnings("unchecked") // series points are maps
        List<Map<String, Object>> points = (List<Map<String, Object>>) sampler.series(ref).get("points");
        assertThat(points).singleElement().satisfies(point -> assertThat(point).containsEntry("putsPerSecond", 1.0));
    }
}
