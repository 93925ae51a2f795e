package dev.docstore.micrometer;

import dev.docstore.engine.StoreClosedException;
import dev.docstore.jcache.CacheStatistics;
import dev.docstore.jcache.DocstoreCache;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.cache.CacheMeterBinder;
import java.util.function.ToLongFunction;
import javax.cache.Cache;

/**
 * The meters Micrometer's {@code JCacheMetrics} publishes ({@code cache.gets} tagged {@code result=hit|miss},
 * {@code cache.puts}, {@code cache.evictions}, {@code cache.removals}) plus {@code cache.size}, read from a docstore
 * cache's statistics directly instead of through JMX.
 *
 * <p>{@code JCacheMetrics} finds the statistics MXBean by a name it builds without the specification's escaping, so
 * it refuses a cache whose name holds {@code =}, {@code ,} or a line break ({@code InvalidConfigurationException}),
 * and it reads 0 while the bean is not registered. This binder reads the counters themselves and works for every
 * cache name. The counts are the
 * statistics' (so zero while statistics are off, and reset by {@code CacheStatisticsMXBean.clear()}).
 *
 * <p>Concurrency contract: thread-safe; meters are read on the registry's threads. The cache is held weakly (by
 * {@link CacheMeterBinder}); once it is closed or collected the meters read 0.
 */
public final class DocstoreJCacheMetrics extends CacheMeterBinder<DocstoreCache<?, ?>> {
    /** The meters for {@code cache}, tagged {@code cache} with its name, plus {@code tags}. */
    public DocstoreJCacheMetrics(Cache<?, ?> cache, Iterable<Tag> tags) {
        super(DocstoreCacheMetrics.docstoreCache(cache), cache.getName(), tags);
    }

    /** Binds the meters for {@code cache} to {@code registry}, with tags as key-value pairs; returns the registry. */
    public static MeterRegistry monitor(MeterRegistry registry, Cache<?, ?> cache, String... tags) {
        new DocstoreJCacheMetrics(cache, Tags.of(tags)).bindTo(registry);
        return registry;
    }

    @Override
    protected Long size() {
        DocstoreCache<?, ?> cache = getCache();
        if (cache == null || cache.isClosed()) {
            return null;
        }
        try {
            return cache.figures().documents();
        } catch (IllegalStateException | StoreClosedException closedMeanwhile) {
            return null;
        }
    }

    @Override
    protected long hitCount() {
        return read(CacheStatistics::getCacheHits);
    }

    @Override
    protected Long missCount() {
        return read(CacheStatistics::getCacheMisses);
    }

    @Override
    protected Long evictionCount() {
        return read(CacheStatistics::getCacheEvictions);
    }

    @Override
    protected long putCount() {
        return read(CacheStatistics::getCachePuts);
    }

    @Override
    protected void bindImplementationSpecificMetrics(MeterRegistry registry) {
        DocstoreCache<?, ?> cache = getCache();
        if (cache == null) {
            return;
        }
        FunctionCounter.builder("cache.removals", cache, c -> c.isClosed() ? 0 : c.statistics().getCacheRemovals())
                .tags(getTagsWithCacheName()).description("Cache removals").register(registry);
    }

    private long read(ToLongFunction<CacheStatistics> counter) {
        DocstoreCache<?, ?> cache = getCache();
        return cache == null || cache.isClosed() ? 0 : counter.applyAsLong(cache.statistics());
    }
}
