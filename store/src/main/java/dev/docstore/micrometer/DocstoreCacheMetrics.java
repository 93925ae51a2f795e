package dev.docstore.micrometer;

import dev.docstore.engine.StoreClosedException;
import dev.docstore.engine.StoreFigures;
import dev.docstore.jcache.DocstoreCache;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Objects;
import java.util.function.ToDoubleFunction;
import javax.cache.Cache;

/**
 * Publishes one docstore cache's figures to Micrometer. Every meter is tagged {@code cache} (the cache's name) and
 * {@code cacheManager} (its manager's URI), plus the tags given:
 * <ul>
 *   <li>gauges {@code docstore.cache.documents}, {@code docstore.cache.versions.retained} (versions held only for open
 *       snapshots) and {@code docstore.cache.snapshots.open};</li>
 *   <li>per index, tagged {@code index}: gauges {@code docstore.index.entries}, {@code docstore.index.distinct.keys},
 *       {@code docstore.index.bytes} (estimated, base unit bytes); function counters {@code docstore.index.lookups}
 *       and {@code docstore.index.range.scans}; time gauges {@code docstore.index.query.time.mean} and
 *       {@code docstore.index.query.time.p99}.</li>
 * </ul>
 * Per-index meters follow the cache: an index created after binding gets its meters, a dropped one loses them.
 * The hit, miss, put and removal counts are not repeated here: bind {@link DocstoreJCacheMetrics} for those, or
 * Micrometer's {@code JCacheMetrics} (it works unchanged against docstore caches with statistics and management
 * enabled, except for cache names holding {@code =}, {@code ,} or a line break, which it refuses).
 *
 * <p>Index figures are read at most once per {@code indexFiguresMaxAge} (default one second)
 * and shared by the meters, because one reading counts the distinct keys of every index, a walk over its entries:
 * a scrape then walks each index once rather than once per meter per index.
 *
 * <p>Concurrency contract: thread-safe. {@link #bindTo} may be called from any thread and for several registries.
 * Meters are read on the registry's threads while the cache is in use; each value is exact for some moment during the
 * read (see {@link StoreFigures}). Per-index meters are added or removed on the thread that creates or drops the
 * index, before {@code createIndex}/{@code dropIndex} returns.
 *
 * <p>Lifetime: the binder and the meters hold the cache weakly, as Micrometer's cache binders do, so monitoring never
 * keeps a cache alive; once the cache is closed (or collected) its gauges read {@code NaN} and its counters keep their
 * last count (as Micrometer's function counters do when their object is gone). Meters stay registered
 * until the registry removes them; a cache recreated under the same name and manager has the same meter ids, so remove
 * the old meters before binding the new cache.
 */
public final class DocstoreCacheMetrics implements MeterBinder {
    /** How old the shared reading of index figures may be, unless told otherwise. */
    public static final Duration DEFAULT_INDEX_FIGURES_MAX_AGE = Duration.ofSeconds(1);

    private final WeakReference<DocstoreCache<?, ?>> cacheRef;
    private final Tags tags;
    private final Duration indexFiguresMaxAge;

    /** Metrics for {@code cache}, with no extra tags. */
    public DocstoreCacheMetrics(Cache<?, ?> cache) {
        this(cache, Tags.empty());
    }

    /** Metrics for {@code cache}, with extra {@code tags} on every meter. */
    public DocstoreCacheMetrics(Cache<?, ?> cache, Iterable<Tag> tags) {
        this(cache, tags, DEFAULT_INDEX_FIGURES_MAX_AGE);
    }

