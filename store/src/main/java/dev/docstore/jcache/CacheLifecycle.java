package dev.docstore.jcache;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import java.io.IOException;
import java.time.Clock;
import java.util.Iterator;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.CacheException;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * Everything about a cache that is not an operation on its entries: its name, manager and configuration, listener
 * (de)registration, statistics and management switches, the expiry sweeper, the index-aware view, and closing.
 *
 * <p>Expired entries are invisible at once (every read checks the expiry time) and are reclaimed without waiting for
 * an access: a sweeper visits the cache's entries once a second on a shared daemon thread, removes the expired ones
 * and reports them to EXPIRED listeners. Caches whose policy is eternal have no sweeper.
 *
 * <p>Thread-safe: configuration changes are synchronized on this object; {@code closed} is volatile. The index-aware
 * view is created under the monitor but published through a volatile field, because every write reads it
 * ({@link #documentsIfOpened}) and a monitor there made concurrent writers of any keys queue on this object.
 */
final class CacheLifecycle<K, V> {
    private static final long SWEEP_INTERVAL_MILLIS = 1000;

    private final DocstoreCacheManager manager;
    private final String name;
    private final DocstoreConfiguration<K, V> configuration;
    private final CacheStatistics statistics = new CacheStatistics();
    private DocstoreCache<K, V> cache;
    private volatile DocumentCacheView<K, V> documents;
    private ScheduledFuture<?> sweeper;
    private volatile boolean closed;
    private volatile boolean managementEnabled;

    private CacheLifecycle(DocstoreCacheManager manager, String name, DocstoreConfiguration<K, V> configuration) {
        this.manager = manager;
        this.name = name;
        this.configuration = configuration;
    }

    /** Builds a cache from a configuration the manager has validated and copied. */
    static <K, V> DocstoreCache<K, V> open(DocstoreCacheManager manager, String name,
                                           DocstoreConfiguration<K, V> configuration) {
        CacheLifecycle<K, V> lifecycle = new CacheLifecycle<>(manager, name, configuration);
        Clock clock = configuration.getClockFactory().create();
        ExpiryPolicy policy = configuration.getExpiryPolicyFactory().create();
        ExpiryRules expiry = new ExpiryRules(policy, clock);
        ValueCopies copies = new ValueCopies(configuration.isStoreByValue(),
                configuration.getCopierFactory().create(), manager.getClassLoader(), configuration.getValueType());
        CacheLoader<K, V> loader = configuration.getCacheLoaderFactory() == null ? null
                : configuration.getCacheLoaderFactory().create();
        CacheWriter<? super K, ? super V> writer = configuration.getCacheWriterFactory() == null ? null
                : configuration.getCacheWriterFactory().create();
        // the cache decides what to freeze or copy (ValueCopies); the store keeps what it is given, and no times:
        // the cache keeps its own expiry times, and nothing it offers reads an entry's created or updated time
        DocumentStore<K, Object> store = DocumentStore.<K, Object>builder().name(name).clock(clock)
                .freezeDocuments(false).timestamps(false).build();
        EventDispatcher<K, V> events = new EventDispatcher<>(lifecycle.executor());
        lifecycle.cache = new DocstoreCache<>(lifecycle, store, expiry, copies, lifecycle.statistics,
                events, loader, writer);
        events.bind(lifecycle.cache);
        lifecycle.start();
        return lifecycle.cache;
    }

    private void start() {
        for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
            cache.events.register(listener);
        }
        statistics.setEnabled(configuration.isStatisticsEnabled());
        managementEnabled = configuration.isManagementEnabled();
        if (managementEnabled) {
            CacheManagement.installed().managementEnabled(cache);
        }
        if (configuration.isStatisticsEnabled()) {
            CacheManagement.installed().statisticsEnabled(cache);
        }
        if (!cache.expiry.isEternal()) {
            sweeper = Sweeper.schedule(this::sweepInBackground, SWEEP_INTERVAL_MILLIS);
        }
        if (!configuration.getIndexes().isEmpty()) {
            configuration.getIndexes().forEach(documents()::createIndex);
        }
    }

    String name() {
        return name;
    }

    DocstoreCacheManager manager() {
        return manager;
    }

    /** Unsynchronized on purpose: management asks this of other caches while holding its own cache's monitor. */
    boolean isManagementEnabled() {
        return managementEnabled;
    }

    boolean isReadThrough() {
        return configuration.isReadThrough();
    }

    boolean isWriteThrough() {
        return configuration.isWriteThrough();
    }

    Executor executor() {
        return ForkJoinPool.commonPool();
    }

    void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cache '" + name + "' is closed");
        }
    }

    boolean isClosed() {
        return closed;
    }

    synchronized void registerListener(CacheEntryListenerConfiguration<K, V> listener) {
        if (cache.events.isRegistered(listener)) {
            throw new IllegalArgumentException("listener " + listener + " is registered on cache '" + name
                    + "' already");
        }
        // create it first: a factory that throws must leave the configuration as it was
        cache.events.register(listener);
        configuration.addCacheEntryListenerConfiguration(listener);
    }

    synchronized void deregisterListener(CacheEntryListenerConfiguration<K, V> listener) {
        if (cache.events.deregister(listener)) {
            configuration.removeCacheEntryListenerConfiguration(listener);
        }
    }

    /** An independent copy of the configuration, as the type asked for. */
    synchronized <C extends Configuration<K, V>> C configuration(Class<C> type) {
        if (type.isInstance(configuration)) {
            return type.cast(new DocstoreConfiguration<>(configuration));
        }
        throw new IllegalArgumentException("the configuration of cache '" + name + "' is a "
                + DocstoreConfiguration.class.getName() + ", not a " + type.getName());
    }

    synchronized void setStatisticsEnabled(boolean enabled) {
        ensureOpen();
        configuration.setStatisticsEnabled(enabled);
        statistics.setEnabled(enabled);
        if (enabled) {
            CacheManagement.installed().statisticsEnabled(cache);
        } else {
            CacheManagement.installed().statisticsDisabled(cache);
        }
    }

    synchronized void setManagementEnabled(boolean enabled) {
        ensureOpen();
        configuration.setManagementEnabled(enabled);
        managementEnabled = enabled;
        if (enabled) {
            CacheManagement.installed().managementEnabled(cache);
        } else {
            CacheManagement.installed().managementDisabled(cache);
        }
    }

    /** The index-aware view, created on first use (a cache without indexes pays nothing for them). */
    synchronized DocumentCacheView<K, V> documents() {
        ensureOpen();
        if (documents == null) {
            documents = new DocumentCacheView<>(cache);
        }
        return documents;
    }

    /** The cache's statistics (counting only while enabled). */
    CacheStatistics statistics() {
        return statistics;
    }

    /**
     * The index-aware view if it was ever asked for (it attaches indexes to the store), else {@code null}. Lock-free:
     * the view is set once, fully built, and never unset.
     */
    DocumentCacheView<K, V> documentsIfOpened() {
        return documents;
    }

    /** Removes every expired entry now; returns how many. */
    int sweep() {
        if (closed) {
            return 0;
        }
        int expired = 0;
        long now = cache.expiry.now();
        try (Stream<Entry<K, Object>> entries = cache.store.stream()) {
            for (Iterator<Entry<K, Object>> it = entries.iterator(); it.hasNext(); ) {
                Entry<K, Object> entry = it.next();
                if (entry.value() instanceof Expirable expirable && expirable.isExpired(now) && cache.expire(entry)) {
                    expired++;
                }
            }
        }
        return expired;
    }

    /** The background sweep: one failure (a listener that throws, say) must not stop the ones after it. */
    private void sweepInBackground() {
        try {
            sweep();
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError fatal) {
                throw fatal;
            }
            // the entries stay expired and invisible; the next sweep tries again
        }
    }

    /** Closes the cache: stops the sweeper, unregisters its beans, closes what it owns, drops its data. */
    void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        manager.release(name, cache);
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        CacheManagement.installed().cacheClosed(cache);
        cache.events.awaitDeliveries();
        IOException failure = cache.events.closeAll();
        failure = ListenerRegistration.closeQuietly(cache.loader, failure);
        failure = ListenerRegistration.closeQuietly(cache.writer, failure);
        failure = ListenerRegistration.closeQuietly(cache.expiry.policy(), failure);
        cache.store.close();
        if (failure != null) {
            throw new CacheException("cache '" + name + "' closed, but closing one of its parts failed", failure);
        }
    }

    /** The shared sweeper thread. */
    private static final class Sweeper {
        private static final ScheduledExecutorService EXECUTOR =
                Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "docstore-expiry-sweeper");
                    thread.setDaemon(true);
                    return thread;
                });

        static ScheduledFuture<?> schedule(Runnable sweep, long intervalMillis) {
            return EXECUTOR.scheduleWithFixedDelay(sweep, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
        }
    }
}
