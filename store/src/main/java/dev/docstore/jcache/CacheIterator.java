package dev.docstore.jcache;

import dev.docstore.engine.Entry;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import javax.cache.Cache;

/**
 * Iterates a cache over a snapshot of its store, skipping expired entries; each entry returned counts as a hit and an
 * access. {@link #remove()} removes the last entry returned as {@code Cache.remove(key)} would. The snapshot is
 * released when the iteration ends (or, if abandoned, by the store's cleaner). Not thread-safe.
 */
final class CacheIterator<K, V> implements Iterator<Cache.Entry<K, V>> {
    private final DocstoreCache<K, V> cache;
    private final Stream<Entry<K, Object>> source;
    private final Iterator<Entry<K, Object>> entries;
    private Entry<K, Object> next;
    private K lastKey;
    private boolean exhausted;

    CacheIterator(DocstoreCache<K, V> cache) {
        this.cache = cache;
        this.source = cache.store.stream();
        this.entries = source.iterator();
    }

    @Override
    public boolean hasNext() {
        cache.ensureOpen();
        while (next == null && !exhausted && entries.hasNext()) {
            Entry<K, Object> candidate = entries.next();
            if (!(candidate.value() instanceof Expirable expirable) || !expirable.isExpired(cache.expiry.now())) {
                next = candidate;
            }
        }
        if (next == null && !exhausted) {
            exhausted = true;
            source.close();
        }
        return next != null;
    }

    @Override
    public Cache.Entry<K, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more entries in cache '" + cache.getName() + "'");
        }
        Entry<K, Object> entry = next;
        next = null;
        lastKey = entry.key();
        cache.statistics.hit();
        cache.touch(entry);
        return new DocstoreCacheEntry<>(cache.copies.out(entry.key()), cache.copies.out(CacheCore.valueOf(entry)),
                entry.version());
    }

    @Override
    public void remove() {
        cache.ensureOpen();
        if (lastKey == null) {
            throw new IllegalStateException("next() has not returned an entry to remove");
        }
        K key = lastKey;
        lastKey = null;
        cache.removeFromIterator(key);
    }
}
