package dev.docstore.quarkus.runtime;

import dev.docstore.config.WeigherSetting;
import dev.docstore.index.EmptyIndexException;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreCacheManager;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.jcache.WarmRestart;
import dev.docstore.jcache.Weigher;
import dev.docstore.quarkus.DocstoreQuarkusCache;
import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.arc.BeanDestroyer;
import jakarta.enterprise.context.spi.CreationalContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.stream.StreamSupport;
import javax.cache.Cache;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;

/**
 * The application's docstore: one cache manager, opened from {@code quarkus.docstore.config-file} (or empty), its
 * caches set up as {@code quarkus.docstore.*} says, and the quarkus-cache view of each cache the backend serves. A
 * singleton CDI bean the extension creates when the application starts (so a bad file or setting stops the start)
 * and closes, with the manager, when it stops.
 *
 * <p>Caches the file defines keep the file's settings, their bound and warm restart too; {@code quarkus.docstore.*}
 * may switch their statistics and management and add indexes. Every other cache (those named under
 * {@code quarkus.docstore.caches}, by {@code @DocstoreCache} injection points, or by quarkus-cache for the docstore
 * backend) is created here with a {@link DocstoreConfiguration} built from the properties, so the file's
 * {@code default} template does not apply.
 *
 * <p>Concurrency contract: thread-safe. Creating a cache and setting it up is serialised on this object's monitor, so
 * each name is created and set up once whoever asks first (startup, the quarkus-cache backend, an injection point);
 * reading an existing cache takes no lock.
 */
public final class DocstoreCaches {
    /** The manager's URI when no configuration file is set. */
    public static final URI NO_FILE_URI = URI.create("urn:docstore:quarkus");

    private static final String PREFIX = "quarkus.docstore.";

    private final DocstoreConfig config;
    private final CacheObserver observer;
    private final DocstoreCacheManager manager;
    private final Set<String> fileCaches;
    private final ConcurrentMap<String, DocstoreQuarkusCache> quarkusCaches = new ConcurrentHashMap<>();

    private DocstoreCaches(DocstoreConfig config, CacheObserver observer, ClassLoader classLoader) {
        this.config = config;
        this.observer = observer;
        URI uri = managerUri(config);
        this.manager = Caching.getCachingProvider(DocstoreCachingProvider.class.getName(), classLoader)
                .getCacheManager(uri, classLoader).unwrap(DocstoreCacheManager.class);
        this.fileCaches = Set.copyOf(names(manager.getCacheNames()));
    }

    /**
     * Opens the manager and creates every cache named in the configuration and in {@code declared}.
     *
     * @throws dev.docstore.config.ConfigurationException if the configuration file cannot be read or is invalid
     * @throws DocstoreSettingException if a {@code quarkus.docstore.*} setting cannot be applied
     */
    public static DocstoreCaches open(DocstoreConfig config, Set<String> declared, CacheObserver observer,
                                      ClassLoader classLoader) {
        DocstoreCaches caches = new DocstoreCaches(config, observer, classLoader);
        try {
            caches.setUp(declared);
            return caches;
        } catch (RuntimeException e) {
            caches.close();
            throw e;
        }
    }

    private void setUp(Set<String> declared) {
        for (String name : fileCaches) {
            Optional<DocstoreConfig.CacheConfig> settings = Optional.ofNullable(config.caches().get(name));
            if (settings.flatMap(DocstoreConfig.CacheConfig::storeByValue).isPresent()) {
                throw new DocstoreSettingException(property(name, "store-by-value"), "cache '" + name
                        + "' is defined in " + manager.getURI() + ", which sets how it stores values; set it there", null);
            }
            if (settings.isPresent()) {
                refuseBoundOfFileCache(name, "maximum-size", settings.get().maximumSize().isPresent());
                refuseBoundOfFileCache(name, "maximum-weight", settings.get().maximumWeight().isPresent());
                refuseBoundOfFileCache(name, "weigher", settings.get().weigher().isPresent());
                if (settings.get().warmRestart().isPresent()) {
                    throw new DocstoreSettingException(property(name, "warm-restart.file"), "cache '" + name
                            + "' is defined in " + manager.getURI() + ", which sets its warm restart; set it there",
                            null);
                }
            }
            flag(settings, DocstoreConfig.CacheConfig::statistics, config.statistics())
                    .ifPresent(on -> manager.enableStatistics(name, on));
            flag(settings, DocstoreConfig.CacheConfig::management, config.management())
                    .ifPresent(on -> manager.enableManagement(name, on));
            addIndexes(name, manager.getCache(name));
            observer.opened(manager.getCache(name));
        }
        Set<String> toCreate = new LinkedHashSet<>(config.caches().keySet());
        toCreate.addAll(declared);
        toCreate.forEach(this::cache);
    }

