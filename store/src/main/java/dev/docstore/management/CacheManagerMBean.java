package dev.docstore.management;

import javax.management.openmbean.TabularData;

/**
 * One cache manager, in the {@code dev.docstore} domain: its caches with a summary of their configuration. A standard
 * MBean with open types only, like {@link DocumentCacheMBean}.
 */
public interface CacheManagerMBean {
    /** The manager's URI. */
    String getUri();

    /**
     * One row per cache: name, keyType, valueType, storeByValue, readThrough, writeThrough, statisticsEnabled,
     * managementEnabled, expiryPolicy, documents, indexes.
     */
    TabularData getCaches();
}
