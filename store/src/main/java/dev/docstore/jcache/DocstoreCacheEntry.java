package dev.docstore.jcache;

import javax.cache.Cache;

/**
 * A cache entry as {@link Cache#iterator()} and {@code getAll}-style calls hand it out: a key, a value and the
 * engine version it was read at. {@link #unwrap(Class)} gives this class (and so the version).
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class DocstoreCacheEntry<K, V> implements Cache.Entry<K, V> {
    private final K key;
    private final V value;
    private final long version;

    /**
     * An entry as another provider built on docstore's API (the cluster provider) hands it out: {@code version} is
     * whatever version that provider keeps for the key.
     */
    public static <K, V> DocstoreCacheEntry<K, V> of(K key, V value, long version) {
        return new DocstoreCacheEntry<>(key, value, version);
    }

    DocstoreCacheEntry(K key, V value, long version) {
        this.key = key;
        this.value = value;
        this.version = version;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    /** The version of the entry in the store when it was read. */
    public long version() {
        return version;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("a cache entry cannot be unwrapped to " + type.getName());
    }

    @Override
    public String toString() {
        return "DocstoreCacheEntry[" + key + "=" + value + ", version " + version + "]";
    }
}
