package dev.docstore.quarkus.runtime;

import dev.docstore.micrometer.DocstoreCacheMetrics;
import dev.docstore.micrometer.DocstoreJCacheMetrics;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Binds each docstore cache's meters to Micrometer's global registry, where quarkus-micrometer's registries read them
 * (as quarkus-cache binds its Caffeine caches): the {@code cache.*} meters of Micrometer's cache binders from the JCache
 * statistics when the cache keeps statistics, and docstore's document and index figures always. Every meter is tagged
 * {@code cache} and {@code cacheManager}, and the manager's meters are removed when it closes, so an application
 * restarted in the same JVM (dev mode, tests) binds fresh ones. Loaded only when quarkus-micrometer is present.
 *
 * <p>Thread-safe: stateless; Micrometer's registries are thread-safe.
 */
public final class MicrometerCacheMeters implements CacheObserver {
    private static final String MANAGER_TAG = "cacheManager";

    private final MeterRegistry registry;

    /** Binds to {@code registry}. */
    public MicrometerCacheMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Binds to Micrometer's global registry. */
    public static MicrometerCacheMeters global() {
        return new MicrometerCacheMeters(Metrics.globalRegistry);
    }

    @Override
    public void opened(Cache<?, ?> cache) {
        if (DocstoreCaches.statisticsEnabled(cache)) {
            // not Micrometer's JCacheMetrics: it refuses cache names holding '=', ',' or a line break
            new DocstoreJCacheMetrics(cache, Tags.of(MANAGER_TAG, cache.getCacheManager().getURI().toString()))
                    .bindTo(registry);
        }
        DocstoreCacheMetrics.monitor(registry, cache, Tags.empty());
    }

    @Override
    public void closing(CacheManager manager) {
        String uri = manager.getURI().toString();
        List<Meter> ofManager = registry.getMeters().stream()
                .filter(meter -> uri.equals(meter.getId().getTag(MANAGER_TAG)))
                .toList();
        ofManager.forEach(registry::remove);
    }
}
