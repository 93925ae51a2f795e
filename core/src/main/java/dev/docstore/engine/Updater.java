package dev.docstore.engine;

import org.jspecify.annotations.Nullable;

/**
 * Decides, from a key's current entry, what its next version is: the function behind
 * {@link DocumentStore#update(Object, Updater)}.
 *
 * <p>The decision is optimistic: when another writer changed the key between the read and the write, the updater is
 * called again with the new entry. It may therefore run more than once for one update and must not have side effects
 * that cannot be repeated. It runs without any lock held, so it may read (or write) the store, other keys included.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
@FunctionalInterface
public interface Updater<K, V> {
    /**
     * @param key     the key being updated
     * @param current the key's current entry, or {@code null} when it has none
     * @return the change to make; never {@code null}
     */
    Change<V> decide(K key, @Nullable Entry<K, V> current);
}