    /**
     * Metrics for {@code cache}, with extra {@code tags}, reading index figures at most once per
     * {@code indexFiguresMaxAge} ({@link Duration#ZERO}: on every meter read).
     *
     * @throws IllegalArgumentException if {@code cache} is not a docstore cache and does not unwrap to one
     */
    public DocstoreCacheMetrics(Cache<?, ?> cache, Iterable<Tag> tags, Duration indexFiguresMaxAge) {
        DocstoreCache<?, ?> docstore = docstoreCache(cache);
        Objects.requireNonNull(tags, "tags must not be null");
        Objects.requireNonNull(indexFiguresMaxAge, "indexFiguresMaxAge must not be null");
        if (indexFiguresMaxAge.isNegative()) {
            throw new IllegalArgumentException("indexFiguresMaxAge must not be negative, was " + indexFiguresMaxAge);
        }
        this.cacheRef = new WeakReference<>(docstore);
        this.tags = Tags.of(tags).and("cache", docstore.getName(),
                "cacheManager", docstore.getCacheManager().getURI().toString());
        this.indexFiguresMaxAge = indexFiguresMaxAge;
    }

    /** Binds metrics for {@code cache} to {@code registry}, with tags as key-value pairs; returns the registry. */
    public static MeterRegistry monitor(MeterRegistry registry, Cache<?, ?> cache, String... tags) {
        return monitor(registry, cache, Tags.of(tags));
    }

    /** Binds metrics for {@code cache} to {@code registry}, with extra tags; returns the registry. */
    public static MeterRegistry monitor(MeterRegistry registry, Cache<?, ?> cache, Iterable<Tag> tags) {
        new DocstoreCacheMetrics(cache, tags).bindTo(registry);
        return registry;
    }

    /** Registers the meters; a cache already closed or collected gets none, as there is nothing left to measure. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry must not be null");
        DocstoreCache<?, ?> cache = cacheRef.get();
        if (cache == null || cache.isClosed()) {
            return;
        }
        storeGauge(registry, cache, "docstore.cache.documents", "Live documents (entries) in the cache",
                StoreFigures::documents);
        storeGauge(registry, cache, "docstore.cache.versions.retained",
                "Older versions and deletions held only because open snapshots may read them",
                StoreFigures::retainedVersions);
        storeGauge(registry, cache, "docstore.cache.snapshots.open", "Snapshots (iterations, queries) not yet released",
                StoreFigures::openSnapshots);
        IndexMeters.follow(cache, registry, tags, indexFiguresMaxAge);
    }

    private void storeGauge(MeterRegistry registry, DocstoreCache<?, ?> cache, String name, String description,
                            ToDoubleFunction<StoreFigures> figure) {
        // the cache is the gauge's (weakly held) state, and the function captures no binder: the registry keeps
        // neither the cache nor this object alive
        Gauge.builder(name, cache, c -> readStore(c, figure)).tags(tags).description(description).register(registry);
    }

    private static double readStore(DocstoreCache<?, ?> cache, ToDoubleFunction<StoreFigures> figure) {
        if (cache.isClosed()) {
            return Double.NaN;
        }
        try {
            return figure.applyAsDouble(cache.figures());
        } catch (IllegalStateException | StoreClosedException closedMeanwhile) {
            // closed between the check and the read: the cache throws the first, its store the second
            return Double.NaN;
        }
    }

    static DocstoreCache<?, ?> docstoreCache(Cache<?, ?> cache) {
        Objects.requireNonNull(cache, "cache must not be null");
        if (cache instanceof DocstoreCache<?, ?> docstore) {
            return docstore;
        }
        DocstoreCache<?, ?> unwrapped;
        try {
            unwrapped = cache.unwrap(DocstoreCache.class);
        } catch (RuntimeException notOurs) {
            // the spec says IllegalArgumentException, but providers differ; any failure means "not a docstore cache"
            throw notDocstore(cache, notOurs);
        }
        if (unwrapped == null) {
            throw notDocstore(cache, null);
        }
        return unwrapped;
    }

    private static IllegalArgumentException notDocstore(Cache<?, ?> cache, RuntimeException cause) {
        return new IllegalArgumentException("DocstoreCacheMetrics measures docstore caches only: cache '"
                + cache.getName() + "' is a " + cache.getClass().getName() + " and does not unwrap to "
                + DocstoreCache.class.getName() + "; bind Micrometer's JCacheMetrics to it instead", cause);
    }
}
