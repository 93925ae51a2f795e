package dev.docstore.engine;

/**
 * The outcome of a conditional write.
 *
 * @param applied  whether a new version was written
 * @param previous the key's entry before the call, or {@code null} when it had none
 * @param current  the key's entry after the call, or {@code null} when it has none
 * @param <K>      the key type
 * @param <V>      the value type
 */
public record WriteResult<K, V>(boolean applied, Entry<K, V> previous, Entry<K, V> current) {
    static <K, V> WriteResult<K, V> unchanged(Entry<K, V> current) {
        return new WriteResult<>(false, current, current);
    }
}
