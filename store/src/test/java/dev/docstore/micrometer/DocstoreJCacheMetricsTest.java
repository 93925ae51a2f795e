package dev.docstore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.JCacheMetrics;
import io.micrometer.core.instrument.config.InvalidConfigurationException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link DocstoreJCacheMetrics} publishes what Micrometer's {@code JCacheMetrics} does, from the statistics directly:
 * right for every cache name, including those {@code JCacheMetrics} cannot find (it reads 0 for them).
 */
class DocstoreJCacheMetricsTest {
    private final CacheManager manager = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
            .getCacheManager(URI.create("urn:docstore:micrometer:" + UUID.randomUUID()), getClass().getClassLoader());

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private Cache<String, String> cache(String name) {
        return manager.createCache(name, new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setStatisticsEnabled(true).setManagementEnabled(true));
    }

    /** Three puts (one an update), two hits, one miss, one removal. */
    private static void exercise(Cache<String, String> cache) {
        cache.put("a", "1");
        cache.put("b", "2");
        cache.put("a", "3");
        cache.get("a");
        cache.get("b");
        cache.get("nope");
        cache.remove("b");
    }

    @Test
    void aBoundedCacheReportsEachEvictionAndItsSize() {
        DocstoreConfiguration<String, String> bounded = new DocstoreConfiguration<String, String>().setMaximumSize(10);
        bounded.setTypes(String.class, String.class).setStatisticsEnabled(true);
        Cache<String, String> cache = manager.createCache("bounded", bounded);
        MeterRegistry registry = new SimpleMeterRegistry();
        DocstoreJCacheMetrics.monitor(registry, cache);

        for (int i = 0; i < 25; i++) {
            cache.put("k" + i, "v" + i);
        }

        assertThat(registry.get("cache.evictions").tag("cache", "bounded").functionCounter().count()).isEqualTo(15);
        assertThat(registry.get("cache.size").tag("cache", "bounded").gauge().value()).isEqualTo(10);
        assertThat(registry.get("cache.puts").tag("cache", "bounded").functionCounter().count()).isEqualTo(25);
    }

    @ParameterizedTest(name = "cache named {0}")
    @ValueSource(strings = {"orders", "eu=orders", "a,b", "line\nbreak", "x:y", "star*", "quote\"d"})
    void countsTheCachesStatisticsWhateverItsName(String name) {
        Cache<String, String> cache = cache(name);
        MeterRegistry registry = new SimpleMeterRegistry();
        DocstoreJCacheMetrics.monitor(registry, cache, "app", "shop");

        exercise(cache);

        assertThat(registry.get("cache.gets").tags("cache", name, "app", "shop", "result", "hit").functionCounter()
                .count()).isEqualTo(2);
        assertThat(registry.get("cache.gets").tags("cache", name, "result", "miss").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("cache.puts").tag("cache", name).functionCounter().count()).isEqualTo(3);
        assertThat(registry.get("cache.removals").tag("cache", name).functionCounter().count()).isEqualTo(1);
        assertThat(registry.get("cache.evictions").tag("cache", name).functionCounter().count()).isZero();
        assertThat(registry.get("cache.size").tag("cache", name).gauge().value()).isEqualTo(1);
    }

    @ParameterizedTest(name = "cache named {0}")
    @ValueSource(strings = {"eu=orders", "a,b", "line\nbreak"})
    void micrometersJCacheMetricsCannotMeasureSuchNames(String name) {
        Cache<String, String> cache = cache(name);
        MeterRegistry registry = new SimpleMeterRegistry();

        assertThatThrownBy(() -> JCacheMetrics.monitor(registry, cache))
                .as("the documented limit of JCacheMetrics").isInstanceOf(InvalidConfigurationException.class)
                .hasMessageContaining("invalid JMX name");
    }

    @Test
    void aClosedCacheReadsZero() {
        Cache<String, String> cache = cache("closing");
        MeterRegistry registry = new SimpleMeterRegistry();
        DocstoreJCacheMetrics.monitor(registry, cache);
        exercise(cache);

        cache.close();

        assertThat(registry.get("cache.puts").tag("cache", "closing").functionCounter().count()).isZero();
        assertThat(registry.get("cache.removals").tag("cache", "closing").functionCounter().count()).isZero();
        assertThat(registry.get("cache.size").tag("cache", "closing").gauge().value()).isZero();
    }

    @Test
    void onlyDocstoreCachesAreMeasured() {
        @SuppressWarnings("unchecked") // a mock-free stand-in: any JCache that is not docstore's
        Cache<String, String> foreign = (Cache<String, String>) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {Cache.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unwrap")) {
                        throw new IllegalArgumentException("not unwrappable");
                    }
                    return method.getName().equals("getName") ? "foreign" : null;
                });
        assertThatThrownBy(() -> new DocstoreJCacheMetrics(foreign, java.util.List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("docstore caches only");
    }
}
