package dev.docstore.management;

import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.management.CacheMXBean;

/**
 * The spec's configuration MXBean of one cache: reads the cache's current configuration on every call, so it shows
 * statistics and management being switched on and off. Thread-safe.
 */
final class CacheConfigurationBean implements CacheMXBean {
    private final Cache<?, ?> cache;

    CacheConfigurationBean(Cache<?, ?> cache) {
        this.cache = cache;
    }

    @SuppressWarnings("unchecked") // every cache has a complete configuration of its own key and value types
    private CompleteConfiguration<?, ?> configuration() {
        return cache.getConfiguration(CompleteConfiguration.class);
    }

    @Override
    public String getKeyType() {
        return configuration().getKeyType().getName();
    }

    @Override
    public String getValueType() {
        return configuration().getValueType().getName();
    }

    @Override
    public boolean isReadThrough() {
        return configuration().isReadThrough();
    }

    @Override
    public boolean isWriteThrough() {
        return configuration().isWriteThrough();
    }

    @Override
    public boolean isStoreByValue() {
        return configuration().isStoreByValue();
    }

    @Override
    public boolean isStatisticsEnabled() {
        return configuration().isStatisticsEnabled();
    }

    @Override
    public boolean isManagementEnabled() {
        return configuration().isManagementEnabled();
    }
}
