package dev.docstore.benchmarks;

import dev.docstore.jcache.DocumentCache;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/** docstore caches as the benchmarks of the public API create them: through JCache, as an application would. */
final class DocstoreCaches {
    private DocstoreCaches() {
    }

    /** A docstore cache manager of its own for one benchmark class, so that in-process runs never share caches. */
    static CacheManager manager(String benchmark) {
        CachingProvider provider = Caching.getCachingProvider(JCacheBenchmark.PROVIDERS.get("docstore"));
        return provider.getCacheManager(URI.create("urn:docstore:bench:" + benchmark),
                provider.getDefaultClassLoader());
    }

    /** A store-by-reference cache of {@code Integer} keys, the configuration every headline figure uses. */
    static <V> Cache<Integer, V> byReference(CacheManager manager, String name, Class<V> values, boolean statistics) {
        return manager.createCache(name, new MutableConfiguration<Integer, V>().setTypes(Integer.class, values)
                .setStoreByValue(false).setStatisticsEnabled(statistics));
    }

    /** The index-aware view, as users reach it. */
    @SuppressWarnings("unchecked") // unwrap takes a class literal, which cannot carry the view's type arguments
    static <K, V> DocumentCache<K, V> documents(Cache<K, V> cache) {
        return cache.unwrap(DocumentCache.class);
    }
}
