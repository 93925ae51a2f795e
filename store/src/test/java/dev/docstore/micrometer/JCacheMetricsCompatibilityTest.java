package dev.docstore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.jcache.DocstoreCachingProvider;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Micrometer's own {@link JCacheMetrics} (1.17), unchanged, against a docstore cache with statistics enabled. It reads
 * the spec's statistics MXBean from the platform MBeanServer under
 * {@code javax.cache:type=CacheStatistics,CacheManager=<uri with ':' replaced by '.'>,Cache=<name>}, and registers
 * {@code cache.gets} (tag {@code result} = {@code hit} / {@code miss}), {@code cache.puts}, {@code cache.evictions}
 * (function counters) and {@code cache.removals} (a gauge through {@code monitor}, a function counter through the
 * two-argument constructor), each tagged {@code cache}; no {@code cache.size}, as JCache cannot tell it.
 * If the bean were missing JCacheMetrics would read 0 silently, so the expected counts are all non-zero but evictions.
 */
class JCacheMetricsCompatibilityTest {
    // ':' inside the URI on purpose: JCacheMetrics and docstore's registration must agree on escaping it
    private static final URI MANAGER_URI = URI.create("urn:docstore:micrometer:JCacheMetricsCompatibilityTest");
    private static final String CACHE = "orders";

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private CacheManager manager;
    private Cache<String, String> cache;

    @BeforeEach
    void createCache() {
        manager = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                .getCacheManager(MANAGER_URI, getClass().getClassLoader());
        cache = manager.createCache(CACHE, new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setStatisticsEnabled(true));
    }

    @AfterEach
    void closeManager() throws Exception {
        manager.close();
        assertThat(server.queryNames(new ObjectName("javax.cache:CacheManager=" + escaped(MANAGER_URI) + ",*"), null))
                .as("the provider unregisters the cache's beans when its manager closes")
                .isEmpty();
    }

    /** What the test did, counted as the JCache spec counts it; the expectations come from here. */
    private static final class Tally {
        final Set<String> stored = new HashSet<>();
        long hits;
        long misses;
        long puts;
        long removals;

        void put(Cache<String, String> cache, String key, String value) {
            cache.put(key, value);
            stored.add(key);
            puts++;
        }

        void get(Cache<String, String> cache, String key) {
            String value = cache.get(key);
            assertThat(value != null).as("get(%s) finds it", key).isEqualTo(stored.contains(key));
            if (stored.contains(key)) {
                hits++;
            } else {
                misses++;
            }
        }

        void remove(Cache<String, String> cache, String key) {
            boolean removed = cache.remove(key);
            assertThat(removed).as("remove(%s)", key).isEqualTo(stored.remove(key));
            if (removed) {
                removals++;
            }
        }

        void getAndRemove(Cache<String, String> cache, String key) {
            boolean present = stored.remove(key);
            assertThat(cache.getAndRemove(key) != null).isEqualTo(present);
            if (present) {
                hits++;
                removals++;
            } else {
                misses++;
            }
        }
    }

    private static Tally exercise(Cache<String, String> cache) {
        Tally tally = new Tally();
        for (String key : List.of("o-1", "o-2", "o-3", "o-4", "o-5")) {
            tally.put(cache, key, "new " + key);
        }
        tally.put(cache, "o-1", "paid o-1"); // an update is a put too
        for (String key : List.of("o-1", "o-2", "o-2", "o-9", "o-8", "o-7")) {
            tally.get(cache, key);
        }
        tally.remove(cache, "o-3");
        tally.remove(cache, "o-404"); // nothing there: neither a removal nor (for remove(K)) a hit or miss
        tally.getAndRemove(cache, "o-4");
        tally.getAndRemove(cache, "o-405");
        cache.containsKey("o-1"); // no statistics: containsKey is not a get
        return tally;
    }

    @Test
    void monitorPublishesTheSpecStatisticsOfADocstoreCache() throws Exception {
        assertThat(server.isRegistered(new ObjectName("javax.cache:type=CacheStatistics,CacheManager="
                + MANAGER_URI.toString().replace(':', '.') + ",Cache=" + CACHE)))
                .as("the statistics bean sits where JCacheMetrics looks for it")
                .isTrue();
        MeterRegistry registry = new SimpleMeterRegistry();
        JCacheMetrics.monitor(registry, cache, "app", "shop");

        Tally tally = exercise(cache);

        assertThat(tally.hits).isPositive();
        assertThat(tally.misses).isPositive();
        assertThat(counter(registry, "cache.gets", "result", "hit")).isEqualTo(tally.hits);
        assertThat(counter(registry, "cache.gets", "result", "miss")).isEqualTo(tally.misses);
        assertThat(counter(registry, "cache.puts")).isEqualTo(tally.puts);
        Gauge removals = registry.get("cache.removals").tags("cache", CACHE, "app", "shop").gauge();
        assertThat(removals.value()).isEqualTo(tally.removals);
        // docstore caches have no capacity bound, so nothing the test did evicts; the meter reads the bean
        assertThat(counter(registry, "cache.evictions")).isZero()
                .isEqualTo(((Number) server.getAttribute(statisticsName(), "CacheEvictions")).doubleValue());
        assertThat(registry.find("cache.size").meters())
                .as("JCacheMetrics cannot tell a JCache's size").isEmpty();
        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getTag("cache")).containsOnly(CACHE);
    }

    @Test
    void theConstructorCountsRemovalsWithAFunctionCounter() {
        MeterRegistry registry = new SimpleMeterRegistry();
        new JCacheMetrics<>(cache, Tags.empty()).bindTo(registry);

        Tally tally = exercise(cache);

        assertThat(tally.removals).isPositive();
        FunctionCounter removals = registry.get("cache.removals").tag("cache", CACHE).functionCounter();
        assertThat(removals.count()).isEqualTo(tally.removals);
        assertThat(counter(registry, "cache.gets", "result", "hit")).isEqualTo(tally.hits);
    }

    @Test
    void countsFollowTheStatisticsSwitchAndAClosedCacheReadsZero() {
        MeterRegistry registry = new SimpleMeterRegistry();
        JCacheMetrics.monitor(registry, cache);
        Tally counted = exercise(cache);

        manager.enableStatistics(CACHE, false);
        exercise(cache); // not counted: statistics are off and the bean is gone
        assertThat(counter(registry, "cache.puts")).as("the bean is unregistered: JCacheMetrics reads 0").isZero();

        manager.enableStatistics(CACHE, true);
        assertThat(counter(registry, "cache.puts")).as("the counters survive the switch").isEqualTo(counted.puts);

        cache.close();
        assertThat(registry.getMeters()).allSatisfy(meter ->
                assertThat(meter.measure()).allSatisfy(measurement -> assertThat(measurement.getValue()).isZero()));
    }

    private static double counter(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tag("cache", CACHE).tags(tags).functionCounter().count();
    }

    private static ObjectName statisticsName() throws Exception {
        return new ObjectName("javax.cache:type=CacheStatistics,CacheManager=" + escaped(MANAGER_URI)
                + ",Cache=" + CACHE);
    }

    private static String escaped(URI uri) {
        return uri.toString().replace(':', '.');
    }
}
