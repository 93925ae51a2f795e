package dev.docstore.cluster;

import static java.util.Objects.requireNonNull;

import dev.docstore.jcache.CacheIntegration;
import dev.docstore.jcache.IntegrationFailures;
import dev.docstore.jcache.ProcessorEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * {@code invoke} and {@code invokeAll} on a cluster cache: the processor runs in the calling JVM under the key's
 * cluster-wide lock, on a {@link ProcessorEntry} that records what it did; the net effect is then carried out like
 * any keyed write. A processor that throws changes nothing. Stateless.
 */
final class ClusterProcessing {
    private ClusterProcessing() {
    }

    static <K, V, T> T invoke(String cacheName, ClusterWrites<K, V> writes, CacheIntegration<K, V> integration,
                              K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        requireNonNull(key, "key");
        requireNonNull(processor, "entry processor");
        try {
            return writes.operate(key, null, new Processing<>(cacheName, integration, processor, arguments));
        } catch (RuntimeException e) {
            throw IntegrationFailures.ofProcessorEffect(e);
        }
    }

    static <K, V, T> Map<K, EntryProcessorResult<T>> invokeAll(String cacheName, ClusterWrites<K, V> writes,
                                                               CacheIntegration<K, V> integration,
                                                               Set<? extends K> keys,
                                                               EntryProcessor<K, V, T> processor,
                                                               Object... arguments) {
        requireNonNull(keys, "keys");
        requireNonNull(processor, "entry processor");
        keys.forEach(key -> requireNonNull(key, "a key"));
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : keys) {
            try {
                T result = invoke(cacheName, writes, integration, key, processor, arguments);
                if (result != null) {
                    results.put(key, () -> result);
                }
            } catch (EntryProcessorException e) {
                results.put(key, () -> {
                    throw e;
                });
            }
        }
        return results;
    }

    /** One processor call as a keyed decision. */
    private static final class Processing<K, V, T> implements KeyedDecision<K, V, T> {
        private final String cacheName;
        private final CacheIntegration<K, V> integration;
        private final EntryProcessor<K, V, T> processor;
        private final Object[] arguments;
        private ProcessorEntry<K, V> entry;
        private T result;

        Processing(String cacheName, CacheIntegration<K, V> integration, EntryProcessor<K, V, T> processor,
                   Object[] arguments) {
            this.cacheName = cacheName;
            this.integration = integration;
            this.processor = processor;
            this.arguments = arguments;
        }

        @Override
        public boolean isLookup() {
            return true;
        }

        @Override
        public Action decide(K key, StoredEntry current) {
            entry = new ProcessorEntry<>(key, KeyedDecision.valueOf(current),
                    integration.isReadThrough() ? integration::load : null);
            try {
                result = processor.process(entry, arguments);
            } catch (Exception e) {
                throw IntegrationFailures.ofProcessor(cacheName, processor, key, e);
            }
            return switch (entry.effect()) {
                case SET -> Action.PUT;
                case REMOVE -> Action.REMOVE;
                case LOADED -> Action.LOAD;
                case NONE -> entry.wasRead() ? Action.ACCESS : Action.NONE;
            };
        }

        @Override
        public V value(V given) {
            return entry.value();
        }

        @Override
        public T result(StoredEntry current, boolean changed, V stored) {
            return result;
        }
    }
}
