package dev.docstore.jcache;

import dev.docstore.engine.Entry;

/**
 * What one keyed write does with the live entry of its key, decided under the key's lock; {@link KeyedWrites#operate}
 * then carries it out (write-through, store, events, statistics). Every mutating operation is one decision, as in
 * H2's {@code MVMap.operate(key, value, DecisionMaker)}; {@link KeyedDecisions} holds those of the Cache API.
 *
 * <p>Concurrency: a decision shared between calls (the usual case: the value travels as an argument of
 * {@code operate}) must keep no state; one that does (an entry processor's, a load's) is made per call.
 *
 * @param <R> what the operation returns
 */
interface KeyedDecision<K, V, R> {
    /** What the write does to the cache. */
    enum Action {
        /** Writes the value through the writer, then stores it; a put for the statistics. */
        PUT,
        /** Stores a value (already in its kept form) that the writer has already written, in bulk; a put. */
        PUT_WRITTEN,
        /** Stores a loaded value: never written back, not a put. */
        LOAD,
        /**
         * Stores an imported value with the expiry time the decision gives ({@link #expiresAt}), not the policy's:
         * checked against unique indexes, never written back, not a put.
         */
        RESTORE,
        /** Deletes through the writer (even an absent key, as the spec wants), then removes the entry if live. */
        REMOVE,
        /** Removes the entry, if live, whose deletion the writer has already had, in bulk. */
        REMOVE_DELETED,
        /** Changes nothing, but the entry was read: applies the access rule of expiry. */
        ACCESS,
        /** Changes nothing. */
        NONE
    }

    /** Whether the operation looks the key up, so that the live entry or its absence counts as a hit or a miss. */
    default boolean isLookup() {
        return false;
    }

    /**
     * Decides, given the live entry ({@code null}: absent). May throw to change nothing: what it throws reaches the
     * caller as it is.
     */
    Action decide(K key, Entry<K, Object> current);

    /**
     * The value a {@link Action#PUT} or {@link Action#LOAD} stores: by default the one given to {@code operate}; a
     * decision that produced a value of its own (a processor's, a loader's) returns that.
     */
    default V value(V given) {
        return given;
    }

    /** The expiry time a {@link Action#RESTORE} stores, in milliseconds of the cache's clock; by default never. */
    default long expiresAt() {
        return Long.MAX_VALUE;
    }

    /** The created time a {@link Action#RESTORE} stores (epoch milliseconds); 0: none given, the clock's. */
    default long createdMillis() {
        return 0;
    }

    /** The modified time a {@link Action#RESTORE} stores (epoch milliseconds), given with {@link #createdMillis}. */
    default long modifiedMillis() {
        return 0;
    }

    /**
     * What the operation returns.
     *
     * @param current the live entry it decided on, or {@code null}
     * @param changed whether the cache changed (a value stored, an entry removed)
     * @param kept    the kept form of the value a put or load stored or tried to store, else {@code null}
     */
    R result(Entry<K, Object> current, boolean changed, V kept);
}
