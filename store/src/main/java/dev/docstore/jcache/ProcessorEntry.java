package dev.docstore.jcache;

import java.util.Objects;
import java.util.function.Function;
import javax.cache.processor.MutableEntry;

/**
 * The entry an {@code EntryProcessor} works on. It records what the processor did, and the cache applies the net
 * effect once the processor returns (so a processor that throws changes nothing). Not thread-safe: one processor, one
 * thread, under the key's lock.
 */
public final class ProcessorEntry<K, V> implements MutableEntry<K, V> {
    /** The net effect on the cache. */
    public enum Effect { NONE, SET, REMOVE, LOADED }

    private final K key;
    private final boolean existed;
    private final Function<K, V> loader;
    private V value;
    private boolean exists;
    private Effect effect = Effect.NONE;
    private boolean read;

    /**
     * @param current the value now, as the processor may see it, or {@code null}
     * @param loader  loads an absent value on {@link #getValue()} (read-through), or {@code null}
     */
    public ProcessorEntry(K key, V current, Function<K, V> loader) {
        this.key = key;
        this.value = current;
        this.existed = current != null;
        this.exists = existed;
        this.loader = loader;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public boolean exists() {
        return exists;
    }

    @Override
    public V getValue() {
        if (!exists && effect == Effect.NONE && loader != null) {
            V loaded = loader.apply(key);
            if (loaded != null) {
                value = loaded;
                exists = true;
                effect = Effect.LOADED;
            }
        }
        read = true;
        return exists ? value : null;
    }

    @Override
    public void remove() {
        value = null;
        exists = false;
        // removing what this processor itself created is nothing; any other remove reaches the writer
        effect = !existed && effect == Effect.SET ? Effect.NONE : Effect.REMOVE;
    }

    @Override
    public void setValue(V newValue) {
        value = Objects.requireNonNull(newValue, "an entry processor cannot set a null value; use remove()");
        exists = true;
        effect = Effect.SET;
    }

    public boolean existed() {
        return existed;
    }

    /** Whether the processor read the value (an access, for statistics and expiry). */
    public boolean wasRead() {
        return read;
    }

    public Effect effect() {
        return effect;
    }

    public V value() {
        return value;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("a mutable entry cannot be unwrapped to " + type.getName());
    }
}
