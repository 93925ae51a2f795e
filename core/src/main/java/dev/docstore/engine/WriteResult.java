package dev.docstore.engine;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of a conditional write.
 *
 * @param applied  whether a new version was written
 * @param previous the key's entry before the call, or {@code null} when it had none
 * @param current  the key's entry after the call, or {@code null} when it has none
 * @param <K>      the key type
 * @param <V>      the value type
 */
public record WriteResult<K, V>(boolean applied, @Nullable Entry<K, V> previous, @Nullable Entry<K, V> current) {
    static <K, V> WriteResult<K, V> unchanged(@Nullable Entry<K, V> current) {
        return new WriteResult<>(false, current, current);
    }
}
