package dev.docstore.jcache;

import dev.docstore.engine.Entry;
import dev.docstore.engine.StoreFigures;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.index.IndexRange;
import dev.docstore.index.Indexes;
import dev.docstore.index.Query;
import dev.docstore.index.QueryPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

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
            listener.accept(change);
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

    @Override
    public List<IndexInfo> indexes() {
        cache.ensureOpen();
        return indexes.list();
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
    public List<DocstoreCacheEntry<K, V>> scan(String index, IndexRange range, boolean descending, int limit) {
        cache.ensureOpen();
        var scan = indexes.scan(index).range(range).limit(limit);
        return toCacheEntries((descending ? scan.descending() : scan).list());
    }

    @Override
    public long count(String index, IndexRange range) {
        cache.ensureOpen();
        return indexes.scan(index).range(range).count();
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> query(UnaryOperator<Query<K, Object>> spec) {
        cache.ensureOpen();
        return toCacheEntries(spec.apply(indexes.query()).list());
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
