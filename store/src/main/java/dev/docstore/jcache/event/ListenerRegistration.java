package dev.docstore.jcache.event;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/** A registered listener, its filter, and how it wants events. Immutable; the listener's thread-safety is its own. */
final class ListenerRegistration<K, V> {
    final CacheEntryListenerConfiguration<K, V> configuration;
    private final CacheEntryListener<? super K, ? super V> listener;
    private final CacheEntryEventFilter<? super K, ? super V> filter;

    ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration) {
        this.configuration = configuration;
        this.listener = configuration.getCacheEntryListenerFactory().create();
        Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
                configuration.getCacheEntryEventFilterFactory();
        this.filter = filterFactory == null ? null : filterFactory.create();
    }

    boolean isSynchronous() {
        return configuration.isSynchronous();
    }

    boolean isOldValueRequired() {
        return configuration.isOldValueRequired();
    }

    boolean wants(EventType type) {
        switch (type) {
            case CREATED:
                return listener instanceof CacheEntryCreatedListener;
            case UPDATED:
                return listener instanceof CacheEntryUpdatedListener;
            case REMOVED:
                return listener instanceof CacheEntryRemovedListener;
            default:
                return listener instanceof CacheEntryExpiredListener;
        }
    }

    /** Delivers {@code event} unless the filter declines it; what the listener throws propagates. */
    @SuppressWarnings("unchecked") // wants(type) checked the listener's interface for the event's type
    void deliver(CacheEvent<K, V> event) {
        if (filter != null && !filter.evaluate(event)) {
            return;
        }
        List<CacheEntryEvent<? extends K, ? extends V>> events = List.of(event);
        switch (event.getEventType()) {
            case CREATED:
                ((CacheEntryCreatedListener<K, V>) listener).onCreated(events);
                break;
            case UPDATED:
                ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(events);
                break;
            case REMOVED:
                ((CacheEntryRemovedListener<K, V>) listener).onRemoved(events);
                break;
            default:
                ((CacheEntryExpiredListener<K, V>) listener).onExpired(events);
                break;
        }
    }

    /** Closes the listener and filter if they are {@link Closeable}; returns the first failure, if any. */
    IOException close() {
        IOException failure = closeQuietly(listener, null);
        return closeQuietly(filter, failure);
    }

    private static IOException closeQuietly(Object resource, IOException earlier) {
        if (resource instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                return earlier == null ? e : earlier;
            }
        }
        return earlier;
    }
}
