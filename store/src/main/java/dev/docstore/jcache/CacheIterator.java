package dev.docstore.jcache;

import dev.docstore.engine.Entry;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.expiry.Expirable;
import dev.docstore.jcache.expiry.ExpiryRules;
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
    private final CacheLifecycle<K, V> lifecycle;
    private final KeyedWrites<K, V> writes;
    private final ExpiryRules expiry;
    private final ValueCopies copies;
    private final CacheStatistics statistics;
    private final KeyedDecision<K, V, Boolean> removal = KeyedDecisions.remove();
    private final Stream<Entry<K, Object>> source;
    private final Iterator<Entry<K, Object>> entries;
    private Entry<K, Object> next;
    private K lastKey;
    private boolean exhausted;

    CacheIterator(CacheLifecycle<K, V> lifecycle, Stream<Entry<K, Object>> source, KeyedWrites<K, V> writes,
                  ExpiryRules expiry, ValueCopies copies, CacheStatistics statistics) {
        this.lifecycle = lifecycle;
        this.writes = writes;
        this.expiry = expiry;
        this.copies = copies;
        this.statistics = statistics;
        this.source = source;
        this.entries = source.iterator();
    }

    @Override
    public boolean hasNext() {
        lifecycle.ensureOpen();
        while (next == null && !exhausted && entries.hasNext()) {
            Entry<K, Object> candidate = entries.next();
            if (!expiry.isExpired(candidate)) {
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
            throw new NoSuchElementException("no more entries in cache '" + lifecycle.name() + "'");
        }
        Entry<K, Object> entry = next;
        next = null;
        lastKey = entry.key();
        statistics.hit();
        expiry.touch(entry);
        return new DocstoreCacheEntry<>(copies.out(entry.key()), copies.out(Expirable.<V>valueOf(entry)),
                entry.version());
    }

    @Override
    public void remove() {
        lifecycle.ensureOpen();
        if (lastKey == null) {
            throw new IllegalStateException("next() has not returned an entry to remove");
        }
        K key = lastKey;
        lastKey = null;
        writes.operate(key, null, null, removal);
    }
}
