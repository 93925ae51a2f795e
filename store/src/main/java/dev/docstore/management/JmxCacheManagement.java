package dev.docstore.management;

import dev.docstore.jcache.CacheManagement;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreCacheManager;
import java.net.URI;

/**
 * Management over JMX, installed through {@code META-INF/services/dev.docstore.jcache.CacheManagement}: per cache
 * with management enabled, the spec's configuration bean and docstore's {@link DocumentCacheMXBean}; per cache with
 * statistics enabled, the spec's statistics bean; per manager that has a managed cache, a {@link CacheManagerMXBean}.
 * Every registration goes through {@link JmxRegistration}. Thread-safe (so is {@code JmxRegistration}).
 */
public final class JmxCacheManagement implements CacheManagement {
    @Override
    public void managementEnabled(DocstoreCache<?, ?> cache) {
        JmxRegistration.registerConfiguration(cache, uri(cache));
        JmxRegistration.registerDocumentCache(cache, uri(cache), () -> new DocumentCacheBean(cache));
        DocstoreCacheManager manager = cache.getCacheManager().unwrap(DocstoreCacheManager.class);
        JmxRegistration.registerManager(manager, () -> new CacheManagerBean(manager));
    }

    @Override
    public void managementDisabled(DocstoreCache<?, ?> cache) {
        JmxRegistration.unregister(JmxRegistration.Kind.CONFIGURATION, uri(cache), cache.getName());
        JmxRegistration.unregisterDocumentCache(uri(cache), cache.getName());
    }

    @Override
    public void statisticsEnabled(DocstoreCache<?, ?> cache) {
        JmxRegistration.registerStatistics(cache, uri(cache), cache.statistics());
    }

    @Override
    public void statisticsDisabled(DocstoreCache<?, ?> cache) {
        JmxRegistration.unregister(JmxRegistration.Kind.STATISTICS, uri(cache), cache.getName());
    }

    @Override
    public void cacheClosed(DocstoreCache<?, ?> cache) {
        managementDisabled(cache);
        statisticsDisabled(cache);
    }

    @Override
    public void managerClosed(DocstoreCacheManager manager) {
        JmxRegistration.unregisterManager(manager.getURI());
    }

    private static URI uri(DocstoreCache<?, ?> cache) {
        return cache.getCacheManager().getURI();
    }
}
