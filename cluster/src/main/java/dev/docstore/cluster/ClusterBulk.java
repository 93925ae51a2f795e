package dev.docstore.cluster;

import static java.util.Objects.requireNonNull;

import com.hazelcast.map.IMap;
import dev.docstore.jcache.BackgroundLoads;
import dev.docstore.jcache.CacheIntegration;
import dev.docstore.jcache.CacheStatistics;
import dev.docstore.jcache.DocstoreCacheEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.integration.CompletionListener;

/**
 * getAll, putAll, removeAll and loadAll on a cluster cache, with the spec's rules for partial failures (a writer's
 * {@code writeAll}/{@code deleteAll} leaves in its collection what it did not write; exactly what was written is
 * applied before the failure is thrown). Each key's part is one {@link ClusterWrites#operate} under that key's lock:
 * atomic per key, not as a whole, as the spec allows. An eternal cache reads a batch in one {@code getAll} round
 * trip. Thread-safe; {@code loadAll} runs in the background ({@link BackgroundLoads}).
 */
final class ClusterBulk<K, V> {
    private final String cacheName;
    private final IMap<K, StoredEntry> map;
    private final ClusterWrites<K, V> writes;
    private final boolean eternal;
    private final CacheStatistics statistics;
    private final CacheIntegration<K, V> integration;
    private final BackgroundLoads loads;
    private final KeyedDecision<K, V, Boolean> putWritten = KeyedDecisions.putWritten();
    private final KeyedDecision<K, V, Boolean> removeDeleted = KeyedDecisions.removeDeleted();

    ClusterBulk(String cacheName, IMap<K, StoredEntry> map, ClusterWrites<K, V> writes, boolean eternal,
                CacheStatistics statistics, CacheIntegration<K, V> integration, BackgroundLoads loads) {
        this.cacheName = cacheName;
        this.map = map;
        this.writes = writes;
        this.eternal = eternal;
        this.statistics = statistics;
        this.integration = integration;
        this.loads = loads;
    }

    Map<K, V> getAll(Set<? extends K> keys) {
        requireNonNull(keys, "keys");
        keys.forEach(key -> requireNonNull(key, "a key"));
        long started = statistics.start();
        Map<K, V> found = new LinkedHashMap<>();
        List<K> missing = new ArrayList<>();
        Map<K, StoredEntry> batch = eternal ? map.getAll(new HashSet<>(keys)) : null;
        for (K key : keys) {
            StoredEntry entry = eternal ? batch.get(key) : writes.readAndTouch(key);
            statistics.lookup(entry != null);
            if (entry != null) {
                found.put(key, KeyedDecision.valueOf(entry));
            } else {
                missing.add(key);
            }
        }
        if (integration.isReadThrough() && !missing.isEmpty()) {
            found.putAll(loadAndStoreAll(missing, false));
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
        // a value the cluster cannot hold refuses the whole batch before the writer sees any of it
        entries.values().forEach(writes::requireSerializable);
        long started = statistics.start();
        Map<K, V> toStore = new LinkedHashMap<>(entries);
        RuntimeException failure = null;
        if (integration.isWriteThrough()) {
            Collection<Cache.Entry<? extends K, ? extends V>> unwritten = new ArrayList<>();
            toStore.forEach((key, value) -> unwritten.add(DocstoreCacheEntry.of(key, value, 0)));
            failure = integration.writeAll(unwritten);
            if (failure != null) {
                for (Cache.Entry<? extends K, ? extends V> notWritten : unwritten) {
                    toStore.remove(notWritten.getKey());
                }
            }
        }
        for (Map.Entry<K, V> entry : toStore.entrySet()) {
            try {
                if (writes.isBlind()) {
                    writes.putBlindly(entry.getKey(), entry.getValue());
                } else {
                    writes.operate(entry.getKey(), entry.getValue(), putWritten);
                }
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
        removeKeys(new ArrayList<>(map.keySet()));
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
                writes.operate(key, null, removeDeleted);
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        statistics.removeTime(started);
        if (failure != null) {
            throw failure;
        }
    }

    void loadAll(Set<? extends K> keys, boolean replaceExisting, CompletionListener listener) {
        loads.<K>loadAll(cacheName, keys, replaceExisting, listener, integration.hasLoader(),
                key -> writes.live(key) == null, toLoad -> loadAndStoreAll(toLoad, replaceExisting));
    }

    private Map<K, V> loadAndStoreAll(List<K> keys, boolean replaceExisting) {
        Map<K, V> loaded = integration.loadAll(keys);
        Map<K, V> stored = new HashMap<>();
        if (loaded == null) {
            return stored;
        }
        RuntimeException failure = null;
        for (Map.Entry<K, V> pair : loaded.entrySet()) {
            if (pair.getKey() == null || pair.getValue() == null) {
                continue;
            }
            try {
                V kept = writes.operate(pair.getKey(), null,
                        KeyedDecisions.storeLoaded(pair.getValue(), replaceExisting));
                if (kept != null) {
                    stored.put(pair.getKey(), kept);
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
