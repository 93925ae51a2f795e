package dev.docstore.cluster;

import static java.util.Objects.requireNonNull;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.docstore.cluster.query.ClusterDocumentCache;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.management.JmxRegistration;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * A cache manager of the cluster provider. The caches it names are cluster-wide: a registry map on the cluster
 * ({@value #REGISTRY}) holds every cache's name and key and value types, so a manager of the same URI in another JVM
 * finds a cache this one created ({@link #getCache}) and opens its own handle on it. A manager's caches are
 * namespaced by its URI, so managers of different URIs never share a cache; a manager of a class loader other than the
 * provider's default one has a namespace of its own in this JVM, as the spec wants caches per class loader.
 *
 * <p>Closing a cache closes this JVM's handle (listeners, loader, writer) and keeps the data; destroying it removes the
 * data and the name from the cluster. Closing the manager closes its handles; the last manager of a connection stops
 * this JVM's members (their partitions move to the other members) or its client.
 *
 * <p>Thread-safe: creating, opening and releasing handles is synchronized on {@code handles}.
 */
public final class ClusterCacheManager implements CacheManager {
    /** The cluster-wide map of cache names (with their manager's namespace) to key and value type names. */
    static final String REGISTRY = "docstore.caches";

    private final ClusterCachingProvider provider;
    private final URI uri;
    private final WeakReference<ClassLoader> classLoader;
    private final Properties properties;
    private final ClusterConnection connection;
    private final String namespace;
    private final IMap<String, String> registry;
    private final Map<String, ClusterCache<?, ?>> handles = new ConcurrentHashMap<>();
    private final Set<String> closedHere = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    ClusterCacheManager(ClusterCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
                        ClusterConnection connection) {
        this.provider = provider;
        this.uri = uri;
        this.classLoader = new WeakReference<>(classLoader);
        this.properties = properties;
        this.connection = connection;
        // a class loader other than the default one is this JVM's alone, so its managers' caches are too
        String ofLoader = classLoader == provider.getDefaultClassLoader() ? ""
                : "@" + Integer.toHexString(System.identityHashCode(classLoader));
        this.namespace = ClusterCachingProvider.DEFAULT_URI.equals(uri) && ofLoader.isEmpty() ? ""
                : uri + ofLoader + "/";
        this.registry = connection.instance().getMap(REGISTRY);
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader.get();
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        ensureOpen();
        requireNonNull(cacheName, "cache name must not be null");
        requireNonNull(configuration, "configuration must not be null");
        validate(cacheName, configuration);
        DocstoreConfiguration<K, V> copy = new DocstoreConfiguration<>(configuration);
        refuseLocalOnly(copy);
        synchronized (handles) {
            String types = copy.getKeyType().getName() + " " + copy.getValueType().getName();
            if (handles.containsKey(cacheName) || registry.putIfAbsent(qualified(cacheName), types) != null) {
                throw new CacheException("cache '" + cacheName + "' exists already in " + uri);
            }
            closedHere.remove(cacheName);
            try {
                ClusterCache<K, V> cache = open(cacheName, copy);
                copy.getIndexes().forEach(index -> cache.unwrap(DocumentCache.class).createIndex(index));
                return cache;
            } catch (RuntimeException e) {
                ClusterCache<?, ?> opened = handles.remove(cacheName);
                if (opened != null) {
                    opened.close();
                }
                registry.remove(qualified(cacheName));
                throw e;
            }
        }
    }

    private static void validate(String cacheName, Configuration<?, ?> configuration) {
        if (configuration.getKeyType() == null || configuration.getValueType() == null) {
            throw new IllegalArgumentException("cache '" + cacheName + "': key and value types must not be null");
        }
        if (configuration instanceof CompleteConfiguration<?, ?> complete
                && complete.getExpiryPolicyFactory() == null) {
            throw new IllegalArgumentException("cache '" + cacheName + "': the expiry policy factory is null");
        }
    }

    /** What only a local cache has is refused before anything exists on the cluster. */
    private static void refuseLocalOnly(DocstoreConfiguration<?, ?> configuration) {
        if (configuration.getMaximumWeight().isPresent()) {
            throw new ClusterUnsupportedException("a bound by weight",
                    "Hazelcast bounds a map by entries per member; use setMaximumSize");
        }
        if (configuration.getWarmRestart().isPresent()) {
            throw new ClusterUnsupportedException("a warm-restart file",
                    "the cluster keeps the data while any member with a copy runs; back it up with backups");
        }
    }

    private <K, V> ClusterCache<K, V> open(String cacheName, DocstoreConfiguration<K, V> configuration) {
        HazelcastInstance instance = connection.instance();
        IMap<K, StoredEntry> map = ClusterMaps.declare(instance, qualified(cacheName),
                connection.settings().backups(), configuration.getMaximumSize().orElse(0));
        ClusterCache<K, V> cache = new ClusterCache<>(this, cacheName, configuration, map, documentView());
        handles.put(cacheName, cache);
        if (configuration.isManagementEnabled()) {
            JmxRegistration.registerConfiguration(cache, uri);
        }
        if (configuration.isStatisticsEnabled()) {
            JmxRegistration.registerStatistics(cache, uri, cache.statistics());
        }
        return cache;
    }

    /** How a cache makes its index-aware view: over the cache's map, with the cluster-wide index registry. */
    static final Function<ClusterCache<?, ?>, DocumentCache<?, ?>> documentViews = ClusterDocumentCache::new;

    @SuppressWarnings({"unchecked", "rawtypes"}) // the view has the cache's own key and value types
    private static <K, V> Function<ClusterCache<K, V>, DocumentCache<K, V>> documentView() {
        return (Function) documentViews;
    }

    @Override
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        ensureOpen();
        requireNonNull(cacheName, "cache name must not be null");
        requireNonNull(keyType, "key type must not be null");
        requireNonNull(valueType, "value type must not be null");
        ClusterCache<?, ?> cache = handle(cacheName);
        if (cache == null) {
            return null;
        }
        @SuppressWarnings("unchecked") // the configuration of a cache has its own key and value types
        CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
        if (configuration.getKeyType() != keyType || configuration.getValueType() != valueType) {
            throw new ClassCastException("cache '" + cacheName + "' holds " + configuration.getKeyType().getName()
                    + " -> " + configuration.getValueType().getName() + ", not " + keyType.getName() + " -> "
                    + valueType.getName());
        }
        return cast(cache);
    }

    @Override
    public <K, V> Cache<K, V> getCache(String cacheName) {
        ensureOpen();
        requireNonNull(cacheName, "cache name must not be null");
        ClusterCache<?, ?> cache = handle(cacheName);
        return cache == null ? null : cast(cache);
    }

    /**
     * This JVM's handle on a cache: the open one, or a new one on a cache another JVM created (with the types the
     * registry gives and otherwise default settings); {@code null} when the cluster has no such cache or this
     * manager closed its handle.
     */
    private ClusterCache<?, ?> handle(String cacheName) {
        ClusterCache<?, ?> open = handles.get(cacheName);
        if (open != null || closedHere.contains(cacheName)) {
            return open;
        }
        synchronized (handles) {
            open = handles.get(cacheName);
            if (open != null) {
                return open;
            }
            String types = registry.get(qualified(cacheName));
            return types == null ? null : open(cacheName, configurationOf(cacheName, types));
        }
    }

    private DocstoreConfiguration<Object, Object> configurationOf(String cacheName, String types) {
        String[] names = types.split(" ");
        DocstoreConfiguration<Object, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(load(cacheName, names[0]), load(cacheName, names[1]));
        return configuration;
    }

    @SuppressWarnings("unchecked") // a type name the registry holds for the cache's keys or values
    private Class<Object> load(String cacheName, String name) {
        try {
            return (Class<Object>) Class.forName(name, false, getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new CacheException("cache '" + cacheName + "' holds " + name + ", which this JVM cannot load", e);
        }
    }

    @SuppressWarnings("unchecked") // JCache leaves checking the types of an untyped lookup to the caller
    private static <K, V> Cache<K, V> cast(ClusterCache<?, ?> cache) {
        return (Cache<K, V>) cache;
    }

    /** The caches of this manager's namespace on the whole cluster. */
    @Override
    public Iterable<String> getCacheNames() {
        ensureOpen();
        Set<String> names = new TreeSet<>(handles.keySet());
        for (String qualified : registry.keySet()) {
            if (qualified.startsWith(namespace) && (namespace.isEmpty() ? !qualified.contains("/") : true)) {
                String name = qualified.substring(namespace.length());
                if (!closedHere.contains(name)) {
                    names.add(name);
                }
            }
        }
        return Set.copyOf(names);
    }

    /** Removes the cache's data and name from the cluster, and closes this JVM's handle. */
    @Override
    public void destroyCache(String cacheName) {
        ensureOpen();
        requireNonNull(cacheName, "cache name must not be null");
        ClusterCache<?, ?> cache = handle(cacheName);
        synchronized (handles) {
            if (cache != null) {
                cache.map().destroy();
                cache.close();
            }
            connection.instance().getMap(ClusterMaps.indexRegistryName(qualified(cacheName))).destroy();
            registry.remove(qualified(cacheName));
            closedHere.remove(cacheName);
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        ensureOpen();
        ClusterCache<?, ?> cache = handle(requireNonNull(cacheName, "cache name must not be null"));
        if (cache != null) {
            cache.setManagementEnabled(enabled);
            if (enabled) {
                JmxRegistration.registerConfiguration(cache, uri);
            } else {
                JmxRegistration.unregister(JmxRegistration.Kind.CONFIGURATION, uri, cache);
            }
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        ensureOpen();
        ClusterCache<?, ?> cache = handle(requireNonNull(cacheName, "cache name must not be null"));
        if (cache != null) {
            cache.setStatisticsEnabled(enabled);
            if (enabled) {
                JmxRegistration.registerStatistics(cache, uri, cache.statistics());
            } else {
                JmxRegistration.unregister(JmxRegistration.Kind.STATISTICS, uri, cache);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        CacheException failure = null;
        for (ClusterCache<?, ?> cache : List.copyOf(handles.values())) {
            try {
                cache.close();
            } catch (CacheException e) {
                failure = failure == null ? e : failure;
            }
        }
        handles.clear();
        provider.release(this);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        requireNonNull(type, "type must not be null");
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        if (type.isInstance(connection.instance())) {
            return type.cast(connection.instance());
        }
        throw new IllegalArgumentException("a cluster cache manager cannot be unwrapped to " + type.getName());
    }

    /** This JVM's open handles. */
    public Collection<ClusterCache<?, ?>> caches() {
        return List.copyOf(handles.values());
    }

    /** The connection to the cluster. */
    public ClusterConnection connection() {
        return connection;
    }

    /** Called by a cache's close: unregisters its beans and forgets the handle. */
    void released(ClusterCache<?, ?> cache) {
        JmxRegistration.unregister(JmxRegistration.Kind.CONFIGURATION, uri, cache);
        JmxRegistration.unregister(JmxRegistration.Kind.STATISTICS, uri, cache);
        if (handles.remove(cache.getName(), cache) && !closed) {
            closedHere.add(cache.getName());
        }
    }

    String qualified(String cacheName) {
        return namespace + cacheName;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cache manager " + uri + " is closed");
        }
    }

    @Override
    public String toString() {
        return "ClusterCacheManager[" + uri + ", caches=" + handles.keySet() + "]";
    }
}
