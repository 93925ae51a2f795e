package dev.docstore.cluster;

import com.hazelcast.core.HazelcastInstance;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * docstore's cluster provider: caches that are Hazelcast {@code IMap}s, with the JCache API and docstore's
 * {@code DocumentCache} queries. Found by {@code Caching.getCachingProvider(ClusterCachingProvider.class.getName())}
 * (docstore's local provider is on the class path beside it, so the no-argument lookup would be ambiguous; setting
 * the system property {@code javax.cache.spi.CachingProvider} to this class's name makes it the default).
 *
 * <p>Keeps one manager per (URI, class loader); managers with the same {@link ClusterSettings} share one
 * {@link ClusterConnection}, started with the first and closed with the last. Settings come from the manager's
 * properties, over the system properties, over {@link ClusterSettings#defaults()} ({@link ClusterProperties}).
 *
 * <p>Thread-safe: the registries are guarded by this provider's monitor.
 */
public final class ClusterCachingProvider implements CachingProvider {
    /** The URI of the default cache manager. */
    public static final URI DEFAULT_URI = URI.create("urn:docstore:cluster");

    private final Map<ClassLoader, Map<URI, ClusterCacheManager>> managers = new WeakHashMap<>();
    private final Map<ClusterSettings, Shared> connections = new HashMap<>();

    /** A connection and how many open managers use it. */
    private static final class Shared {
        final ClusterConnection connection;
        int users;

        Shared(ClusterConnection connection) {
            this.connection = connection;
        }
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties managerProperties = properties == null ? new Properties() : properties;
        synchronized (this) {
            Map<URI, ClusterCacheManager> ofLoader = managers.get(loader);
            ClusterCacheManager manager = ofLoader == null ? null : ofLoader.get(managerUri);
            if (manager == null || manager.isClosed()) {
                ClusterSettings settings = ClusterProperties.settings(managerProperties);
                Shared shared = connections.get(settings);
                if (shared == null) {
                    shared = new Shared(ClusterConnection.open(settings));
                    connections.put(settings, shared);
                }
                shared.users++;
                manager = new ClusterCacheManager(this, managerUri, loader, managerProperties, shared.connection);
                managers.computeIfAbsent(loader, l -> new HashMap<>()).put(managerUri, manager);
            }
            return manager;
        }
    }

    /**
     * A manager whose caches live on a Hazelcast instance the application runs itself (a member or a client); the
     * manager's close leaves the instance running. One manager per (URI, class loader), as for the other lookups:
     * asking again with another instance while the manager is open is an {@link IllegalStateException}.
     */
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, HazelcastInstance instance) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        java.util.Objects.requireNonNull(instance, "instance must not be null");
        synchronized (this) {
            Map<URI, ClusterCacheManager> ofLoader = managers.get(loader);
            ClusterCacheManager manager = ofLoader == null ? null : ofLoader.get(managerUri);
            if (manager != null && !manager.isClosed()) {
                if (manager.connection().instance() != instance) {
                    throw new IllegalStateException("cache manager " + managerUri + " is open on another instance");
                }
                return manager;
            }
            manager = new ClusterCacheManager(this, managerUri, loader, new Properties(),
                    ClusterConnection.through(instance));
            managers.computeIfAbsent(loader, l -> new HashMap<>()).put(managerUri, manager);
            return manager;
        }
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader());
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : ClusterCachingProvider.class.getClassLoader();
    }

    @Override
    public URI getDefaultURI() {
        return DEFAULT_URI;
    }

    @Override
    public Properties getDefaultProperties() {
        return new Properties();
    }

    @Override
    public void close() {
        List<ClusterCacheManager> all = new ArrayList<>();
        synchronized (this) {
            managers.values().forEach(ofLoader -> all.addAll(ofLoader.values()));
        }
        all.forEach(ClusterCacheManager::close);
    }

    @Override
    public void close(ClassLoader classLoader) {
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        List<ClusterCacheManager> ofLoader;
        synchronized (this) {
            Map<URI, ClusterCacheManager> found = managers.get(loader);
            ofLoader = found == null ? List.of() : new ArrayList<>(found.values());
        }
        ofLoader.forEach(ClusterCacheManager::close);
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        ClusterCacheManager manager;
        synchronized (this) {
            Map<URI, ClusterCacheManager> found = managers.get(loader);
            manager = found == null ? null : found.get(managerUri);
        }
        if (manager != null) {
            manager.close();
        }
    }

    /** Store-by-reference is not: a cluster cache's values always travel serialized. */
    @Override
    public boolean isSupported(OptionalFeature feature) {
        return false;
    }

    /** Forgets a closed manager; the last manager of a connection closes it. */
    void release(ClusterCacheManager manager) {
        ClusterConnection toClose = null;
        synchronized (this) {
            Map<URI, ClusterCacheManager> ofLoader = managers.get(manager.getClassLoader());
            if (ofLoader != null) {
                ofLoader.remove(manager.getURI(), manager);
                if (ofLoader.isEmpty()) {
                    managers.remove(manager.getClassLoader());
                }
            }
            ClusterSettings settings = manager.connection().settings();
            Shared shared = connections.get(settings);
            if (shared != null && shared.connection == manager.connection() && --shared.users == 0) {
                connections.remove(settings);
                toClose = shared.connection;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }
}
