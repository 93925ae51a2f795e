package dev.docstore.jcache;

import dev.docstore.testing.MutableClock;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/** What the JCache tests share: managers on unique URIs, the typed unwraps, fake clocks and a recording listener. */
final class JCacheTesting {
    private JCacheTesting() {
    }

    /** A URI no other test uses. */
    static URI uniqueUri(String purpose) {
        return URI.create("urn:docstore-test:" + purpose + ":" + UUID.randomUUID());
    }

    /** A fresh manager of the default provider on a URI of its own; close it when done. */
    static CacheManager newManager(String purpose) {
        return Caching.getCachingProvider().getCacheManager(uniqueUri(purpose), JCacheTesting.class.getClassLoader());
    }

    /** A cache name no other test uses. */
    static String uniqueName(String purpose) {
        return purpose + "-" + UUID.randomUUID();
    }

    @SuppressWarnings("unchecked") // unwrap can only name the raw DocumentCache; the view has the cache's own types
    static <K, V> DocumentCache<K, V> documents(Cache<K, V> cache) {
        return cache.unwrap(DocumentCache.class);
    }

    /** The cache's bound, or {@code null} when it has none: read from its parts, which tests cannot otherwise reach. */
    static CacheBound<?, ?> bound(Cache<?, ?> cache) {
        try {
            java.lang.reflect.Field writes = DocstoreCache.class.getDeclaredField("writes");
            writes.setAccessible(true);
            return ((KeyedWrites<?, ?>) writes.get(cache.unwrap(DocstoreCache.class))).bound();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    /** The cache's statistics, as its MXBean reports them. */
    static CacheStatistics statistics(Cache<?, ?> cache) {
        return cache.unwrap(DocstoreCache.class).statistics();
    }

    @SuppressWarnings("unchecked") // getConfiguration can only name the raw class; a cache's has the cache's types
    static <K, V> DocstoreConfiguration<K, V> docstoreConfiguration(Cache<K, V> cache) {
        return cache.getConfiguration(DocstoreConfiguration.class);
    }

    /** A factory that hands out one instance (the tests never serialise it). */
    static <T> Factory<T> factoryOf(T instance) {
        return new FactoryBuilder.SingletonFactory<>(instance);
    }

    static <K, V> CacheEntryListenerConfiguration<K, V> listenerConfiguration(RecordingListener<K, V> listener,
                                                                             boolean oldValueRequired,
                                                                             boolean synchronous) {
        return new MutableCacheEntryListenerConfiguration<>(factoryOf(listener), null, oldValueRequired,
                synchronous);
    }

    /**
     * A serialisable clock factory, as {@code DocstoreConfiguration.setClockFactory} needs, that hands out a clock kept
     * in a static registry under an id: the factory is a value, the clock stays the test's.
     */
    static final class TestClockFactory implements Factory<Clock> {
        private static final long serialVersionUID = 1L;
        private static final Map<String, Clock> CLOCKS = new ConcurrentHashMap<>();

        private final String id;

        private TestClockFactory(String id) {
            this.id = id;
        }

        static TestClockFactory of(Clock clock) {
            String id = UUID.randomUUID().toString();
            CLOCKS.put(id, clock);
            return new TestClockFactory(id);
        }

        @Override
        public Clock create() {
            return CLOCKS.get(id);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestClockFactory that && that.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    /**
     * A clock the background expiry sweeper does not see move: on the sweeper's thread it stays at the time it was
     * made, everywhere else it is the test's {@link MutableClock}. Tests that count what a read or
     * {@code evictExpired()} reclaims use it, so the once-a-second sweep cannot take entries first.
     */
    static final class SweeperBlindClock extends Clock {
        private final MutableClock visible;
        private final long sweeperMillis;

        SweeperBlindClock(MutableClock visible) {
            this.visible = visible;
            this.sweeperMillis = visible.millis();
        }

        private static boolean onSweeper() {
            return Thread.currentThread().getName().startsWith("docstore-expiry-sweeper");
        }

        @Override
        public long millis() {
            return onSweeper() ? sweeperMillis : visible.millis();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return visible.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock has one zone");
        }
    }

    /** One event as a listener saw it, with the thread that delivered it. */
    record Seen<K, V>(EventType type, K key, V value, V oldValue, boolean oldValueAvailable, String thread) {
        static <K, V> Seen<K, V> of(CacheEntryEvent<? extends K, ? extends V> event) {
            return new Seen<>(event.getEventType(), event.getKey(), event.getValue(), event.getOldValue(),
                    event.isOldValueAvailable(), Thread.currentThread().getName());
        }

        @Override
        public String toString() {
            return type + "[" + key + "=" + value + (oldValueAvailable ? ", old " + oldValue : "") + "]";
        }
    }

    /** Records every event of every type, in arrival order. Thread-safe. */
    static class RecordingListener<K, V> implements CacheEntryCreatedListener<K, V>, CacheEntryUpdatedListener<K, V>,
            CacheEntryRemovedListener<K, V>, CacheEntryExpiredListener<K, V> {
        final List<Seen<K, V>> events = new CopyOnWriteArrayList<>();

        void record(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
            for (CacheEntryEvent<? extends K, ? extends V> event : batch) {
                events.add(Seen.of(event));
            }
        }

        List<Seen<K, V>> of(EventType type) {
            List<Seen<K, V>> found = new ArrayList<>();
            for (Seen<K, V> seen : events) {
                if (seen.type() == type) {
                    found.add(seen);
                }
            }
            return found;
        }

        List<EventType> types() {
            return events.stream().map(Seen::type).toList();
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
            record(batch);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
            record(batch);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
            record(batch);
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
            record(batch);
        }
    }
}