    /** A cache the file defines has its bound from the file, which a property must not contradict or half-change. */
    private void refuseBoundOfFileCache(String name, String key, boolean set) {
        if (set) {
            throw new DocstoreSettingException(property(name, key), "cache '" + name + "' is defined in "
                    + manager.getURI() + ", which sets its bound; set it there", null);
        }
    }

    /** The manager: every docstore cache of the application. */
    public DocstoreCacheManager manager() {
        return manager;
    }

    /** The cache {@code name}, created with the settings of {@code quarkus.docstore.*} if it does not exist. */
    public Cache<Object, Object> cache(String name) {
        Cache<Object, Object> cache = manager.getCache(name);
        if (cache != null) {
            return cache;
        }
        synchronized (this) {
            cache = manager.getCache(name);
            if (cache == null) {
                cache = manager.createCache(name, configuration(name));
                observer.opened(cache);
            }
            return cache;
        }
    }

    /** The quarkus-cache view of the cache {@code name}: one per name, created with the cache if need be. */
    public DocstoreQuarkusCache quarkusCache(String name) {
        return quarkusCaches.computeIfAbsent(name, n -> new DocstoreQuarkusCache(cache(n)));
    }

    /** Unbinds the meters and closes the manager and its caches. */
    public void close() {
        try {
            observer.closing(manager);
        } finally {
            manager.close();
        }
    }

    private DocstoreConfiguration<Object, Object> configuration(String name) {
        Optional<DocstoreConfig.CacheConfig> settings = Optional.ofNullable(config.caches().get(name));
        DocstoreConfiguration<Object, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(Object.class, Object.class);
        configuration.setStoreByValue(settings.flatMap(DocstoreConfig.CacheConfig::storeByValue)
                .orElse(config.storeByValue()));
        configuration.setStatisticsEnabled(
                flag(settings, DocstoreConfig.CacheConfig::statistics, config.statistics()).orElse(false));
        configuration.setManagementEnabled(
                flag(settings, DocstoreConfig.CacheConfig::management, config.management()).orElse(false));
        indexes(name).forEach(configuration::addIndex);
        settings.ifPresent(cache -> bound(name, cache, configuration));
        settings.flatMap(DocstoreConfig.CacheConfig::warmRestart)
                .ifPresent(warmRestart -> configuration.setWarmRestart(warmRestart(name, warmRestart)));
        return configuration;
    }

    /** The warm restart the properties ask for; a path or interval docstore refuses names its property. */
    private static WarmRestart warmRestart(String name, DocstoreConfig.WarmRestartConfig warmRestart) {
        Path file;
        try {
            file = Path.of(warmRestart.file());
        } catch (InvalidPathException e) {
            throw new DocstoreSettingException(property(name, "warm-restart.file"), "'" + warmRestart.file()
                    + "' is not a path: " + e.getReason(), e);
        }
        try {
            return WarmRestart.of(file, warmRestart.saveInterval().orElse(null));
        } catch (IllegalArgumentException e) {
            throw new DocstoreSettingException(property(name, "warm-restart.save-interval"), e.getMessage(), e);
        }
    }

    /**
     * Sets the bound the properties ask for: by {@code maximum-size}, or by {@code maximum-weight} with its
     * {@code weigher}; a half or double bound is refused, naming the property, as the configuration file refuses it.
     */
    private void bound(String name, DocstoreConfig.CacheConfig cache,
                       DocstoreConfiguration<Object, Object> configuration) {
        if (cache.maximumSize().isPresent() && cache.maximumWeight().isPresent()) {
            throw new DocstoreSettingException(property(name, "maximum-weight"), "a cache is bounded by "
                    + property(name, "maximum-size") + " or by maximum-weight, not both", null);
        }
        if (cache.weigher().isPresent() && cache.maximumWeight().isEmpty()) {
            throw new DocstoreSettingException(property(name, "weigher"), "weighs entries only for "
                    + property(name, "maximum-weight") + ", which is not set", null);
        }
        if (cache.maximumWeight().isPresent() && cache.weigher().isEmpty()) {
            throw new DocstoreSettingException(property(name, "maximum-weight"), "needs "
                    + property(name, "weigher") + ": " + WeigherSetting.ACCEPTED, null);
        }
        try {
            if (cache.maximumSize().isPresent()) {
                configuration.setMaximumSize(cache.maximumSize().getAsLong());
            }
        } catch (IllegalArgumentException e) {
            throw new DocstoreSettingException(property(name, "maximum-size"), e.getMessage(), e);
        }
        if (cache.maximumWeight().isPresent()) {
            Weigher<Object, Object> weigher;
            try {
                weigher = WeigherSetting.create(WeigherSetting.resolve(cache.weigher().get(),
                        manager.getClassLoader()));
            } catch (IllegalArgumentException e) {
                throw new DocstoreSettingException(property(name, "weigher"), e.getMessage(), e);
            }
            try {
                configuration.setMaximumWeight(cache.maximumWeight().getAsLong(), weigher);
            } catch (IllegalArgumentException e) {
                throw new DocstoreSettingException(property(name, "maximum-weight"), e.getMessage(), e);
            }
        }
    }

