package dev.docstore.jcache;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.StoreFigures;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.index.IndexRange;
import dev.docstore.index.Indexes;
import dev.docstore.index.Query;
import dev.docstore.index.QueryPlan;
import dev.docstore.index.UniqueConstraintException;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.expiry.Expirable;
import dev.docstore.jcache.expiry.ExpiryRules;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * {@link DocumentCache} over a cache's store: turns engine entries into cache entries (expired ones left out, values
 * unwrapped and copied out as {@code get} would), and attaches the store's {@link Indexes} (with a
 * {@link PropertyFieldReader}) only when something needs them: creating an index, or a look-up, scan or query. Until
 * then the store has no write observer, so its writes pay nothing for indexes; listing indexes, reading figures,
 * sampling and listening to index changes attach nothing.
 *
 * <p>Thread-safe: the indexes are attached once, under a lock, and published through a volatile field that the cache's
 * writes read lock-free ({@link #checkUnique}).
 */
final class DocumentCacheView<K, V> implements DocumentCache<K, V> {
    private final CacheLifecycle<K, V> lifecycle;
    private final DocumentStore<K, Object> store;
    private final ExpiryRules expiry;
    private final ValueCopies copies;
    private final List<Consumer<IndexChange>> indexListeners = new CopyOnWriteArrayList<>();
    private final Object attaching = new Object();
    private volatile Indexes<K, Object> attached;
    /** Set once by the cache's {@code open}, before the cache is published. */
    CacheTransfer<K, V> transfer;

    DocumentCacheView(CacheLifecycle<K, V> lifecycle, DocumentStore<K, Object> store, ExpiryRules expiry,
                      ValueCopies copies) {
        this.lifecycle = lifecycle;
        this.store = store;
        this.expiry = expiry;
        this.copies = copies;
    }

    /** The indexes, attached to the store now if they were not yet. */
    private Indexes<K, Object> attachedIndexes() {
        Indexes<K, Object> indexes = attached;
        if (indexes == null) {
            synchronized (attaching) {
                indexes = attached;
                if (indexes == null) {
                    indexes = Indexes.attach(store, PropertyFieldReader.INSTANCE);
                    attached = indexes;
                }
            }
        }
        return indexes;
    }

    /** Whether the indexes are attached to the store (so its writes maintain them); for tests. */
    boolean isAttached() {
        return attached != null;
    }

    @Override
    public String getName() {
        return lifecycle.name();
    }

    @Override
    public IndexInfo createIndex(IndexDefinition definition) {
        lifecycle.ensureOpen();
        return announce(IndexChange.Kind.CREATED, attachedIndexes().create(definition));
    }

    @Override
    public void dropIndex(String name) {
        lifecycle.ensureOpen();
        IndexInfo before = attachedIndexes().info(name);
        attachedIndexes().drop(name);
        announce(IndexChange.Kind.DROPPED, before);
    }

    @Override
    public IndexInfo rebuildIndex(String name) {
        lifecycle.ensureOpen();
        return announce(IndexChange.Kind.REBUILT, attachedIndexes().rebuild(name));
    }

    private IndexInfo announce(IndexChange.Kind kind, IndexInfo index) {
        IndexChange change = new IndexChange(kind, lifecycle.name(), index, System.currentTimeMillis());
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
        lifecycle.ensureOpen();
        lifecycle.clear();
    }

    @Override
    public Optional<EvictionBound> evictionBound() {
        return lifecycle.evictionBound();
    }

    @Override
    public void setMaximum(long maximum) {
        lifecycle.setMaximum(maximum);
    }

    @Override
    public long exportTo(OutputStream out) {
        Objects.requireNonNull(out, "out must not be null");
        lifecycle.ensureOpen();
        try {
            return transfer.exportTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export cache '" + getName() + "': " + e.getMessage(), e);
        }
    }

    @Override
    public long exportTo(Path file) {
        Objects.requireNonNull(file, "file must not be null");
        lifecycle.ensureOpen();
        return transfer.exportTo(file);
    }

    @Override
    public ImportReport importFrom(InputStream in, ImportOptions options) {
        Objects.requireNonNull(in, "in must not be null");
        Objects.requireNonNull(options, "options must not be null");
        lifecycle.ensureOpen();
        return transfer.importFrom(in, "the stream", options);
    }

    @Override
    public ImportReport importFrom(Path file, ImportOptions options) {
        Objects.requireNonNull(file, "file must not be null");
        Objects.requireNonNull(options, "options must not be null");
        lifecycle.ensureOpen();
        return transfer.importFrom(file, options);
    }

    /** {@link Indexes#checkUniqueEach} on the attached indexes; nothing to check when none are attached. */
    <T> void checkUniqueEach(Iterable<T> items, Function<? super T, K> key, Function<? super T, Object> value,
                             BiConsumer<? super T, UniqueConstraintException> refused) {
        Indexes<K, Object> indexes = attached;
        if (indexes != null) {
            indexes.checkUniqueEach(items, key, value, refused);
        }
    }

    /** Throws a {@link CacheException} when a unique index would refuse {@code value} for {@code key}. */
    void checkUnique(K key, Object value) {
        Indexes<K, Object> indexes = attached;
        if (indexes == null) {
            return; // no index, so none unique
        }
        try {
            indexes.checkUnique(key, value);
        } catch (UniqueConstraintException e) {
            throw IntegrationFailures.ofRefusal(e);
        }
    }

    /** Throws a {@link CacheException} when a unique index would refuse any value of {@code batch}. */
    void checkUnique(Map<K, ?> batch) {
        Indexes<K, Object> indexes = attached;
        if (indexes == null) {
            return;
        }
        try {
            indexes.checkUnique(batch);
        } catch (UniqueConstraintException e) {
            throw IntegrationFailures.ofRefusal(e);
        }
    }

    @Override
    public List<IndexInfo> indexes() {
        lifecycle.ensureOpen();
        return indexesUnchecked();
    }

    /** {@link #indexes()} without the open check: the last save of a closing cache runs once it is marked closed. */
    List<IndexInfo> indexesUnchecked() {
        Indexes<K, Object> indexes = attached;
        return indexes == null ? List.of() : indexes.list();
    }

    @Override
    public List<String> indexNames() {
        lifecycle.ensureOpen();
        Indexes<K, Object> indexes = attached;
        return indexes == null ? List.of() : indexes.names();
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> lookup(String index, Object... values) {
        lifecycle.ensureOpen();
        return toCacheEntries(attachedIndexes().lookup(index, values));
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> range(String index, Object min, Object max) {
        lifecycle.ensureOpen();
        return toCacheEntries(attachedIndexes().range(index, min, max));
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> scan(String index, IndexRange range, boolean descending, long offset,
            int limit) {
        lifecycle.ensureOpen();
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        var scan = attachedIndexes().scan(index).range(range);
        scan = descending ? scan.descending() : scan;
        if (expiry.isEternal()) {
            return toCacheEntries(scan.offset(offset).limit(limit).list());
        }
        // expired entries not yet reclaimed are still indexed: leave them out before the offset and limit, not after
        return page(toCacheEntries(scan.list()), offset, limit);
    }

    @Override
    public long count(String index, IndexRange range) {
        lifecycle.ensureOpen();
        var scan = attachedIndexes().scan(index).range(range);
        return expiry.isEternal() ? scan.count() : toCacheEntries(scan.list()).size();
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> query(UnaryOperator<Query<K, Object>> spec) {
        lifecycle.ensureOpen();
        Query<K, Object> query = spec.apply(attachedIndexes().query());
        if (expiry.isEternal()) {
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
        lifecycle.ensureOpen();
        return spec.apply(attachedIndexes().query()).explain();
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> sample(int limit) {
        lifecycle.ensureOpen();
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        try (var entries = store.stream()) {
            return toCacheEntries(entries.limit(limit).toList());
        }
    }

    @Override
    public int evictExpired() {
        lifecycle.ensureOpen();
        return lifecycle.sweep();
    }

    @Override
    public StoreFigures figures() {
        lifecycle.ensureOpen();
        return store.figures();
    }

    private List<DocstoreCacheEntry<K, V>> toCacheEntries(List<Entry<K, Object>> entries) {
        if (expiry.isEternal()) {
            return new CacheEntries<>(entries, copies);
        }
        long now = expiry.now();
        List<DocstoreCacheEntry<K, V>> result = new ArrayList<>(entries.size());
        for (Entry<K, Object> entry : entries) {
            if (entry.value() instanceof Expirable expirable && expirable.isExpired(now)) {
                continue;
            }
            result.add(new DocstoreCacheEntry<>(copies.out(entry.key()),
                    copies.out(Expirable.<V>valueOf(entry)), entry.version()));
        }
        return result;
    }
}
