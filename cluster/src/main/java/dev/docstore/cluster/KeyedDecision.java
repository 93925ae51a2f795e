package dev.docstore.cluster;

/**
 * What one keyed operation of a cluster cache does with the key's live entry, under the key's cluster-wide lock
 * ({@link ClusterWrites#operate}): decide an action from the entry, then make the operation's result from what
 * happened. The cluster's counterpart of the local cache's decisions, with the same actions.
 *
 * @param <K> the key type
 * @param <V> the value type
 * @param <R> the operation's result
 */
interface KeyedDecision<K, V, R> {
    /** What to do with the key. */
    enum Action {
        /** Store the value (written through first). */
        PUT,
        /** Store the value, already written through by a batch. */
        PUT_WRITTEN,
        /** Store a loaded value (never written through, not counted as a put). */
        LOAD,
        /** Remove the entry (deleted through first). */
        REMOVE,
        /** Remove the entry, already deleted through by a batch. */
        REMOVE_DELETED,
        /** Read the entry: the expiry policy's access rule applies. */
        ACCESS,
        /** Nothing. */
        NONE
    }

    /** Whether the operation looks the key up (a hit or a miss for the statistics). */
    default boolean isLookup() {
        return false;
    }

    /** The action, given the key's live entry ({@code null}: none). */
    Action decide(K key, StoredEntry current);

    /** The value to store: the caller's, unless the decision makes its own (a load, an entry processor). */
    default V value(V given) {
        return given;
    }

    /** The operation's result, once the action was carried out ({@code changed}: the cache changed). */
    R result(StoredEntry current, boolean changed, V stored);

    /** The value of {@code entry}, or {@code null}. */
    @SuppressWarnings("unchecked") // a cache's map holds only values of its value type
    static <V> V valueOf(StoredEntry entry) {
        return entry == null ? null : (V) entry.value();
    }
}
