package dev.docstore.jcache;

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
 * docstore's JCache provider, found by {@code Caching.getCachingProvider()} through
 * {@code META-INF/services/javax.cache.spi.CachingProvider}. Keeps one manager per (URI, class loader); class loaders
 * are held weakly, so an unloaded application's managers go with it.
 *
 * <p>Thread-safe: the registry is guarded by this provider's monitor.
 */
public final class DocstoreCachingProvider implements CachingProvider {
    /** The URI of the default cache manager. */
    public static final URI DEFAULT_URI = URI.create("urn:docstore:default");

    private final Map<ClassLoader, Map<URI, DocstoreCacheManager>> managers = new WeakHashMap<>();

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties managerProperties = properties == null ? new Properties() : properties;
        synchronized (this) {
            Map<URI, DocstoreCacheManager> ofLoader = managers.get(loader);
            DocstoreCacheManager manager = ofLoader == null ? null : ofLoader.get(managerUri);
            if (manager == null || manager.isClosed()) {
                manager = open(managerUri, loader, managerProperties);
                managers.computeIfAbsent(loader, l -> new HashMap<>()).put(managerUri, manager);
            }
            return manager;
        }
    }

    /**
     * A new manager with the caches its URI's configuration file names, if it names one ({@code classpath:},
     * {@code file:} or {@code jar:}). The file is read and checked in full before any cache exists; should creating
     * a cache fail all the same, the manager is closed, so a failure registers nothing.
     */
    private DocstoreCacheManager open(URI uri, ClassLoader loader, Properties properties) {
        ManagerSettings settings = ManagerSettingsSource.installed().read(uri, loader);
        DocstoreCacheManager manager = new DocstoreCacheManager(this, uri, loader, properties, settings);
        try {
            manager.createConfiguredCaches(settings);
            return manager;
        } catch (RuntimeException e) {
            manager.close();
            throw e;
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

    /** The thread's context class loader, or this provider's when the thread has none. */
    @Override
    public ClassLoader getDefaultClassLoader() {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        return context != null ? context : DocstoreCachingProvider.class.getClassLoader();
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
        List<DocstoreCacheManager> all = new ArrayList<>();
        synchronized (this) {
            managers.values().forEach(ofLoader -> all.addAll(ofLoader.values()));
        }
        all.forEach(DocstoreCacheManager::close);
    }

    @Override
    public void close(ClassLoader classLoader) {
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        List<DocstoreCacheManager> ofLoader;
        synchronized (this) {
            Map<URI, DocstoreCacheManager> found = managers.get(loader);
            ofLoader = found == null ? List.of() : new ArrayList<>(found.values());
        }
        ofLoader.forEach(DocstoreCacheManager::close);
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        DocstoreCacheManager manager;
        synchronized (this) {
            Map<URI, DocstoreCacheManager> found = managers.get(loader);
            manager = found == null ? null : found.get(managerUri);
        }
        if (manager != null) {
            manager.close();
        }
    }

    @Override
    public boolean isSupported(OptionalFeature feature) {
        return feature == OptionalFeature.STORE_BY_REFERENCE;
    }

    synchronized void release(DocstoreCacheManager manager) {
        Map<URI, DocstoreCacheManager> ofLoader = managers.get(manager.getClassLoader());
        if (ofLoader != null) {
            ofLoader.remove(manager.getURI(), manager);
            if (ofLoader.isEmpty()) {
                managers.remove(manager.getClassLoader());
            }
        }
    }
}