    /** Adds the configured indexes to a cache the file defines; one the file has already must be the same. */
    private void addIndexes(String name, Cache<Object, Object> cache) {
        @SuppressWarnings("unchecked") // unwrap takes a raw class; a docstore cache is a DocumentCache of its types
        DocumentCache<Object, Object> documents = cache.unwrap(DocumentCache.class);
        List<IndexInfo> present = documents.indexes(); // figures of every index: read them once
        for (IndexDefinition index : indexes(name)) {
            Optional<IndexInfo> existing = present.stream().filter(info -> info.name().equals(index.name()))
                    .findFirst();
            if (existing.isEmpty()) {
                documents.createIndex(index);
            } else if (!existing.get().paths().equals(index.pathNames())
                    || existing.get().unique() != index.unique()) {
                throw new DocstoreSettingException(property(name, "indexes." + index.name()), "cache '" + name
                        + "' has index '" + index.name() + "' on " + existing.get().paths() + (existing.get().unique()
                        ? " (unique)" : "") + " from " + manager.getURI() + "; this one is on " + index.pathNames()
                        + (index.unique() ? " (unique)" : "") + ": give it another name or define it in one place", null);
            }
        }
    }

    private List<IndexDefinition> indexes(String name) {
        DocstoreConfig.CacheConfig settings = config.caches().get(name);
        if (settings == null) {
            return List.of();
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        settings.indexes().forEach((index, definition) -> {
            try {
                indexes.add(IndexDefinition.of(index, definition.paths(), definition.unique()));
            } catch (IllegalArgumentException | EmptyIndexException e) {
                throw new DocstoreSettingException(property(name, "indexes." + quoted(index) + ".paths"),
                        e.getMessage(), e);
            }
        });
        return indexes;
    }

    private static Optional<Boolean> flag(Optional<DocstoreConfig.CacheConfig> settings,
                                          Function<DocstoreConfig.CacheConfig, Optional<Boolean>> ofCache,
                                          Optional<Boolean> ofAll) {
        return settings.flatMap(ofCache).or(() -> ofAll);
    }

    private static URI managerUri(DocstoreConfig config) {
        if (config.configFile().isEmpty()) {
            return NO_FILE_URI;
        }
        String file = config.configFile().get();
        URI uri;
        try {
            uri = new URI(file);
        } catch (URISyntaxException e) {
            throw new DocstoreSettingException(PREFIX + "config-file", "'" + file + "' is not a URI: " + e.getReason(),
                    e);
        }
        if (!dev.docstore.config.ConfigFileSource.namesFile(uri)) {
            throw new DocstoreSettingException(PREFIX + "config-file", "'" + file + "' names no file: write "
                    + "classpath:" + file + " for a resource, or a file: or jar: URL", null);
        }
        return uri;
    }

    private static String property(String cache, String key) {
        return PREFIX + "caches." + quoted(cache) + "." + key;
    }

    private static String quoted(String name) {
        return name.contains(".") ? '"' + name + '"' : name;
    }

    private static List<String> names(Iterable<String> names) {
        return StreamSupport.stream(names.spliterator(), false).toList();
    }

    /** Whether the cache keeps statistics now. */
    static boolean statisticsEnabled(Cache<?, ?> cache) {
        @SuppressWarnings("unchecked") // getConfiguration takes a raw class; every JCache cache has a complete one
        CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
        return configuration.isStatisticsEnabled();
    }

    /** Closes the caches when the application stops (ArC calls it as the bean's destroyer). */
    public static final class Closer implements BeanDestroyer<DocstoreCaches> {
        @Override
        public void destroy(DocstoreCaches instance, CreationalContext<DocstoreCaches> creationalContext,
                            Map<String, Object> params) {
            instance.close();
        }
    }
}
