package dev.docstore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.jcache.IndexAttachmentProbe;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Both Micrometer binders read a cache's figures without attaching index maintenance to a cache with no index. */
class MetricsAttachNoIndexesTest {
    private final CacheManager manager = Caching.getCachingProvider()
            .getCacheManager(URI.create("urn:docstore-test:metrics-attach:" + UUID.randomUUID()), null);

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void bindersReadFiguresWithoutAttachingIndexes() {
        Cache<String, String> cache = manager.createCache("unindexed",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                        .setStatisticsEnabled(true));
        cache.put("a", "Porto");
        MeterRegistry registry = new SimpleMeterRegistry();

        DocstoreCacheMetrics.monitor(registry, cache);
        DocstoreJCacheMetrics.monitor(registry, cache);
        int measurementsRead = 0;
        for (Meter meter : registry.getMeters()) {
            for (Measurement measurement : meter.measure()) {
                measurement.getValue();
                measurementsRead++;
            }
        }
        cache.put("b", "Braga");

        assertThat(measurementsRead).as("measurements of the cache's meters").isGreaterThan(5);
        assertThat(registry.get("docstore.cache.documents").gauge().value()).isEqualTo(2.0);
        assertThat(IndexAttachmentProbe.isAttached(cache)).isFalse();
    }
}
