package dev.docstore.jcache;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * A JCache {@link CacheManager}: the caches of one (URI, class loader). It holds its class loader weakly, so the
 * provider's per-loader registry does not keep a loader alive through its own managers.
 *
 * <p>Thread-safe: caches live in a concurrent map; creation is serialised on it so a name is created once.
 */
public final class DocstoreCacheManager implements CacheManager {
    private final DocstoreCachingProvider provider;
    private final URI uri;
    private final WeakReference<ClassLoader> classLoader;
    private final Properties properties;
    /** Applied to caches created with a configuration that is not a {@link DocstoreConfiguration}; may be null. */
    private final DocstoreConfiguration<?, ?> template;
    private final Map<String, DocstoreCache<?, ?>> caches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    DocstoreCacheManager(DocstoreCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
                         ManagerSettings settings) {
        this.provider = provider;
        this.uri = uri;
        this.classLoader = new WeakReference<>(classLoader);
        this.properties = properties;
        this.template = settings.template();
    }

    /** Creates the caches a configuration file names, in its order. */
    void createConfiguredCaches(ManagerSettings settings) {
        settings.caches().forEach(this::createCache);
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
        Arguments.requireNonNull(cacheName, "cache name");
        Arguments.requireNonNull(configuration, "configuration");
        validate(cacheName, configuration);
        DocstoreConfiguration<K, V> copy = template != null && !(configuration instanceof DocstoreConfiguration)
                ? template.applyTo(configuration)
                : new DocstoreConfiguration<>(configuration);
        synchronized (caches) {
            if (caches.containsKey(cacheName)) {
                throw new CacheException("cache '" + cacheName + "' exists already in " + uri);
            }
            DocstoreCache<K, V> cache = CacheLifecycle.open(this, cacheName, copy);
            caches.put(cacheName, cache);
            return cache;
        }
    }

    private static void validate(String cacheName, Configuration<?, ?> configuration) {
        if (configuration.getKeyType() == null || configuration.getValueType() == null) {
            throw new IllegalArgumentException("cache '" + cacheName + "': key and value types must not be null");
        }
        if (configuration instanceof CompleteConfiguration<?, ?> complete) {
            if (complete.getExpiryPolicyFactory() == null) {
                throw new IllegalArgumentException("cache '" + cacheName + "': the expiry policy factory is null");
            }
        }
    }

    @Override
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        ensureOpen();
        Arguments.requireNonNull(cacheName, "cache name");
        Arguments.requireNonNull(keyType, "key type");
        Arguments.requireNonNull(valueType, "value type");
        DocstoreCache<?, ?> cache = caches.get(cacheName);
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
        Arguments.requireNonNull(cacheName, "cache name");
        DocstoreCache<?, ?> cache = caches.get(cacheName);
        return cache == null ? null : cast(cache);
    }

    @SuppressWarnings("unchecked") // JCache leaves checking the types of an untyped lookup to the caller
    private static <K, V> Cache<K, V> cast(DocstoreCache<?, ?> cache) {
        return (Cache<K, V>) cache;
    }

    @Override
    public Iterable<String> getCacheNames() {
        ensureOpen();
        return Set.copyOf(caches.keySet());
    }

    /**
     * Clears and closes the cache, as the spec says; a cache with a warm restart does not save its file but deletes
     * it, so the documents of a destroyed cache do not come back with the next cache of that name.
     */
    @Override
    public void destroyCache(String cacheName) {
        ensureOpen();
        Arguments.requireNonNull(cacheName, "cache name");
        DocstoreCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.clear();
            cache.destroy();
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        ensureOpen();
        DocstoreCache<?, ?> cache = caches.get(Arguments.requireNonNull(cacheName, "cache name"));
        if (cache != null) {
            cache.setManagementEnabled(enabled);
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        ensureOpen();
        DocstoreCache<?, ?> cache = caches.get(Arguments.requireNonNull(cacheName, "cache name"));
        if (cache != null) {
            cache.setStatisticsEnabled(enabled);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        provider.release(this);
        CacheException failure = null;
        for (DocstoreCache<?, ?> cache : caches.values()) {
            try {
                cache.close();
            } catch (CacheException e) {
                failure = failure == null ? e : failure;
            }
        }
        caches.clear();
        CacheManagement.installed().managerClosed(this);
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
        Arguments.requireNonNull(type, "type");
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("a docstore cache manager cannot be unwrapped to " + type.getName());
    }

    /** The caches open now. */
    public Collection<DocstoreCache<?, ?>> caches() {
        return List.copyOf(caches.values());
    }

    void release(String cacheName, DocstoreCache<?, ?> cache) {
        caches.remove(cacheName, cache);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("cache manager " + uri + " is closed");
        }
    }

    @Override
    public String toString() {
        return "DocstoreCacheManager[" + uri + ", caches=" + caches.keySet() + "]";
    }
}
