package dev.docstore.jcache;

import dev.docstore.engine.Entry;
import dev.docstore.jcache.expiry.Expirable;
import java.util.Objects;

/**
 * The decisions of the Cache API's keyed writes, one per operation, for {@link KeyedWrites#operate}. Those without
 * state are made once per cache and shared (so {@code put} allocates none); the ones holding an expected value or a
 * load are made per call. Stateless or confined to one call: thread-safe.
 */
final class KeyedDecisions {
    private KeyedDecisions() {
    }

    /** {@code put}: stores; returns whether it stored (not when the expiry policy gave the entry no time). */
    static <K, V> KeyedDecision<K, V, Boolean> put() {
        return new Stateless<>(false, KeyedDecision.Action.PUT, Returns.CHANGED);
    }

    /** {@code getAndPut}: a look-up, then a put; returns the kept value before. */
    static <K, V> KeyedDecision<K, V, V> getAndPut() {
        return new Stateless<>(true, KeyedDecision.Action.PUT, Returns.OLD_VALUE);
    }

    /** {@code putAll}'s part for one key, whose write-through the batch did. */
    static <K, V> KeyedDecision<K, V, Boolean> putWritten() {
        return new Stateless<>(false, KeyedDecision.Action.PUT_WRITTEN, Returns.CHANGED);
    }

    /** {@code remove(key)} and an iterator's removal: deletes through even an absent key; returns whether present. */
    static <K, V> KeyedDecision<K, V, Boolean> remove() {
        return new Stateless<>(false, KeyedDecision.Action.REMOVE, Returns.CHANGED);
    }

    /** {@code getAndRemove}: a look-up, then a removal; returns the kept value before. */
    static <K, V> KeyedDecision<K, V, V> getAndRemove() {
        return new Stateless<>(true, KeyedDecision.Action.REMOVE, Returns.OLD_VALUE);
    }

    /** {@code removeAll}'s part for one key, whose deletion the batch did. */
    static <K, V> KeyedDecision<K, V, Boolean> removeDeleted() {
        return new Stateless<>(false, KeyedDecision.Action.REMOVE_DELETED, Returns.CHANGED);
    }

    /** {@code putIfAbsent}: a look-up; stores only when absent; returns whether it stored. */
    static <K, V> KeyedDecision<K, V, Boolean> putIfAbsent() {
        return new KeyedDecision<>() {
            @Override
            public boolean isLookup() {
                return true;
            }

            @Override
            public Action decide(K key, Entry<K, Object> current) {
                return current == null ? Action.PUT : Action.NONE;
            }

            @Override
            public Boolean result(Entry<K, Object> current, boolean changed, V kept) {
                return changed;
            }
        };
    }

    /**
     * {@code replace} and {@code getAndReplace}: a look-up; replaces a present value, provided it equals
     * {@code expected} when that is not {@code null} (a present value that does not is an access). Returns the kept
     * value replaced, or {@code null} when nothing was.
     */
    static <K, V> KeyedDecision<K, V, V> replace(V expected) {
        return new KeyedDecision<>() {
            @Override
            public boolean isLookup() {
                return true;
            }

            @Override
            public Action decide(K key, Entry<K, Object> current) {
                if (current == null) {
                    return Action.NONE;
                }
                return expected == null || Objects.equals(Expirable.valueOf(current), expected) ? Action.PUT
                        : Action.ACCESS;
            }

            @Override
            public V result(Entry<K, Object> current, boolean changed, V kept) {
                return changed ? Expirable.valueOf(current) : null;
            }
        };
    }

    /** {@code remove(key, expected)}: a look-up; removes when the value equals {@code expected}, else an access. */
    static <K, V> KeyedDecision<K, V, Boolean> removeIfEquals(V expected) {
        return new KeyedDecision<>() {
            @Override
            public boolean isLookup() {
                return true;
            }

            @Override
            public Action decide(K key, Entry<K, Object> current) {
                if (current == null) {
                    return Action.NONE;
                }
                return Objects.equals(Expirable.valueOf(current), expected) ? Action.REMOVE : Action.ACCESS;
            }

            @Override
            public Boolean result(Entry<K, Object> current, boolean changed, V kept) {
                return changed;
            }
        };
    }

