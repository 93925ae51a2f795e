package dev.docstore.cluster;

import com.hazelcast.map.IMap;
import dev.docstore.jcache.CacheStatistics;
import dev.docstore.jcache.DocstoreCacheEntry;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import javax.cache.Cache;

/**
 * A cluster cache's iterator: Hazelcast's iterator over the map's partitions, fetched in batches, so it holds no
 * point-in-time view (an entry written meanwhile may or may not appear). Expired entries are skipped; each entry
 * handed out is a hit and an access (the expiry policy's access rule). {@link #remove()} removes through the cache.
 * Not thread-safe, as iterators are not.
 */
final class ClusterCacheIterator<K, V> implements Iterator<Cache.Entry<K, V>> {
    private final ClusterCache<K, V> cache;
    private final ClusterWrites<K, V> writes;
    private final CacheStatistics statistics;
    private final boolean eternal;
    private final Iterator<Map.Entry<K, StoredEntry>> entries;
    private Cache.Entry<K, V> next;
    private K last;

    ClusterCacheIterator(ClusterCache<K, V> cache, IMap<K, StoredEntry> map, ClusterWrites<K, V> writes,
                         CacheStatistics statistics, boolean eternal) {
        this.cache = cache;
        this.writes = writes;
        this.statistics = statistics;
        this.eternal = eternal;
        this.entries = map.iterator();
    }

    @Override
    public boolean hasNext() {
        cache.ensureOpen();
        while (next == null && entries.hasNext()) {
            Map.Entry<K, StoredEntry> candidate = entries.next();
            StoredEntry entry = eternal ? candidate.getValue() : writes.readAndTouch(candidate.getKey());
            if (entry != null) {
                next = DocstoreCacheEntry.of(candidate.getKey(), KeyedDecision.valueOf(entry), entry.version());
            }
        }
        return next != null;
    }

    @Override
    public Cache.Entry<K, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Cache.Entry<K, V> result = next;
        next = null;
        last = result.getKey();
        statistics.hit();
        return result;
    }

    @Override
    public void remove() {
        if (last == null) {
            throw new IllegalStateException("next() has not been called, or remove() was called after it already");
        }
        cache.ensureOpen();
        cache.removeForIterator(last);
        last = null;
    }
}
