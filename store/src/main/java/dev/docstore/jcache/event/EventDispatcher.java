package dev.docstore.jcache.event;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;

/**
 * Delivers a cache's events to its listeners.
 *
 * <p>Ordering: the cache publishes a key's events while it holds that key's lock, in the order of its mutations.
 * Synchronous listeners are called right there, so they see a key's events in order and before the operation returns.
 * Asynchronous deliveries for one key are chained one after another on the executor (a future per key, replaced as
 * events arrive and dropped when the chain drains), so they keep the key's order too; different keys run in parallel.
 *
 * <p>Failures: what a synchronous listener throws reaches the caller as a {@link CacheEntryListenerException}, after
 * the mutation (which stands) and after the other listeners were called; what an asynchronous one throws is dropped
 * (an {@link Error} is handed to the delivering thread's uncaught-exception handler, which reports it), and the key's
 * later events are still delivered.
 *
 * <p>Thread-safe: registrations are a copy-on-write list; the per-key chains live in a concurrent map.
 *
 * <p>Internal: part of the provider, not an API; may change. It is public only for the cache's classes in
 * {@code dev.docstore.jcache}.
 */
public final class EventDispatcher<K, V> {
    private final Executor executor;
    private Cache<K, V> source;
    private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
    private final Map<Object, CompletableFuture<Void>> chains = new ConcurrentHashMap<>();

    public EventDispatcher(Executor executor) {
        this.executor = executor;
    }

    /** Names the cache events come from; called once, before any event. */
    public void bind(Cache<K, V> cache) {
        this.source = cache;
    }

    /** Registers a listener; its factories create it now. */
    public void register(CacheEntryListenerConfiguration<K, V> configuration) {
        registrations.add(new ListenerRegistration<>(configuration));
    }

    /** Deregisters a listener and closes it if {@link java.io.Closeable}; false if it was not registered. */
    public boolean deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.configuration.equals(configuration)) {
                registrations.remove(registration);
                registration.close();
                return true;
            }
        }
        return false;
    }

    public boolean isRegistered(CacheEntryListenerConfiguration<K, V> configuration) {
        return registrations.stream().anyMatch(r -> r.configuration.equals(configuration));
    }

    /** Whether any listener is registered: a cache without one need not order its writes for them. */
    public boolean hasListeners() {
        return !registrations.isEmpty();
    }

    /** Whether anyone listens for {@code type}: lets the cache skip building events nobody wants. */
    public boolean hasListenersFor(EventType type) {
        if (registrations.isEmpty()) {
            return false; // without making an iterator: asked on every write
        }
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.wants(type)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Publishes one event. {@code value} is the new value (the removed one for removals and expiries), {@code oldValue}
     * the one before; call with the key's lock held.
     *
     * @throws CacheEntryListenerException if a synchronous listener failed
     */
    public void publish(EventType type, K key, V value, V oldValue) {
        CacheEntryListenerException failure = null;
        for (ListenerRegistration<K, V> registration : registrations) {
            if (!registration.wants(type)) {
                continue;
            }
            boolean withOld = registration.isOldValueRequired() && oldValue != null;
            // a removal or expiry carries its value only as the old value, for listeners that asked for it
            boolean valueIsOld = type == EventType.REMOVED || type == EventType.EXPIRED;
            CacheEvent<K, V> event = new CacheEvent<>(source, type, key, valueIsOld && !withOld ? null : value,
                    oldValue, withOld);
            if (registration.isSynchronous()) {
                try {
                    registration.deliver(event);
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e instanceof CacheEntryListenerException listenerFailure ? listenerFailure
                                : new CacheEntryListenerException("listener " + registration.configuration
                                + " failed on " + event, e);
                    }
                }
            } else {
                deliverLater(key, registration, event);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private void deliverLater(Object key, ListenerRegistration<K, V> registration, CacheEvent<K, V> event) {
        Runnable delivery = () -> {
            try {
                registration.deliver(event);
            } catch (RuntimeException ignored) {
                // an asynchronous listener's failure has nobody to report to; the spec lets it go
            } catch (Error error) {
                // thrown on, it would fail this link of the key's chain and so skip every later event of the key
                Thread current = Thread.currentThread();
                current.getUncaughtExceptionHandler().uncaughtException(current, error);
            }
        };
        CompletableFuture<Void> chained = chains.compute(key, (k, previous) -> previous == null
                ? CompletableFuture.runAsync(delivery, executor)
                : previous.thenRunAsync(delivery, executor));
        chained.whenComplete((ignored, error) -> chains.remove(key, chained));
    }

    /** Waits for every asynchronous delivery under way; used before closing. */
    public void awaitDeliveries() {
        for (CompletableFuture<Void> chain : chains.values()) {
            chain.join();
        }
    }

    /** Closes every listener; returns the first failure, if any. */
    public IOException closeAll() {
        IOException failure = null;
        for (ListenerRegistration<K, V> registration : registrations) {
            IOException closing = registration.close();
            failure = failure == null ? closing : failure;
        }
        registrations.clear();
        return failure;
    }
}
