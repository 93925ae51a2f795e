package dev.docstore.jcache;

import dev.docstore.engine.Entry;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.expiry.Expirable;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The answer of a query as cache entries, over the engine entries it read: each {@link DocstoreCacheEntry} is made
 * when it is read (with the value copied out as {@code get} would), so a query allocates one list, not an object per
 * hit it returns. Immutable; reading an element twice gives two equal entries. Only for caches whose entries do not
 * expire (an expiring cache must leave expired entries out first).
 *
 * <p>Thread-safe: the engine entries are immutable and the list never changes.
 */
final class CacheEntries<K, V> extends AbstractList<DocstoreCacheEntry<K, V>> implements RandomAccess {
    private final List<Entry<K, Object>> entries;
    private final ValueCopies copies;

    CacheEntries(List<Entry<K, Object>> entries, ValueCopies copies) {
        this.entries = entries;
        this.copies = copies;
    }

    @Override
    public DocstoreCacheEntry<K, V> get(int index) {
        Entry<K, Object> entry = entries.get(index);
        return new DocstoreCacheEntry<>(copies.out(entry.key()), copies.out(Expirable.<V>valueOf(entry)),
                entry.version());
    }

    @Override
    public int size() {
        return entries.size();
    }
}
