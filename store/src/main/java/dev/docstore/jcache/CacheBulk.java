package dev.docstore.jcache;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.index.UniqueConstraintException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;

/**
 * The operations on many keys (getAll, putAll, removeAll, loadAll) and entry processing, with the spec's rules for
 * partial failures: a writer's {@code writeAll}/{@code deleteAll} leaves in the collection what it did not write, and
 * the cache applies exactly what was written before it reports the failure.
 */
abstract class CacheBulk<K, V> extends CacheCore<K, V> {
    final CacheLifecycle<K, V> lifecycle;

    CacheBulk(CacheLifecycle<K, V> lifecycle, DocumentStore<K, Object> store, ExpiryRules expiry, ValueCopies copies,
              CacheStatistics statistics, EventDispatcher<K, V> events, CacheLoader<K, V> loader,
              CacheWriter<? super K, ? super V> writer) {
        super(lifecycle.name(), store, expiry, copies, statistics, events, loader, writer,
                lifecycle.isReadThrough(), lifecycle.isWriteThrough());
        this.lifecycle = lifecycle;
    }

    final void ensureOpen() {
        lifecycle.ensureOpen();
    }

    /** What a mutation does with the live entry of its key (or {@code null}), under the key's lock. */
    @FunctionalInterface
    interface Mutation<K, R> {
        R apply(Entry<K, Object> current);
    }

    /** Locks {@code key}, reads its live entry, and applies {@code mutation}. */
    final <R> R mutate(K key, Mutation<K, R> mutation) {
        ReentrantLock lock = locks.of(key);
        lock.lock();
        try {
            return mutation.apply(live(key));
        } finally {
            lock.unlock();
        }
    }

