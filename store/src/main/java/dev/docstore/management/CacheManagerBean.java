package dev.docstore.management;

import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreCacheManager;
import dev.docstore.jcache.EvictionBound;
import java.util.Locale;
import java.util.Optional;
import javax.cache.configuration.CompleteConfiguration;
import javax.management.StandardMBean;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularDataSupport;

/** The {@link CacheManagerMBean} of one manager. Thread-safe: it reads the manager's current caches on each call. */
final class CacheManagerBean implements CacheManagerMBean {
    private final DocstoreCacheManager manager;

    CacheManagerBean(DocstoreCacheManager manager) {
        this.manager = manager;
    }

    /** The bean as the MBeanServer gets it: a standard MBean, so the table passes as it is. */
    StandardMBean asMBean() {
        return new StandardMBean(this, CacheManagerMBean.class, false);
    }

    @Override
    public String getUri() {
        return manager.getURI().toString();
    }

    @Override
    public TabularData getCaches() {
        TabularDataSupport table = new TabularDataSupport(OpenTypes.CACHE_TABLE);
        for (DocstoreCache<?, ?> cache : manager.caches()) {
            if (cache.isClosed()) {
                continue;
            }
            @SuppressWarnings("unchecked") // every cache has a complete configuration of its own types
            CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
            long documents;
            int indexes;
            Optional<EvictionBound> bound;
            try {
                documents = cache.figures().documents();
                indexes = cache.documents().indexes().size();
                bound = cache.documents().evictionBound();
            } catch (IllegalStateException closedMeanwhile) {
                continue;
            }
            table.put(OpenTypes.row(OpenTypes.CACHE_ROW, OpenTypes.cacheItems(), new Object[] {cache.getName(),
                configuration.getKeyType().getName(), configuration.getValueType().getName(),
                configuration.isStoreByValue(), configuration.isReadThrough(), configuration.isWriteThrough(),
                configuration.isStatisticsEnabled(), configuration.isManagementEnabled(),
                configuration.getExpiryPolicyFactory().create().getClass().getName(), documents, indexes,
                bound.map(b -> b.kind().name().toLowerCase(Locale.ROOT)).orElse("none"),
                bound.map(EvictionBound::maximum).orElse(0L)}));
        }
        return table;
    }
}
