package dev.docstore.cluster;

import static java.util.Objects.requireNonNull;

import com.hazelcast.map.IMap;
import dev.docstore.jcache.BackgroundLoads;
import dev.docstore.jcache.CacheIntegration;
import dev.docstore.jcache.CacheStatistics;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.jcache.event.EventDispatcher;
import dev.docstore.jcache.expiry.ExpiryRules;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} whose entries live in a Hazelcast {@code IMap}, partitioned over the cluster's members with
 * backups. Every operation keeps the spec's semantics on the cluster: single-key operations are atomic on the key
 * (its cluster-wide lock, or one entry processor on its partition: {@link ClusterWrites}); the loader, writer, expiry
 * policy, entry processors and listeners run in this JVM, the one that called; bulk operations are atomic per key.
 * {@code unwrap(DocumentCache.class)} gives the index-aware view.
 *
 * <p>What differs from a local docstore cache, by nature: values are always stored by value (serialized by
 * Hazelcast); listeners hear of the changes made through this JVM's caches; statistics count this JVM's operations;
 * an iterator or a query reads each partition at its own moment (no snapshot).
 *
 * <p>Thread-safe.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ClusterCache<K, V> implements Cache<K, V> {
    private final ClusterCacheManager manager;
    private final String name;
    private final DocstoreConfiguration<K, V> configuration;
    private final IMap<K, StoredEntry> map;
    private final CacheStatistics statistics = new CacheStatistics();
    private final EventDispatcher<K, V> events;
    private final ExpiryRules expiry;
    private final CacheIntegration<K, V> integration;
    private final ClusterWrites<K, V> writes;
    private final ClusterBulk<K, V> bulk;
    private final Function<ClusterCache<K, V>, DocumentCache<K, V>> documentView;
    private final KeyedDecision<K, V, Boolean> put = KeyedDecisions.put();
    private final KeyedDecision<K, V, V> getAndPut = KeyedDecisions.getAndPut();
    private final KeyedDecision<K, V, Boolean> putIfAbsent = KeyedDecisions.putIfAbsent();
    private final KeyedDecision<K, V, Boolean> remove = KeyedDecisions.remove();
    private final KeyedDecision<K, V, V> getAndRemove = KeyedDecisions.getAndRemove();
    private final KeyedDecision<K, V, V> replace = KeyedDecisions.replace(null);
    /** Waited for when the cache closes, before the loader they call is closed. */
    private final BackgroundLoads loads = new BackgroundLoads(ForkJoinPool.commonPool());
    private volatile DocumentCache<K, V> documents;
    private volatile boolean closed;

    ClusterCache(ClusterCacheManager manager, String name, DocstoreConfiguration<K, V> configuration,
                 IMap<K, StoredEntry> map, Function<ClusterCache<K, V>, DocumentCache<K, V>> documentView) {
        this.manager = manager;
        this.name = name;
        this.configuration = configuration;
        this.map = map;
        this.documentView = documentView;
        Executor executor = ForkJoinPool.commonPool();
        this.events = new EventDispatcher<>(executor);
        this.expiry = new ExpiryRules(configuration.getExpiryPolicyFactory().create(),
                configuration.getClockFactory().create());
        CacheLoader<K, V> loader = configuration.getCacheLoaderFactory() == null ? null
                : configuration.getCacheLoaderFactory().create();
        CacheWriter<? super K, ? super V> writer = configuration.getCacheWriterFactory() == null ? null
                : configuration.getCacheWriterFactory().create();
        this.integration = new CacheIntegration<>(name, loader, writer, configuration.isReadThrough(),
                configuration.isWriteThrough());
        this.writes = new ClusterWrites<>(map, expiry, statistics, events, integration,
                new ValueIsolation(manager.connection().instance()));
        this.bulk = new ClusterBulk<>(name, map, writes, expiry.isEternal(), statistics, integration, loads);
        events.bind(this);
        for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
            events.register(listener);
        }
        statistics.setEnabled(configuration.isStatisticsEnabled());
    }

    @Override
    public V get(K key) {
        ensureOpen();
        requireNonNull(key, "key");
        long started = statistics.start();
        StoredEntry entry = expiry.isEternal() ? map.get(key) : writes.readAndTouch(key);
        V value;
        if (entry != null) {
            statistics.hit();
            value = KeyedDecision.valueOf(entry);
        } else {
            statistics.miss();
            value = integration.isReadThrough()
                    ? writes.operate(key, null, KeyedDecisions.loadIfAbsent(integration)) : null;
        }
        statistics.getTime(started);
        return value;
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        ensureOpen();
        return bulk.getAll(keys);
    }

    @Override
    public boolean containsKey(K key) {
        ensureOpen();
        return writes.live(requireNonNull(key, "key")) != null;
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
        ensureOpen();
        bulk.loadAll(keys, replaceExistingValues, completionListener);
    }

    @Override
    public void put(K key, V value) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        if (writes.isBlind()) {
            writes.putBlindly(key, value);
        } else {
            writes.operate(key, value, put);
        }
        statistics.putTime(started);
    }

    @Override
    public V getAndPut(K key, V value) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        V old = writes.operate(key, value, getAndPut);
        statistics.putTime(started);
        statistics.getTime(started);
        return old;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> entries) {
        ensureOpen();
        bulk.putAll(entries);
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        boolean stored = writes.operate(key, value, putIfAbsent);
        statistics.putTime(started);
        return stored;
    }

    @Override
    public boolean remove(K key) {
        ensureOpen();
        requireNonNull(key, "key");
        long started = statistics.start();
        boolean removed = writes.operate(key, null, remove);
        statistics.removeTime(started);
        return removed;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(oldValue, "old value");
        long started = statistics.start();
        boolean removed = writes.operate(key, null, KeyedDecisions.removeIfEquals(oldValue));
        statistics.removeTime(started);
        return removed;
    }

    @Override
    public V getAndRemove(K key) {
        ensureOpen();
        requireNonNull(key, "key");
        long started = statistics.start();
        V old = writes.operate(key, null, getAndRemove);
        statistics.removeTime(started);
        statistics.getTime(started);
        return old;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(oldValue, "old value");
        requireNonNull(newValue, "value");
        long started = statistics.start();
        boolean replaced = writes.operate(key, newValue, KeyedDecisions.replace(oldValue)) != null;
        statistics.putTime(started);
        return replaced;
    }

    @Override
    public boolean replace(K key, V value) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        boolean replaced = writes.operate(key, value, replace) != null;
        statistics.putTime(started);
        return replaced;
    }

    @Override
    public V getAndReplace(K key, V value) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        V old = writes.operate(key, value, replace);
        statistics.putTime(started);
        statistics.getTime(started);
        return old;
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        ensureOpen();
        bulk.removeAll(keys);
    }

    @Override
    public void removeAll() {
        ensureOpen();
        bulk.removeAll();
    }

    @Override
    public void clear() {
        ensureOpen();
        map.clear();
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
        requireNonNull(type, "type");
        synchronized (configuration) {
            if (type.isInstance(configuration)) {
                return type.cast(new DocstoreConfiguration<>(configuration));
            }
        }
        throw new IllegalArgumentException("the configuration of cache '" + name + "' is a "
                + DocstoreConfiguration.class.getName() + ", not a " + type.getName());
    }

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        ensureOpen();
        return ClusterProcessing.invoke(name, writes, integration, key, processor, arguments);
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                         Object... arguments) {
        ensureOpen();
        return ClusterProcessing.invokeAll(name, writes, integration, keys, processor, arguments);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    /** Closes this JVM's handle on the cache: its listeners, loader, writer and policy; the data stays. */
    @Override
    public void close() {
        synchronized (configuration) {
            if (closed) {
                return;
            }
            closed = true;
        }
        loads.closeAndAwait();
        manager.released(this);
        IOException failure = events.closeAll();
        failure = integration.close(failure);
        failure = CacheIntegration.closeQuietly(expiry.policy(), failure);
        if (failure != null) {
            throw new CacheException("closing cache '" + name + "' failed", failure);
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        requireNonNull(type, "type");
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (type == DocumentCache.class) {
            ensureOpen();
            DocumentCache<K, V> view = documents;
            if (view == null) {
                synchronized (configuration) {
                    view = documents;
                    if (view == null) {
                        view = documentView.apply(this);
                        documents = view;
                    }
                }
            }
            return type.cast(view);
        }
        if (type.isInstance(map)) {
            return type.cast(map);
        }
        throw new IllegalArgumentException("cache '" + name + "' cannot be unwrapped to " + type.getName()
                + "; it unwraps to " + ClusterCache.class.getName() + ", " + DocumentCache.class.getName()
                + " and com.hazelcast.map.IMap");
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
        ensureOpen();
        requireNonNull(listener, "listener configuration");
        synchronized (configuration) {
            if (events.isRegistered(listener)) {
                throw new IllegalArgumentException("listener " + listener + " is registered on cache '" + name
                        + "' already");
            }
            events.register(listener);
            configuration.addCacheEntryListenerConfiguration(listener);
        }
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listener) {
        ensureOpen();
        requireNonNull(listener, "listener configuration");
        synchronized (configuration) {
            if (events.deregister(listener)) {
                configuration.removeCacheEntryListenerConfiguration(listener);
            }
        }
    }

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        ensureOpen();
        return new ClusterCacheIterator<>(this, map, writes, statistics, expiry.isEternal());
    }

    /** The statistics counters of this JVM's operations on the cache: the object behind its statistics bean. */
    public CacheStatistics statistics() {
        return statistics;
    }

    /** The map behind the cache. */
    public IMap<K, StoredEntry> map() {
        return map;
    }

    /** Removes the expired entries now; returns how many. */
    public int evictExpired() {
        ensureOpen();
        return writes.expireAll();
    }

    void removeForIterator(K key) {
        long started = statistics.start();
        writes.operate(key, null, remove);
        statistics.removeTime(started);
    }

    void setStatisticsEnabled(boolean enabled) {
        synchronized (configuration) {
            configuration.setStatisticsEnabled(enabled);
            statistics.setEnabled(enabled);
        }
    }

    void setManagementEnabled(boolean enabled) {
        synchronized (configuration) {
            configuration.setManagementEnabled(enabled);
        }
    }

    boolean isStatisticsEnabled() {
        synchronized (configuration) {
            return configuration.isStatisticsEnabled();
        }
    }

    boolean isManagementEnabled() {
        synchronized (configuration) {
            return configuration.isManagementEnabled();
        }
    }

    /** Now, in milliseconds of the cache's clock: what {@link StoredEntry#expiresAt()} is measured in. */
    public long now() {
        return expiry.now();
    }

    /** The cache's name on the cluster, with its manager's namespace: what {@link ClusterMaps} names maps by. */
    public String qualifiedName() {
        return manager.qualified(name);
    }

    /** The Hazelcast member or client this JVM reaches the cluster through. */
    public com.hazelcast.core.HazelcastInstance instance() {
        return manager.connection().instance();
    }

    /**
     * Throws when this handle is closed.
     *
     * @throws IllegalStateException naming the cache
     */
    public void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cache '" + name + "' is closed");
        }
    }

    @Override
    public String toString() {
        return "ClusterCache[" + name + "]";
    }
}
