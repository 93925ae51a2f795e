package dev.docstore.jcache;

import static dev.docstore.jcache.Arguments.requireNonNull;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.expiry.Expirable;
import dev.docstore.jcache.expiry.ExpiryRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.integration.CompletionListener;

/**
 * The operations on many keys (getAll, putAll, removeAll, loadAll), with the spec's rules for partial failures: a
 * writer's {@code writeAll}/{@code deleteAll} leaves in the collection what it did not write, and the cache applies
 * exactly what was written before it reports the failure. Each key's part is one {@link KeyedWrites#operate}; a failure
 * of one key's part (a listener's, a unique index's) is remembered and the others still run, as their write-through
 * has already happened; the first failure is thrown at the end.
 *
 * <p>Concurrency: no lock of its own; each key's part runs under that key's lock, so a bulk operation is atomic per
 * key, not as a whole (as the spec allows). {@code loadAll} runs in the background ({@link BackgroundLoads}).
 */
final class BulkOperations<K, V> {
    private final String cacheName;
    private final DocumentStore<K, Object> store;
    private final KeyedWrites<K, V> writes;
    private final ExpiryRules expiry;
    private final ValueCopies copies;
    private final CacheStatistics statistics;
    private final CacheIntegration<K, V> integration;
    private final DocumentCacheView<K, V> documents;
    private final BackgroundLoads loads;
    private final KeyedDecision<K, V, Boolean> putWritten = KeyedDecisions.putWritten();
    private final KeyedDecision<K, V, Boolean> removeDeleted = KeyedDecisions.removeDeleted();

    BulkOperations(String cacheName, DocumentStore<K, Object> store, KeyedWrites<K, V> writes, ExpiryRules expiry,
                   ValueCopies copies, CacheStatistics statistics, CacheIntegration<K, V> integration,
                   DocumentCacheView<K, V> documents, BackgroundLoads loads) {
        this.cacheName = cacheName;
        this.store = store;
        this.writes = writes;
        this.expiry = expiry;
        this.copies = copies;
        this.statistics = statistics;
        this.integration = integration;
        this.documents = documents;
        this.loads = loads;
    }

    Map<K, V> getAll(Set<? extends K> keys) {
        requireNonNull(keys, "keys");
        keys.forEach(key -> requireNonNull(key, "a key"));
        long started = statistics.start();
        Map<K, V> found = new LinkedHashMap<>();
        List<K> missing = new ArrayList<>();
        for (K key : keys) {
            Entry<K, Object> entry = writes.live(key);
            statistics.lookup(entry != null);
            if (entry != null) {
                writes.recordRead(entry);
                expiry.touch(entry);
                found.put(key, copies.out(Expirable.valueOf(entry)));
            } else {
                missing.add(key);
            }
        }
        if (integration.isReadThrough() && !missing.isEmpty()) {
            for (Map.Entry<K, V> loaded : loadAndStoreAll(missing, false).entrySet()) {
                found.put(loaded.getKey(), copies.out(loaded.getValue()));
            }
        }
        statistics.getTime(started);
        return found;
    }

    void putAll(Map<? extends K, ? extends V> entries) {
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
        documents.checkUnique(kept);
        RuntimeException failure = null;
        if (integration.isWriteThrough()) {
            Collection<Cache.Entry<? extends K, ? extends V>> unwritten = new ArrayList<>();
            toStore.forEach((key, value) -> unwritten.add(new DocstoreCacheEntry<>(key, value, 0)));
            failure = integration.writeAll(unwritten);
            if (failure != null) {
                for (Cache.Entry<? extends K, ? extends V> notWritten : unwritten) {
                    toStore.remove(notWritten.getKey());
                }
            }
        }
        for (K key : toStore.keySet()) {
            try {
                writes.operate(key, null, kept.get(key), putWritten);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        statistics.putTime(started);
        if (failure != null) {
            throw failure;
        }
    }

    void removeAll(Set<? extends K> keys) {
        requireNonNull(keys, "keys");
        keys.forEach(key -> requireNonNull(key, "a key"));
        removeKeys(new ArrayList<>(keys));
    }

    void removeAll() {
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
        if (integration.isWriteThrough()) {
            Collection<Object> undeleted = new ArrayList<>(keys);
            failure = integration.deleteAll(undeleted);
            if (failure != null) {
                toRemove.removeAll(undeleted);
            }
        }
        for (K key : toRemove) {
            try {
                writes.operate(key, null, null, removeDeleted);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        statistics.removeTime(started);
        if (failure != null) {
            throw failure;
        }
    }

    /** {@code loadAll} in the background; the listener hears of completion or of the failure. */
    void loadAll(Set<? extends K> keys, boolean replaceExisting, CompletionListener listener) {
        loads.<K>loadAll(cacheName, keys, replaceExisting, listener, integration.hasLoader(),
                key -> writes.live(key) == null, toLoad -> loadAndStoreAll(toLoad, replaceExisting));
    }

    /**
     * Loads {@code keys} with the loader's {@code loadAll} and stores what it returns (not written back), replacing
     * live values only when {@code replaceExisting}. Returns the kept values stored.
     */
    private Map<K, V> loadAndStoreAll(List<K> keys, boolean replaceExisting) {
        Map<K, V> loaded = integration.loadAll(keys);
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
            try {
                V kept = writes.operate(key, null, null, KeyedDecisions.storeLoaded(value, replaceExisting));
                if (kept != null) {
                    stored.put(key, kept);
                }
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
        return stored;
    }
}
