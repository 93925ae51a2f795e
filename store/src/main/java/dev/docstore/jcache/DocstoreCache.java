package dev.docstore.jcache;

import dev.docstore.engine.DocumentStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} over a docstore engine: every method with the spec's semantics. The bulk and integration
 * operations are in {@link CacheBulk}; the primitives in {@link CacheCore}; lifecycle in {@link CacheLifecycle}.
 *
 * <p>Thread-safe: see {@link CacheCore} for the concurrency contract.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DocstoreCache<K, V> extends CacheBulk<K, V> implements Cache<K, V> {
    DocstoreCache(CacheLifecycle<K, V> lifecycle, DocumentStore<K, Object> store, ExpiryRules expiry,
                  ValueCopies copies, CacheStatistics statistics, EventDispatcher<K, V> events,
                  CacheLoader<K, V> loader, CacheWriter<? super K, ? super V> writer) {
        super(lifecycle, store, expiry, copies, statistics, events, loader, writer);
    }

    @Override
    public V get(K key) {
        ensureOpen();
        requireNonNull(key, "key");
        long started = statistics.start();
        var entry = live(key);
        V value;
        if (entry != null) {
            statistics.hit();
            touch(entry);
            value = keptValue(entry);
        } else {
            statistics.miss();
            value = readThrough ? loadAndStore(key) : null;
        }
        statistics.getTime(started);
        return copies.out(value);
    }

    @Override
    public boolean containsKey(K key) {
        ensureOpen();
        return live(requireNonNull(key, "key")) != null;
    }

    @Override
    public void put(K key, V value) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        K keptKey = copies.keyIn(key);
        V kept = copies.valueIn(value);
        if (!writeThrough && expiry.isEternal() && !events.hasListeners()) {
            // nothing to call or order: a blind write, without the key's lock (see CacheCore)
            putBlindly(keptKey, kept);
            statistics.putTime(started);
            return;
        }
        // mutate(...) spelled out: its capturing lambda cost an allocation on the hottest write
        ReentrantLock lock = locks.of(key);
        lock.lock();
        try {
            var current = live(key);
            admit(key, kept);
            writeThrough(key, value);
            storeValue(keptKey, kept, current, true);
        } finally {
            lock.unlock();
        }
        statistics.putTime(started);
    }

    @Override
    public V getAndPut(K key, V value) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        K keptKey = copies.keyIn(key);
        V kept = copies.valueIn(value);
        V old = mutate(key, current -> {
            admit(key, kept);
            writeThrough(key, value);
            countHitOrMiss(current);
            storeValue(keptKey, kept, current, true);
            return valueOf(current);
        });
        statistics.putTime(started);
        statistics.getTime(started);
        return copies.out(old);
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        long started = statistics.start();
        K keptKey = copies.keyIn(key);
        V kept = copies.valueIn(value);
        boolean stored = mutate(key, current -> {
            if (current != null) {
                statistics.hit();
                return false;
            }
            statistics.miss();
            admit(key, kept);
            writeThrough(key, value);
            return storeValue(keptKey, kept, null, true);
        });
        statistics.putTime(started);
        return stored;
    }

    @Override
    public boolean remove(K key) {
        ensureOpen();
        long started = statistics.start();
        boolean removed = removeCurrent(key, false) != null;
        statistics.removeTime(started);
        return removed;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(oldValue, "old value");
        long started = statistics.start();
        boolean removed = mutate(key, current -> {
            if (current == null) {
                statistics.miss();
                return false;
            }
            statistics.hit();
            if (!Objects.equals(valueOf(current), oldValue)) {
                touch(current);
                return false;
            }
            deleteThrough(key);
            removeEntry(key, current);
            return true;
        });
        statistics.removeTime(started);
        return removed;
    }

    @Override
    public V getAndRemove(K key) {
        ensureOpen();
        long started = statistics.start();
        V old = removeCurrent(key, true);
        statistics.removeTime(started);
        statistics.getTime(started);
        return copies.out(old);
    }

    /**
     * Removes a key (deleting it through the writer even when absent, as the spec wants); returns the kept value it
     * had, or {@code null}. {@code countLookup}: whether the look-up is a hit or miss (it is for getAndRemove).
     */
    private V removeCurrent(K key, boolean countLookup) {
        requireNonNull(key, "key");
        return mutate(key, current -> {
            deleteThrough(key);
            if (countLookup) {
                countHitOrMiss(current);
            }
            if (current == null) {
                return null;
            }
            removeEntry(key, current);
            return valueOf(current);
        });
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(oldValue, "old value");
        long started = statistics.start();
        boolean replaced = replaceCurrent(key, oldValue, newValue) != null;
        statistics.putTime(started);
        return replaced;
    }

    @Override
    public boolean replace(K key, V value) {
        ensureOpen();
        long started = statistics.start();
        boolean replaced = replaceCurrent(key, null, value) != null;
        statistics.putTime(started);
        return replaced;
    }

    @Override
    public V getAndReplace(K key, V value) {
        ensureOpen();
        long started = statistics.start();
        V old = replaceCurrent(key, null, value);
        statistics.putTime(started);
        statistics.getTime(started);
        return copies.out(old);
    }

    /**
     * Replaces the value of a present key, provided it equals {@code expected} when that is not null; returns the
     * kept value it had, or {@code null} when nothing was replaced. A present value that does not match is an access.
     */
    private V replaceCurrent(K key, V expected, V value) {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        V kept = copies.valueIn(value);
        return mutate(key, current -> {
            countHitOrMiss(current);
            if (current == null) {
                return null;
            }
            if (expected != null && !Objects.equals(valueOf(current), expected)) {
                touch(current);
                return null;
            }
            admit(key, kept);
            writeThrough(key, value);
            storeValue(current.key(), kept, current, true);
            return valueOf(current);
        });
    }

    @Override
    public void clear() {
        ensureOpen();
        store.clear();
    }

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        ensureOpen();
        requireNonNull(key, "key");
        requireNonNull(processor, "entry processor");
        return mutate(key, current -> process(key, current, processor, arguments));
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                         Object... arguments) {
        ensureOpen();
        requireNonNull(keys, "keys");
        requireNonNull(processor, "entry processor");
        keys.forEach(key -> requireNonNull(key, "a key"));
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : keys) {
            try {
                T result = invoke(key, processor, arguments);
                if (result != null) {
                    results.put(key, () -> result);
                }
            } catch (EntryProcessorException e) {
                results.put(key, () -> {
                    throw e;
                });
            }
        }
        return results;
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExisting, CompletionListener listener) {
        ensureOpen();
        requireNonNull(keys, "keys");
        keys.forEach(key -> requireNonNull(key, "a key"));
        loadAllAsync(new ArrayList<>(keys), replaceExisting, listener);
    }

    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        ensureOpen();
        return new CacheIterator<>(this);
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
        ensureOpen();
        lifecycle.registerListener(requireNonNull(configuration, "listener configuration"));
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> configuration) {
        ensureOpen();
        lifecycle.deregisterListener(requireNonNull(configuration, "listener configuration"));
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
        return lifecycle.configuration(type);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return lifecycle.manager();
    }

    @Override
    public void close() {
        lifecycle.close();
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
        throw new IllegalArgumentException("cache '" + name + "' cannot be unwrapped to " + type.getName()
                + "; it unwraps to " + DocstoreCache.class.getName() + " and " + DocumentCache.class.getName());
    }

    /** The cache's statistics counters: the object behind its statistics MXBean. */
    public CacheStatistics statistics() {
        return lifecycle.statistics();
    }

    /** Whether management is enabled (read without locking, for management's own bookkeeping). */
    public boolean isManagementEnabled() {
        return lifecycle.isManagementEnabled();
    }

    /** The index-aware view of this cache; the same as {@code unwrap(DocumentCache.class)}. */
    public DocumentCache<K, V> documents() {
        return lifecycle.documents();
    }

    @Override
    public String toString() {
        return "DocstoreCache[" + name + "]";
    }

    private void countHitOrMiss(dev.docstore.engine.Entry<K, Object> current) {
        if (current == null) {
            statistics.miss();
        } else {
            statistics.hit();
        }
    }
}
