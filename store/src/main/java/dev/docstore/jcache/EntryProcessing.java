package dev.docstore.jcache;

import static dev.docstore.jcache.Arguments.requireNonNull;

import dev.docstore.engine.Entry;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.expiry.Expirable;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * {@code invoke} and {@code invokeAll}: a processor runs as the decision of one {@link KeyedWrites#operate}, on a
 * {@link ProcessorEntry} that records what it did; its net effect is then carried out like any keyed write. A
 * processor that throws changes nothing; what it, the writer, the loader or a unique index throws reaches the caller as
 * an {@link EntryProcessorException} ({@link IntegrationFailures}).
 *
 * <p>Concurrency: the processor runs under its key's lock, once per call; {@code invokeAll} processes key by key.
 */
final class EntryProcessing<K, V> {
    private final String cacheName;
    private final KeyedWrites<K, V> writes;
    private final ValueCopies copies;
    private final CacheIntegration<K, V> integration;

    EntryProcessing(String cacheName, KeyedWrites<K, V> writes, ValueCopies copies,
                    CacheIntegration<K, V> integration) {
        this.cacheName = cacheName;
        this.writes = writes;
        this.copies = copies;
        this.integration = integration;
    }

    <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        requireNonNull(key, "key");
        requireNonNull(processor, "entry processor");
        try {
            return writes.operate(key, null, null, new Processing<>(processor, arguments));
        } catch (RuntimeException e) {
            throw IntegrationFailures.ofProcessorEffect(e);
        }
    }

    <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                  Object... arguments) {
        requireNonNull(keys, "keys");
        requireNonNull(processor, "entry processor");
        keys.forEach(key -> requireNonNull(key, "a key"));
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : keys) {
            try {
                T result = invoke(key, processor, arguments);
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

    /** One processor call as a keyed decision; made per call, as it holds the processor's entry. */
    private final class Processing<T> implements KeyedDecision<K, V, T> {
        private final EntryProcessor<K, V, T> processor;
        private final Object[] arguments;
        private ProcessorEntry<K, V> entry;
        private T result;

        Processing(EntryProcessor<K, V, T> processor, Object[] arguments) {
            this.processor = processor;
            this.arguments = arguments;
        }

        /** Looking the key up is the hit or miss, whatever the processor then does or throws. */
        @Override
        public boolean isLookup() {
            return true;
        }

        @Override
        public Action decide(K key, Entry<K, Object> current) {
            entry = new ProcessorEntry<>(key, copies.out(Expirable.valueOf(current)),
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
                // the access rule of expiry applies only when reading is all the processor did
                case NONE -> entry.wasRead() ? Action.ACCESS : Action.NONE;
            };
        }

        @Override
        public V value(V given) {
            return entry.value();
        }

        @Override
        public T result(Entry<K, Object> current, boolean changed, V kept) {
            return result;
        }
    }
}