    /**
     * Read-through after a miss: loads the key unless a concurrent caller already did, and stores what the loader
     * returned (not written back). Returns the kept value, or {@code null}.
     */
    static <K, V> KeyedDecision<K, V, V> loadIfAbsent(CacheIntegration<K, V> integration) {
        return new Load<>(integration, null, false);
    }

    /**
     * {@code loadAll}'s part for one key, with the value the loader gave: stores it unless the key is live and not
     * to be replaced. Returns the kept value stored, or {@code null}.
     */
    static <K, V> KeyedDecision<K, V, V> storeLoaded(V loaded, boolean replaceExisting) {
        return new Load<>(null, loaded, replaceExisting);
    }

    /** What a stateless decision returns. */
    private enum Returns { CHANGED, OLD_VALUE }

    /** A decision that always takes the same action. */
    /**
     * Stores an imported value, given in its kept form, to expire at {@code expiresAt}, created and modified at the
     * given times (0: none given, the clock's; kept only by a cache that keeps times); returns the live entry it
     * replaced ({@code null}: none), so that an import can undo it.
     */
    static <K, V> KeyedDecision<K, V, Entry<K, Object>> restore(long expiresAt, long createdMillis,
                                                               long modifiedMillis) {
        return new Restore<>(expiresAt, createdMillis, modifiedMillis);
    }

    private record Restore<K, V>(long expiresAt, long createdMillis, long modifiedMillis)
            implements KeyedDecision<K, V, Entry<K, Object>> {
        @Override
        public Action decide(K key, Entry<K, Object> current) {
            return Action.RESTORE;
        }

        @Override
        public Entry<K, Object> result(Entry<K, Object> current, boolean changed, V kept) {
            return current;
        }
    }

    private static final class Stateless<K, V, R> implements KeyedDecision<K, V, R> {
        private final boolean lookup;
        private final Action action;
        private final Returns returns;

        Stateless(boolean lookup, Action action, Returns returns) {
            this.lookup = lookup;
            this.action = action;
            this.returns = returns;
        }

        @Override
        public boolean isLookup() {
            return lookup;
        }

        @Override
        public Action decide(K key, Entry<K, Object> current) {
            return action;
        }

        @Override
        @SuppressWarnings("unchecked") // R is Boolean for CHANGED and V for OLD_VALUE, as the factories declare
        public R result(Entry<K, Object> current, boolean changed, V kept) {
            return (R) (returns == Returns.CHANGED ? Boolean.valueOf(changed) : Expirable.valueOf(current));
        }
    }

    /** A load: by the loader under the key's lock ({@code integration} given), or of a value already loaded. */
    private static final class Load<K, V> implements KeyedDecision<K, V, V> {
        private final CacheIntegration<K, V> integration;
        private final boolean replaceExisting;
        private V loaded;

        Load(CacheIntegration<K, V> integration, V loaded, boolean replaceExisting) {
            this.integration = integration;
            this.loaded = loaded;
            this.replaceExisting = replaceExisting;
        }

        @Override
        public Action decide(K key, Entry<K, Object> current) {
            if (current != null && !replaceExisting) {
                return Action.NONE;
            }
            if (integration != null) {
                loaded = integration.load(key);
            }
            return loaded == null ? Action.NONE : Action.LOAD;
        }

        @Override
        public V value(V given) {
            return loaded;
        }

        @Override
        public V result(Entry<K, Object> current, boolean changed, V kept) {
            if (integration == null) {
                return changed ? kept : null;
            }
            // read-through hands out what it loaded even when the expiry policy let it not be stored
            return current != null ? Expirable.<V>valueOf(current) : kept;
        }
    }
}
