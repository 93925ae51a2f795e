package dev.docstore.jcache.event;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/** One event as listeners receive it. Immutable. */
final class CacheEvent<K, V> extends CacheEntryEvent<K, V> {
    private static final long serialVersionUID = 1L;

    private final K key;
    private final transient V value;
    private final transient V oldValue;
    private final boolean oldValueAvailable;

    CacheEvent(Cache<K, V> source, EventType type, K key, V value, V oldValue, boolean oldValueAvailable) {
        super(source, type);
        this.key = key;
        this.value = value;
        this.oldValue = oldValue;
        this.oldValueAvailable = oldValueAvailable;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public V getOldValue() {
        return oldValueAvailable ? oldValue : null;
    }

    @Override
    public boolean isOldValueAvailable() {
        return oldValueAvailable;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("a cache event cannot be unwrapped to " + type.getName());
    }

    @Override
    public String toString() {
        return getEventType() + "[" + key + "=" + value + (oldValueAvailable ? ", old " + oldValue : "") + "]";
    }
}
