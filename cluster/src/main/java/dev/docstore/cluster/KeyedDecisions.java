package dev.docstore.cluster;

import dev.docstore.jcache.CacheIntegration;
import java.util.Objects;

/**
 * The decisions of the Cache API's keyed writes on a cluster cache, one per operation (the local cache's rules: a
 * {@code replace} or {@code remove(key, value)} that compares and declines is an access; read-through hands out what
 * it loaded even when the expiry policy let it not be stored). Stateless ones are shared; the others live for one
 * call. Thread-safe as used.
 */
final class KeyedDecisions {
    private KeyedDecisions() {
    }

    static <K, V> KeyedDecision<K, V, Boolean> put() {
        return new Fixed<>(false, KeyedDecision.Action.PUT, false);
    }

    static <K, V> KeyedDecision<K, V, V> getAndPut() {
        return new Fixed<>(true, KeyedDecision.Action.PUT, true);
    }

    static <K, V> KeyedDecision<K, V, Boolean> putWritten() {
        return new Fixed<>(false, KeyedDecision.Action.PUT_WRITTEN, false);
    }

    static <K, V> KeyedDecision<K, V, Boolean> remove() {
        return new Fixed<>(false, KeyedDecision.Action.REMOVE, false);
    }

    static <K, V> KeyedDecision<K, V, V> getAndRemove() {
        return new Fixed<>(true, KeyedDecision.Action.REMOVE, true);
    }

    static <K, V> KeyedDecision<K, V, Boolean> removeDeleted() {
        return new Fixed<>(false, KeyedDecision.Action.REMOVE_DELETED, false);
    }

    static <K, V> KeyedDecision<K, V, Boolean> putIfAbsent() {
        return new KeyedDecision<>() {
            @Override
            public boolean isLookup() {
                return true;
            }

            @Override
            public Action decide(K key, StoredEntry current) {
                return current == null ? Action.PUT : Action.NONE;
            }

            @Override
            public Boolean result(StoredEntry current, boolean changed, V stored) {
                return changed;
            }
        };
    }

    /** {@code replace} and {@code getAndReplace}; {@code expected == null}: whatever is there. */
    static <K, V> KeyedDecision<K, V, V> replace(V expected) {
        return new KeyedDecision<>() {
            @Override
            public boolean isLookup() {
                return true;
            }

            @Override
            public Action decide(K key, StoredEntry current) {
                if (current == null) {
                    return Action.NONE;
                }
                return expected == null || Objects.equals(current.value(), expected) ? Action.PUT : Action.ACCESS;
            }

            @Override
            public V result(StoredEntry current, boolean changed, V stored) {
                return changed ? KeyedDecision.valueOf(current) : null;
            }
        };
    }

    static <K, V> KeyedDecision<K, V, Boolean> removeIfEquals(V expected) {
        return new KeyedDecision<>() {
            @Override
            public boolean isLookup() {
                return true;
            }

            @Override
            public Action decide(K key, StoredEntry current) {
                if (current == null) {
                    return Action.NONE;
                }
                return Objects.equals(current.value(), expected) ? Action.REMOVE : Action.ACCESS;
            }

            @Override
            public Boolean result(StoredEntry current, boolean changed, V stored) {
                return changed;
            }
        };
    }

    /** Read-through after a miss: loads unless a concurrent caller already stored the key. */
    static <K, V> KeyedDecision<K, V, V> loadIfAbsent(CacheIntegration<K, V> integration) {
        return new Load<>(integration, null, false);
    }

    /** {@code loadAll}'s part for one key, with the value the loader gave. */
    static <K, V> KeyedDecision<K, V, V> storeLoaded(V loaded, boolean replaceExisting) {
        return new Load<>(null, loaded, replaceExisting);
    }

    private record Fixed<K, V, R>(boolean isLookup, Action action, boolean returnsOld)
            implements KeyedDecision<K, V, R> {
        @Override
        public Action decide(K key, StoredEntry current) {
            return action;
        }

        @Override
        @SuppressWarnings("unchecked") // R is V when returnsOld, else Boolean, as the factories declare
        public R result(StoredEntry current, boolean changed, V stored) {
            return (R) (returnsOld ? KeyedDecision.valueOf(current) : Boolean.valueOf(changed));
        }
    }

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
        public Action decide(K key, StoredEntry current) {
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
        public V result(StoredEntry current, boolean changed, V stored) {
            if (integration == null) {
                return changed ? stored : null;
            }
            return current != null ? KeyedDecision.valueOf(current) : stored;
        }
    }
}
