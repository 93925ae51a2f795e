package dev.docstore.jcache;

import static dev.docstore.jcache.Arguments.requireNonNull;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.StoreFigures;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.expiry.ExpiryRules;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} over a docstore engine: every method with the spec's semantics. It checks arguments, times
 * operations for the statistics and hands the work to its parts: single-key writes to {@link KeyedWrites} with a
 * {@link KeyedDecisions decision} each, bulk operations to {@link BulkOperations}, entry processors to
 * {@link EntryProcessing}, indexes to {@link DocumentCacheView}, everything else to {@link CacheLifecycle}.
 *
 * <p>Thread-safe: see {@link KeyedWrites} for the concurrency contract of the operations.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DocstoreCache<K, V> implements Cache<K, V> {
    private final CacheLifecycle<K, V> lifecycle;
    private final DocumentStore<K, Object> store;
    private final KeyedWrites<K, V> writes;
    private final BulkOperations<K, V> bulk;
    private final EntryProcessing<K, V> processing;
    private final DocumentCacheView<K, V> documents;
    private final ExpiryRules expiry;
    private final ValueCopies copies;
    private final CacheIntegration<K, V> integration;
    private final CacheStatistics statistics;
    private final KeyedDecision<K, V, Boolean> put = KeyedDecisions.put();
    private final KeyedDecision<K, V, V> getAndPut = KeyedDecisions.getAndPut();
    private final KeyedDecision<K, V, Boolean> putIfAbsent = KeyedDecisions.putIfAbsent();
    private final KeyedDecision<K, V, Boolean> remove = KeyedDecisions.remove();
    private final KeyedDecision<K, V, V> getAndRemove = KeyedDecisions.getAndRemove();
    private final KeyedDecision<K, V, V> replace = KeyedDecisions.replace(null);

    DocstoreCache(CacheLifecycle<K, V> lifecycle, DocumentStore<K, Object> store, KeyedWrites<K, V> writes,
                  BulkOperations<K, V> bulk, EntryProcessing<K, V> processing, DocumentCacheView<K, V> documents,
                  ExpiryRules expiry, ValueCopies copies, CacheIntegration<K, V> integration) {
        this.lifecycle = lifecycle;
        this.store = store;
        this.writes = writes;
        this.bulk = bulk;
        this.processing = processing;
        this.documents = documents;
        this.expiry = expiry;
        this.copies = copies;
        this.integration = integration;
        this.statistics = lifecycle.statistics();
    }

    @Override
    public V get(K key) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        long started = statistics.start();
        var entry = writes.live(key);
        V value;
        if (entry != null) {
            statistics.hit();
            writes.recordRead(entry);
            expiry.touch(entry);
            value = expiry.keptValue(entry);
        } else {
            statistics.miss();
            value = integration.isReadThrough()
                    ? writes.operate(key, null, null, KeyedDecisions.loadIfAbsent(integration)) : null;
        }
        statistics.getTime(started);
        return copies.out(value);
    }

    @Override
    public boolean containsKey(K key) {
        lifecycle.ensureOpen();
        return writes.live(requireNonNull(key, "key")) != null;
    }

    @Override
    public void put(K key, V value) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        V kept = copies.valueIn(value);
        if (writes.isBlind()) {
            // nothing to call or order: a blind write, without the key's lock (see KeyedWrites)
            writes.putBlindly(copies.keyIn(key), kept);
        } else {
            writes.operate(key, value, kept, put);
        }
        statistics.putTime(started);
    }

    @Override
    public V getAndPut(K key, V value) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        V old = writes.operate(key, value, copies.valueIn(value), getAndPut);
        statistics.putTime(started);
        statistics.getTime(started);
        return copies.out(old);
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        boolean stored = writes.operate(key, value, copies.valueIn(value), putIfAbsent);
        statistics.putTime(started);
        return stored;
    }

    @Override
    public boolean remove(K key) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        long started = statistics.start();
        boolean removed = writes.operate(key, null, null, remove);
        statistics.removeTime(started);
        return removed;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(oldValue, "old value");
        long started = statistics.start();
        boolean removed = writes.operate(key, null, null, KeyedDecisions.removeIfEquals(oldValue));
        statistics.removeTime(started);
        return removed;
    }

    @Override
    public V getAndRemove(K key) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        long started = statistics.start();
        V old = writes.operate(key, null, null, getAndRemove);
        statistics.removeTime(started);
        statistics.getTime(started);
        return copies.out(old);
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(oldValue, "old value");
        requireNonNull(newValue, "value");
        long started = statistics.start();
        boolean replaced = writes.operate(key, newValue, copies.valueIn(newValue),
                KeyedDecisions.replace(oldValue)) != null;
        statistics.putTime(started);
        return replaced;
    }

    @Override
    public boolean replace(K key, V value) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        boolean replaced = writes.operate(key, value, copies.valueIn(value), replace) != null;
        statistics.putTime(started);
        return replaced;
    }

    @Override
    public V getAndReplace(K key, V value) {
        lifecycle.ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        V old = writes.operate(key, value, copies.valueIn(value), replace);
        statistics.putTime(started);
        statistics.getTime(started);
        return copies.out(old);
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        lifecycle.ensureOpen();
        return bulk.getAll(keys);
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        lifecycle.ensureOpen();
        bulk.putAll(entries);
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        lifecycle.ensureOpen();
        bulk.removeAll(keys);
    }

    @Override
    public void removeAll() {
        lifecycle.ensureOpen();
        bulk.removeAll();
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExisting, CompletionListener listener) {
        lifecycle.ensureOpen();
        bulk.loadAll(keys, replaceExisting, listener);
    }

    @Override
    public void clear() {
        lifecycle.ensureOpen();
        writes.clear();
    }

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        lifecycle.ensureOpen();
        return processing.invoke(key, processor, arguments);
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                         Object... arguments) {
        lifecycle.ensureOpen();
        return processing.invokeAll(keys, processor, arguments);
    }

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        lifecycle.ensureOpen();
        return new CacheIterator<>(lifecycle, store.stream(), writes, expiry, copies, statistics);
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
        lifecycle.ensureOpen();
        lifecycle.registerListener(requireNonNull(configuration, "listener configuration"));
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
        lifecycle.ensureOpen();
        lifecycle.deregisterListener(requireNonNull(configuration, "listener configuration"));
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
        return lifecycle.configuration(type);
    }

    @Override
    public String getName() {
        return lifecycle.name();
    }

    @Override
    public CacheManager getCacheManager() {
        return lifecycle.manager();
    }

    /**
     * Closes the cache and, if it has a warm restart, saves its documents to the file first; a failed save is thrown
     * as a {@link WarmRestartException} once the cache is closed all the same.
     */
    @Override
    public void close() {
        lifecycle.close();
    }

    /** Closes the cache for {@link DocstoreCacheManager#destroyCache}: a warm-restart file is deleted, not saved. */
    void destroy() {
        lifecycle.destroy();
    }

    @Override
    public boolean isClosed() {
        return lifecycle.isClosed();
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        requireNonNull(type, "type");
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (type == DocumentCache.class) {
            return type.cast(documents());
        }
        throw new IllegalArgumentException("cache '" + getName() + "' cannot be unwrapped to " + type.getName()
                + "; it unwraps to " + DocstoreCache.class.getName() + " and " + DocumentCache.class.getName());
    }

    /** The cache's statistics counters: the object behind its statistics MXBean. */
    public CacheStatistics statistics() {
        return statistics;
    }

    /**
     * The store's figures (documents, versions held, open snapshots), read without involving indexes: what management
     * and metrics read, so that watching a cache never attaches index maintenance to it.
     *
     * @throws IllegalStateException if the cache is closed
     */
    public StoreFigures figures() {
        lifecycle.ensureOpen();
        return store.figures();
    }

    /** Whether management is enabled (read without locking, for management's own bookkeeping). */
    public boolean isManagementEnabled() {
        return lifecycle.isManagementEnabled();
    }

    /**
     * The index-aware view of this cache; the same as {@code unwrap(DocumentCache.class)}. It attaches index
     * maintenance only once an index is created or queried.
     *
     * @throws IllegalStateException if the cache is closed
     */
    public DocumentCache<K, V> documents() {
        lifecycle.ensureOpen();
        return documents;
    }

    @Override
    public String toString() {
        return "DocstoreCache[" + getName() + "]";
    }

    /** {@code CacheManager.enableStatistics} for this cache. */
    void setStatisticsEnabled(boolean enabled) {
        lifecycle.setStatisticsEnabled(enabled);
    }

    /** {@code CacheManager.enableManagement} for this cache. */
    void setManagementEnabled(boolean enabled) {
        lifecycle.setManagementEnabled(enabled);
    }
}