    public Map<K, V> getAll(Set<? extends K> keys) {
        ensureOpen();
        requireNonNull(keys, "keys");
        keys.forEach(key -> requireNonNull(key, "a key"));
        long started = statistics.start();
        Map<K, V> found = new LinkedHashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            Entry<K, Object> entry = live(key);
            if (entry != null) {
                statistics.hit();
                touch(entry);
                found.put(key, copies.out(valueOf(entry)));
            } else {
                statistics.miss();
                missing.add(key);
            }
        }
        if (readThrough && !missing.isEmpty()) {
            for (Map.Entry<K, V> loaded : loadAndStoreAll(missing, false).entrySet()) {
                found.put(loaded.getKey(), copies.out(loaded.getValue()));
            }
        }
        statistics.getTime(started);
        return found;
    }

    public void putAll(Map<? extends K, ? extends V> entries) {
        ensureOpen();
        requireNonNull(entries, "entries");
        entries.forEach((key, value) -> {
            requireNonNull(key, "a key");
            requireNonNull(value, "a value");
        });
        long started = statistics.start();
        Map<K, V> toStore = new LinkedHashMap<>(entries);
        // copies first: a value the cache cannot keep is refused before the writer sees anything
        Map<K, V> kept = new LinkedHashMap<>();
        toStore.forEach((key, value) -> kept.put(key, copies.valueIn(value)));
        // and a batch a unique index refuses in any part is refused whole, before the writer sees any of it
        DocumentCacheView<K, V> documents = lifecycle.documentsIfOpened();
        if (documents != null) {
            documents.checkUnique(kept);
        }
        RuntimeException failure = null;
        if (writeThrough) {
            Collection<Cache.Entry<? extends K, ? extends V>> unwritten = new ArrayList<>();
            toStore.forEach((key, value) -> unwritten.add(new DocstoreCacheEntry<>(key, value, 0)));
            try {
                writeAll(unwritten);
            } catch (RuntimeException e) {
                failure = e instanceof CacheWriterException cwe ? cwe
                        : new CacheWriterException("the cache writer of '" + name + "' failed in writeAll", e);
                for (Cache.Entry<? extends K, ? extends V> notWritten : unwritten) {
                    toStore.remove(notWritten.getKey());
                }
            }
        }
        for (K key : toStore.keySet()) {
            failure = firstFailure(failure, () -> mutate(key, current ->
                    storeValue(copies.keyIn(key), kept.get(key), current, true)));
        }
        statistics.putTime(started);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Runs one key's part of a bulk operation; a failure (a listener's, say) is remembered and the others still run,
     * as their write-through has already happened. Returns the first failure so far.
     */
    private static RuntimeException firstFailure(RuntimeException earlier, Runnable step) {
        try {
            step.run();
            return earlier;
        } catch (RuntimeException e) {
            return earlier == null ? e : earlier;
        }
    }

    public void removeAll(Set<? extends K> keys) {
        ensureOpen();
        requireNonNull(keys, "keys");
        keys.forEach(key -> requireNonNull(key, "a key"));
        removeKeys(new ArrayList<>(keys));
    }

    public void removeAll() {
        ensureOpen();
        List<K> keys = new ArrayList<>();
        try (Stream<Entry<K, Object>> entries = store.stream()) {
            entries.forEach(entry -> keys.add(entry.key()));
        }
        removeKeys(keys);
    }

    private void removeKeys(List<K> keys) {
        if (keys.isEmpty()) {
            return;
        }
        long started = statistics.start();
        Set<K> toRemove = new HashSet<>(keys);
        RuntimeException failure = null;
        if (writeThrough) {
            Collection<Object> undeleted = new ArrayList<>(keys);
            try {
                deleteAll(undeleted);
            } catch (RuntimeException e) {
                failure = e instanceof CacheWriterException cwe ? cwe
                        : new CacheWriterException("the cache writer of '" + name + "' failed in deleteAll", e);
                toRemove.removeAll(undeleted);
            }
        }
        for (K key : toRemove) {
            failure = firstFailure(failure, () -> mutate(key, current -> {
                if (current != null) {
                    removeEntry(key, current);
                }
                return null;
            }));
        }
        statistics.removeTime(started);
        if (failure != null) {
            throw failure;
        }
    }

    @SuppressWarnings("unchecked") // the writer takes entries of the cache's own types, which this collection holds
    private void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        ((CacheWriter<K, V>) writer).writeAll(entries);
    }

    @SuppressWarnings("unchecked") // the writer deletes keys of the cache's key type, which this collection holds
    private void deleteAll(Collection<Object> keys) {
        ((CacheWriter<Object, ?>) writer).deleteAll(keys);
    }

    /** Runs an entry processor under the key's lock and applies its net effect; see {@link ProcessorEntry}. */
    final <T> T process(K key, Entry<K, Object> current, EntryProcessor<K, V, T> processor, Object[] arguments) {
        // looking the key up is the hit or miss, whatever the processor then does or throws
        if (current != null) {
            statistics.hit();
        } else {
            statistics.miss();
        }
        ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, copies.out(valueOf(current)),
                readThrough ? this::load : null);
        T result;
        try {
            result = processor.process(entry, arguments);
        } catch (EntryProcessorException e) {
            throw e;
        } catch (Exception e) {
            throw new EntryProcessorException("entry processor " + processor.getClass().getName()
                    + " failed on key " + key + " of cache '" + name + "'", e);
        }
        try {
            applyEffect(key, current, entry);
        } catch (CacheWriterException | CacheLoaderException e) {
            throw new EntryProcessorException(e);
        } catch (CacheException e) {
            // a unique index refused the processor's value: the processor's failure, so invokeAll reports it per key
            if (e.getCause() instanceof UniqueConstraintException refusal) {
                throw new EntryProcessorException(refusal);
            }
            throw e;
        }
        return result;
    }

    private void applyEffect(K key, Entry<K, Object> current, ProcessorEntry<K, V> entry) {
        switch (entry.effect()) {
            case SET:
                V kept = copies.valueIn(entry.value());
                admit(key, kept);
                writeThrough(key, entry.value());
                storeValue(copies.keyIn(key), kept, current, true);
                break;
            case REMOVE:
                deleteThrough(key);
                if (current != null) {
                    removeEntry(key, current);
                }
                break;
            case LOADED:
                storeValue(copies.keyIn(key), copies.valueIn(entry.value()), null, false);
                break;
            default:
                // the access rule of expiry applies only when reading is all the processor did
                if (current != null && entry.wasRead()) {
                    touch(current);
                }
                break;
        }
    }

    /**
     * Refuses, before any write-through, a value that a unique index of the cache would refuse (the store checks
     * again when it writes, so a race between two keys claiming one value is still caught there).
     */
    final void admit(K key, V kept) {
        DocumentCacheView<K, V> documents = lifecycle.documentsIfOpened();
        if (documents != null) {
            documents.checkUnique(key, kept);
        }
    }

    /**
     * Loads {@code keys} with the loader's {@code loadAll} and stores what it returns (not written back), replacing
     * live values only when {@code replaceExisting}. Returns the kept values stored.
     */
    final Map<K, V> loadAndStoreAll(List<K> keys, boolean replaceExisting) {
        Map<K, V> loaded;
        try {
            loaded = loader.loadAll(keys);
        } catch (RuntimeException e) {
            throw e instanceof CacheLoaderException cle ? cle
                    : new CacheLoaderException("the cache loader of '" + name + "' failed in loadAll", e);
        }
        Map<K, V> stored = new HashMap<>();
        if (loaded == null) {
            return stored;
        }
        RuntimeException failure = null;
        for (Map.Entry<K, V> pair : loaded.entrySet()) {
            K key = pair.getKey();
            V value = pair.getValue();
            if (key == null || value == null) {
                continue;
            }
            // one value the cache refuses (a unique index's) must not keep the others out
            failure = firstFailure(failure, () -> mutate(key, current -> {
                if (current != null && !replaceExisting) {
                    return null;
                }
                V kept = copies.valueIn(value);
                if (storeValue(copies.keyIn(key), kept, current, false)) {
                    stored.put(key, kept);
                }
                return null;
            }));
        }
        if (failure != null) {
            throw failure;
        }
        return stored;
    }

    /** {@code loadAll} in the background; the listener hears of completion or of the failure. */
    final void loadAllAsync(List<K> keys, boolean replaceExisting, CompletionListener listener) {
        if (!readThrough && loader == null) {
            if (listener != null) {
                listener.onCompletion();
            }
            return;
        }
        lifecycle.executor().execute(() -> {
            try {
                List<K> toLoad = new ArrayList<>();
                for (K key : keys) {
                    if (replaceExisting || live(key) == null) {
                        toLoad.add(key);
                    }
                }
                if (!toLoad.isEmpty()) {
                    loadAndStoreAll(toLoad, replaceExisting);
                }
                if (listener != null) {
                    listener.onCompletion();
                }
            } catch (RuntimeException e) {
                if (listener != null) {
                    listener.onException(e instanceof CacheLoaderException ? e
                            : new CacheLoaderException("loadAll on cache '" + name + "' failed", e));
                }
            }
        });
    }

    /** Removes the entry a cache iterator returned last, as {@code remove(key)} would. */
    final void removeFromIterator(K key) {
        ReentrantLock lock = locks.of(key);
        lock.lock();
        try {
            Entry<K, Object> current = live(key);
            deleteThrough(key);
            if (current != null) {
                removeEntry(key, current);
            }
        } finally {
            lock.unlock();
        }
    }
}
