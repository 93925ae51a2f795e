package dev.docstore.jcache;

import java.io.Serializable;

/**
 * How much an entry weighs against the maximum weight of a bounded cache
 * ({@link DocstoreConfiguration#setMaximumWeight}). Serializable, because a configuration is: a lambda assigned to
 * this type is serializable when what it captures is.
 *
 * <p>Called on every write of a weight-bounded cache, under the key's lock but never under the eviction policy's
 * lock, with the key and the value as stored (the kept copy when storing by value); it must be fast, must not touch
 * the cache, and must return the same weight for the same value.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface Weigher<K, V> extends Serializable {
    /** The entry's weight: 0 or more (a negative weight makes the write fail with an IllegalArgumentException). */
    long weigh(K key, V value);
}
