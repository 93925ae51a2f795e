package dev.docstore.jcache;

import dev.docstore.engine.DocumentStore;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.event.EventDispatcher;
import dev.docstore.jcache.expiry.ExpiryRules;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * Everything about a cache that is not an operation on its entries: building it from its configuration
 * ({@link #open}), its name, manager and configuration, listener (de)registration, the statistics and management
 * switches, the expiry sweeper, the warm restart ({@link WarmRestartFile}), and closing.
 *
 * <p>Expired entries are invisible at once (every read checks the expiry time) and are reclaimed without waiting for
 * an access: a sweeper visits the cache's entries once a second on a shared daemon thread, removes the expired ones
 * and reports them to EXPIRED listeners. Caches whose policy is eternal have no sweeper.
 *
 * <p>A cache with a warm restart loads its file in {@link #open}, before its listeners are registered, and saves it
 * when closed: after {@code closed} is set, so no operation that starts later can be missing from the file, and
 * before the name is released, so a new cache of the name, which loads the file, finds the saved one. An operation
 * already under way when {@code close} begins may or may not be in it, as it races with the close.
 *
 * <p>Thread-safe: configuration changes are synchronized on this object; {@code closed} and the management switch are
 * volatile, as operations and management read them without locking. The parts are set once, in {@link #open}, before
 * the cache is published. Saves are serialised by {@link WarmRestartFile}, not by this object's monitor, so a long
 * save holds up no configuration read.
 */
final class CacheLifecycle<K, V> {
    private static final long SWEEP_INTERVAL_MILLIS = 1000;

    private final DocstoreCacheManager manager;
    private final String name;
    private final DocstoreConfiguration<K, V> configuration;
    private final CacheStatistics statistics = new CacheStatistics();
    private final EventDispatcher<K, V> events = new EventDispatcher<>(executor());
    /** Waited for when the cache closes, before the loader they call is closed. */
    final BackgroundLoads loads = new BackgroundLoads(executor());
    private final DocumentStore<K, Object> store;
    private final ExpiryRules expiry;
    private final CacheIntegration<K, V> integration;
    private DocstoreCache<K, V> cache;
    private KeyedWrites<K, V> writes;
    private ScheduledFuture<?> sweeper;
    private WarmRestartFile<K, V> warmRestart;
    private volatile boolean closed;
    private volatile boolean managementEnabled;

    private CacheLifecycle(DocstoreCacheManager manager, String name, DocstoreConfiguration<K, V> configuration,
                           DocumentStore<K, Object> store, ExpiryRules expiry, CacheIntegration<K, V> integration) {
        this.manager = manager;
        this.name = name;
        this.configuration = configuration;
        this.store = store;
        this.expiry = expiry;
        this.integration = integration;
    }

    /** Builds a cache from a configuration the manager has validated and copied. */
    static <K, V> DocstoreCache<K, V> open(DocstoreCacheManager manager, String name,
                                           DocstoreConfiguration<K, V> configuration) {
        Clock clock = configuration.getClockFactory().create();
        ExpiryPolicy policy = configuration.getExpiryPolicyFactory().create();
        ExpiryRules expiry = new ExpiryRules(policy, clock);
        ValueCopies copies = new ValueCopies(configuration.isStoreByValue(),
                configuration.getCopierFactory().create(), manager.getClassLoader(), configuration.getValueType());
        CacheLoader<K, V> loader = configuration.getCacheLoaderFactory() == null ? null
                : configuration.getCacheLoaderFactory().create();
        CacheWriter<? super K, ? super V> writer = configuration.getCacheWriterFactory() == null ? null
                : configuration.getCacheWriterFactory().create();
        CacheIntegration<K, V> integration = new CacheIntegration<>(name, loader, writer,
                configuration.isReadThrough(), configuration.isWriteThrough());
        // the cache decides what to freeze or copy (ValueCopies); the store keeps what it is given, and no times
        // unless asked to (for exports): the cache keeps its own expiry times, and JCache reads no created time
        DocumentStore<K, Object> store = DocumentStore.<K, Object>builder().name(name).clock(clock)
                .freezeDocuments(false).timestamps(configuration.isKeepingTimestamps()).build();
        CacheLifecycle<K, V> lifecycle = new CacheLifecycle<>(manager, name, configuration, store, expiry, integration);
        DocumentCacheView<K, V> documents = new DocumentCacheView<>(lifecycle, store, expiry, copies);
        // only a cache with a maximum size or weight gets a bound; an unbounded one pays a null check on its paths
        KeyedWrites<K, V> writes = new KeyedWrites<>(store, expiry, copies, lifecycle.statistics, lifecycle.events,
                integration, documents, CacheBound.of(configuration));
        BulkOperations<K, V> bulk = new BulkOperations<>(name, store, writes, expiry, copies, lifecycle.statistics,
                integration, documents, lifecycle.loads);
        EntryProcessing<K, V> processing = new EntryProcessing<>(name, writes, copies, integration);
        lifecycle.writes = writes;
        documents.transfer = new CacheTransfer<>(name, configuration.getKeyType(), configuration.getValueType(),
                manager.getClassLoader(), store, expiry, copies, writes, documents);
        lifecycle.warmRestart = configuration.getWarmRestart()
                .map(setting -> new WarmRestartFile<>(name, setting, documents.transfer)).orElse(null);
        lifecycle.cache = new DocstoreCache<>(lifecycle, store, writes, bulk, processing, documents, expiry, copies,
                integration);
        lifecycle.events.bind(lifecycle.cache);
        lifecycle.start(documents);
        return lifecycle.cache;
    }

    /**
     * Creates the indexes and loads the warm-restart file first: the loaded documents are what the cache starts with,
     * not changes, so listeners registered after get no events for them. A file that cannot be loaded closes the
     * cache again, without saving over the file.
     */
    private void start(DocumentCacheView<K, V> documents) {
        configuration.getIndexes().forEach(documents::createIndex);
        if (warmRestart != null) {
            try {
                warmRestart.load();
            } catch (WarmRestartException e) {
                try {
                    close(Ending.ABANDON);
                } catch (RuntimeException closing) {
                    e.addSuppressed(closing);
                }
                throw e;
            }
        }
        for (CacheEntryListenerConfiguration<K, V> listener : configuration.getCacheEntryListenerConfigurations()) {
            events.register(listener);
        }
        statistics.setEnabled(configuration.isStatisticsEnabled());
        managementEnabled = configuration.isManagementEnabled();
        if (managementEnabled) {
            CacheManagement.installed().managementEnabled(cache);
        }
        if (configuration.isStatisticsEnabled()) {
            CacheManagement.installed().statisticsEnabled(cache);
        }
        if (!expiry.isEternal()) {
            sweeper = Sweeper.schedule(this::sweepInBackground, SWEEP_INTERVAL_MILLIS);
        }
        if (warmRestart != null) {
            warmRestart.start();
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
        if (events.isRegistered(listener)) {
            throw new IllegalArgumentException("listener " + listener + " is registered on cache '" + name
                    + "' already");
        }
        // create it first: a factory that throws must leave the configuration as it was
        events.register(listener);
        configuration.addCacheEntryListenerConfiguration(listener);
    }

    synchronized void deregisterListener(CacheEntryListenerConfiguration<K, V> listener) {
        if (events.deregister(listener)) {
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

    /** The bound as it is now, or empty for an unbounded cache. */
    Optional<EvictionBound> evictionBound() {
        ensureOpen();
        CacheBound<K, V> bound = writes.bound();
        return bound == null ? Optional.empty() : Optional.of(bound.describe());
    }

    /**
     * Changes the bound's maximum and the configuration's with it, then evicts what a lower maximum leaves over it.
     * The change is synchronized with the other configuration changes (so {@link #configuration} never reports a
     * maximum the bound does not have); the evictions run after, outside this object's monitor, because they call
     * listeners, which must not hold up configuration reads.
     */
    void setMaximum(long maximum) {
        synchronized (this) {
            ensureOpen();
            CacheBound<K, V> bound = writes.bound();
            if (bound == null) {
                throw new UnboundedCacheException(name, maximum);
            }
            EvictionBound.Kind kind = bound.kind();
            if (maximum <= 0) {
                throw new IllegalArgumentException(kind.setting() + " must be positive, was " + maximum);
            }
            bound.setMaximum(maximum);
            if (kind == EvictionBound.Kind.SIZE) {
                configuration.setMaximumSize(maximum);
            } else {
                configuration.setMaximumWeight(maximum, configuration.getWeigher());
            }
        }
        writes.evict();
    }

    /** The cache's statistics (counting only while enabled). */
    CacheStatistics statistics() {
        return statistics;
    }

    /** Removes every entry (through the writes, so that a bound learns of each removal). */
    void clear() {
        writes.clear();
    }

    /** Removes every expired entry now; returns how many. */
    int sweep() {
        return closed ? 0 : writes.expireAll(true);
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

    /** Closes the cache: saves its warm-restart file, stops the sweeper, unregisters its beans, drops its data. */
    void close() {
        close(Ending.CLOSE);
    }

    /** Closes the cache for {@code CacheManager.destroyCache}: its warm-restart file is deleted, not saved. */
    void destroy() {
        close(Ending.DESTROY);
    }

    /** What closing does with the warm-restart file. */
    private enum Ending {
        /** Saves it. */
        CLOSE,
        /** Deletes it. */
        DESTROY,
        /** Leaves it as it is: it could not be loaded, and saving would overwrite the documents in it. */
        ABANDON
    }

    private void close(Ending ending) {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        loads.closeAndAwait();
        // before the name is released: a new cache of that name loads the file, so it must find the saved one
        WarmRestartException fileFailure = warmRestart == null ? null : switch (ending) {
            case CLOSE -> warmRestart.stopAndSave();
            case DESTROY -> warmRestart.stopAndDelete();
            case ABANDON -> null;
        };
        manager.release(name, cache);
        if (sweeper != null) {
            sweeper.cancel(false);
        }
        CacheManagement.installed().cacheClosed(cache);
        events.awaitDeliveries();
        IOException failure = events.closeAll();
        failure = integration.close(failure);
        failure = CacheIntegration.closeQuietly(expiry.policy(), failure);
        store.close();
        if (fileFailure != null) {
            if (failure != null) {
                fileFailure.addSuppressed(failure);
            }
            throw fileFailure;
        }
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
