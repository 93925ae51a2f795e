package dev.docstore.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.EstimatedBytesWeigher;
import java.net.URI;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;

/** The management estimate of a cache's heap weighs its entries as the built-in weigher does: one estimate, not two. */
class SizeEstimatorTest {
    /** The store's record of each version: the 56-byte version record and its 40-byte hash-map node. */
    private static final long PER_VERSION = 56 + 40;

    @Test
    void aCacheSmallerThanTheSampleIsEstimatedAsItsVersionsAndTheWeightsOfItsEntries() {
        URI uri = URI.create("urn:docstore:test:size-estimator");
        try (CacheManager manager = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                .getCacheManager(uri, SizeEstimatorTest.class.getClassLoader())) {
            Cache<String, Object> cache = manager.createCache("people", new DocstoreConfiguration<String, Object>());
            for (int i = 0; i < 40; i++) {
                cache.put("p-" + i, Map.of("name", "person " + i, "tags", List.of("t".repeat(i))));
            }

            EstimatedBytesWeigher<Object, Object> weigher = new EstimatedBytesWeigher<>();
            long weights = 0;
            for (Cache.Entry<String, Object> entry : cache) {
                weights += weigher.weigh(entry.getKey(), entry.getValue());
            }
            assertThat(SizeEstimator.estimate(cache.unwrap(DocstoreCache.class)))
                    .as("every entry is in the sample, so nothing is scaled")
                    .isEqualTo(40 * PER_VERSION + weights);
        }
    }
}
