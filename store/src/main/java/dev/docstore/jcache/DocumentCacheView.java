package dev.docstore.jcache;

import dev.docstore.engine.Entry;
import dev.docstore.engine.StoreFigures;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.index.IndexRange;
import dev.docstore.index.Indexes;
import dev.docstore.index.Query;
import dev.docstore.index.QueryPlan;
import dev.docstore.index.UniqueConstraintException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.cache.CacheException;

/**
 * {@link DocumentCache} over a cache's store: attaches the store's {@link Indexes} (with a {@link PropertyFieldReader})
 * when first made, and turns engine entries into cache entries: expired ones left out, values unwrapped and copied
 * out as {@code get} would. Thread-safe.
 */
final class DocumentCacheView<K, V> implements DocumentCache<K, V> {
    private final DocstoreCache<K, V> cache;
    private final Indexes<K, Object> indexes;
    private final List<Consumer<IndexChange>> indexListeners = new CopyOnWriteArrayList<>();

    DocumentCacheView(DocstoreCache<K, V> cache) {
        this.cache = cache;
        this.indexes = Indexes.attach(cache.store, PropertyFieldReader.INSTANCE);
    }

    @Override
    public String getName() {
        return cache.getName();
    }

    @Override
    public IndexInfo createIndex(IndexDefinition definition) {
        cache.ensureOpen();
        return announce(IndexChange.Kind.CREATED, indexes.create(definition));
    }

    @Override
    public void dropIndex(String name) {
        cache.ensureOpen();
        IndexInfo before = indexes.info(name);
        indexes.drop(name);
        announce(IndexChange.Kind.DROPPED, before);
    }

    @Override
    public IndexInfo rebuildIndex(String name) {
        cache.ensureOpen();
        return announce(IndexChange.Kind.REBUILT, indexes.rebuild(name));
    }

    private IndexInfo announce(IndexChange.Kind kind, IndexInfo index) {
        IndexChange change = new IndexChange(kind, cache.getName(), index, System.currentTimeMillis());
        for (Consumer<IndexChange> listener : indexListeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                // the change is made; one listener's failure must not hide it from the others or the caller
            }
        }
        return index;
    }

    @Override
    public void addIndexListener(Consumer<IndexChange> listener) {
        indexListeners.add(Objects.requireNonNull(listener, "listener must not be null"));
    }

    @Override
    public void removeIndexListener(Consumer<IndexChange> listener) {
        indexListeners.remove(listener);
    }

    @Override
    public void clear() {
        cache.clear();
    }

    /** Throws a {@link CacheException} when a unique index would refuse {@code value} for {@code key}. */
    void checkUnique(K key, Object value) {
        try {
            indexes.checkUnique(key, value);
        } catch (UniqueConstraintException e) {
            throw new CacheException(e.getMessage(), e);
        }
    }

    /** Throws a {@link CacheException} when a unique index would refuse any value of {@code batch}. */
    void checkUnique(Map<K, ?> batch) {
        try {
            indexes.checkUnique(batch);
        } catch (UniqueConstraintException e) {
            throw new CacheException(e.getMessage(), e);
        }
    }

    @Override
    public List<IndexInfo> indexes() {
        cache.ensureOpen();
        return indexes.list();
    }

    @Override
    public List<String> indexNames() {
        cache.ensureOpen();
        return indexes.names();
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> lookup(String index, Object... values) {
        cache.ensureOpen();
        return toCacheEntries(indexes.lookup(index, values));
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> range(String index, Object min, Object max) {
        cache.ensureOpen();
        return toCacheEntries(indexes.range(index, min, max));
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> scan(String index, IndexRange range, boolean descending, long offset,
            int limit) {
        cache.ensureOpen();
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        var scan = indexes.scan(index).range(range);
        scan = descending ? scan.descending() : scan;
        if (cache.expiry.isEternal()) {
            return toCacheEntries(scan.offset(offset).limit(limit).list());
        }
        // expired entries not yet reclaimed are still indexed: leave them out before the offset and limit, not after
        return page(toCacheEntries(scan.list()), offset, limit);
    }

    @Override
    public long count(String index, IndexRange range) {
        cache.ensureOpen();
        var scan = indexes.scan(index).range(range);
        return cache.expiry.isEternal() ? scan.count() : toCacheEntries(scan.list()).size();
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> query(UnaryOperator<Query<K, Object>> spec) {
        cache.ensureOpen();
        Query<K, Object> query = spec.apply(indexes.query());
        if (cache.expiry.isEternal()) {
            return toCacheEntries(query.list());
        }
        int limit = query.currentLimit();
        long offset = query.currentOffset();
        return page(toCacheEntries(query.offset(0).limit(Integer.MAX_VALUE).list()), offset, limit);
    }

    /** At most {@code limit} of {@code live} from position {@code offset}. */
    private static <T> List<T> page(List<T> live, long offset, int limit) {
        int from = (int) Math.min(offset, live.size());
        int to = (int) Math.min(live.size(), from + (long) limit);
        return List.copyOf(live.subList(from, to));
    }

    @Override
    public QueryPlan explain(UnaryOperator<Query<K, Object>> spec) {
        cache.ensureOpen();
        return spec.apply(indexes.query()).explain();
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> sample(int limit) {
        cache.ensureOpen();
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        try (var entries = cache.store.stream()) {
            return toCacheEntries(entries.limit(limit).toList());
        }
    }

    @Override
    public int evictExpired() {
        cache.ensureOpen();
        return cache.lifecycle.sweep();
    }

    @Override
    public StoreFigures figures() {
        cache.ensureOpen();
        return cache.store.figures();
    }

    private List<DocstoreCacheEntry<K, V>> toCacheEntries(List<Entry<K, Object>> entries) {
        if (cache.expiry.isEternal()) {
            return new CacheEntries<>(entries, cache.copies);
        }
        long now = cache.expiry.now();
        List<DocstoreCacheEntry<K, V>> result = new ArrayList<>(entries.size());
        for (Entry<K, Object> entry : entries) {
            if (entry.value() instanceof Expirable expirable && expirable.isExpired(now)) {
                continue;
            }
            result.add(new DocstoreCacheEntry<>(cache.copies.out(entry.key()),
                    cache.copies.out(CacheCore.<V>valueOf(entry)), entry.version()));
        }
        return result;
    }
}
