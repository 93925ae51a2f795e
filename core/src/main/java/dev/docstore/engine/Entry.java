package dev.docstore.engine;

import java.time.Instant;

/**
 * One version of one key: the key, its value, the version number and when the key was created and last updated.
 *
 * <p>What an entry answers never changes once a write has returned it or a read has found it (the store's own
 * version objects also keep links for snapshots, which are not part of this interface). Entries are shared, never
 * copied: reading an entry allocates nothing, and its {@linkplain #value() value}, when it is a document, is the frozen
 * document the store holds.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface Entry<K, V> {
    /** The key. */
    K key();

    /** The value; a {@code Map} value is a deeply frozen document that cannot be changed. */
    V value();

    /**
     * The version: taken from one store-wide sequence when the write became visible, so versions strictly increase per
     * key (and across the store in the order writes became visible). Never 0.
     */
    long version();

    /** When the key was first written since it was last absent, in milliseconds of the store's clock. */
    long createdMillis();

    /** When this version was written, in milliseconds of the store's clock. */
    long updatedMillis();

    /** {@link #createdMillis()} as an {@link Instant}. */
    default Instant created() {
        return Instant.ofEpochMilli(createdMillis());
    }

    /** {@link #updatedMillis()} as an {@link Instant}. */
    default Instant updated() {
        return Instant.ofEpochMilli(updatedMillis());
    }
}
