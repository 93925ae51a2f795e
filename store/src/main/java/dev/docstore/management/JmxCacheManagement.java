package dev.docstore.management;

import dev.docstore.jcache.CacheManagement;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreCacheManager;
import java.net.URI;

/**
 * Management over JMX, installed through {@code META-INF/services/dev.docstore.jcache.CacheManagement}: per cache
 * with management enabled, the spec's configuration bean and docstore's {@link DocumentCacheMBean}; per cache with
 * statistics enabled, the spec's statistics bean; per manager while it has a managed cache, a
 * {@link CacheManagerMBean}. Every registration goes through {@link JmxRegistration}. Thread-safe (so is
 * {@code JmxRegistration}).
 */
public final class JmxCacheManagement implements CacheManagement {
    @Override
    public void managementEnabled(DocstoreCache<?, ?> cache) {
        JmxRegistration.registerConfiguration(cache, uri(cache));
        JmxRegistration.registerDocumentCache(cache, uri(cache), name -> new DocumentCacheBean(cache, name));
        DocstoreCacheManager manager = manager(cache);
        JmxRegistration.registerManager(manager, () -> new CacheManagerBean(manager));
    }

    @Override
    public void managementDisabled(DocstoreCache<?, ?> cache) {
        JmxRegistration.unregister(JmxRegistration.Kind.CONFIGURATION, uri(cache), cache);
        JmxRegistration.unregisterDocumentCache(uri(cache), cache);
        unregisterManagerIfUnmanaged(manager(cache), cache);
    }

    @Override
    public void statisticsEnabled(DocstoreCache<?, ?> cache) {
        JmxRegistration.registerStatistics(cache, uri(cache), cache.statistics());
    }

    @Override
    public void statisticsDisabled(DocstoreCache<?, ?> cache) {
        JmxRegistration.unregister(JmxRegistration.Kind.STATISTICS, uri(cache), cache);
    }

    @Override
    public void cacheClosed(DocstoreCache<?, ?> cache) {
        managementDisabled(cache);
        statisticsDisabled(cache);
    }

    @Override
    public void managerClosed(DocstoreCacheManager manager) {
        JmxRegistration.unregisterManager(manager);
    }

    /** The manager bean goes with the manager's last managed cache. */
    private static void unregisterManagerIfUnmanaged(DocstoreCacheManager manager, DocstoreCache<?, ?> leaving) {
        boolean anyManaged = manager.caches().stream()
                .anyMatch(cache -> cache != leaving && !cache.isClosed() && cache.isManagementEnabled());
        if (!anyManaged) {
            JmxRegistration.unregisterManager(manager);
        }
    }

    private static DocstoreCacheManager manager(DocstoreCache<?, ?> cache) {
        return cache.getCacheManager().unwrap(DocstoreCacheManager.class);
    }

    private static URI uri(DocstoreCache<?, ?> cache) {
        return cache.getCacheManager().getURI();
    }
}
