package dev.docstore.engine;

/**
 * Sees every version of a store as it is written and as it is let go: the hook through which indexes stay exact.
 * Attach one with {@link DocumentStore#attach(WriteObserver)}.
 *
 * <p>For each version the write path calls {@link #preparing} before the version becomes visible, then exactly one of
 * {@link #committed} (it is now visible) or {@link #abandoned} (another writer got there first; the write will be
 * decided again). {@link #released} comes later, once no snapshot can see the version any more. Deletions make no
 * version to observe: the deleted version is released once no snapshot can see it.
 *
 * <p>Calls come from the writing thread (and, for {@code released}, from whichever thread reclaims), concurrently for
 * different keys, so implementations must be thread-safe. They run inside the write path and must be short; they must
 * not write to the store.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface WriteObserver<K, V> {
    /**
     * {@code next} is about to become the newest version of its key. Throwing refuses the write: nothing is installed,
     * neither {@code committed} nor {@code abandoned} follows, and the exception reaches the writer.
     *
     * @return what the observer needs back when the write ends (what it prepared, locks it took), handed unchanged to
     *         {@code committed} or {@code abandoned}: the write path keeps it, so observers need no per-thread state
     */
    Object preparing(Entry<K, V> next);

    /** {@code next}, prepared before, is now the newest version of its key; {@code prepared} is what preparing gave. */
    void committed(Entry<K, V> next, Object prepared);

    /** {@code next}, prepared before, was not installed because the key changed meanwhile. */
    void abandoned(Entry<K, V> next, Object prepared);

    /** No snapshot can see {@code version} any more, and the store has unlinked it. Called once per version. */
    void released(Entry<K, V> version);
}
