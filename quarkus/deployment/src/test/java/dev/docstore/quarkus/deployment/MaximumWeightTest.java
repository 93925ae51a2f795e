package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.EstimatedBytesWeigher;
import dev.docstore.jcache.Weigher;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code maximum-weight} with a {@code weigher}, by the built-in weigher's name or by class name, bounds a cache the
 * file does not define, and the cache evicts to stay within it.
 */
class MaximumWeightTest {
    private static final long MAXIMUM = 8 * 1024;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.docstore.caches.pages.maximum-weight", String.valueOf(MAXIMUM))
            .overrideConfigKey("quarkus.docstore.caches.pages.weigher", "estimated-bytes")
            .overrideConfigKey("quarkus.docstore.caches.pages.statistics", "true")
            .overrideConfigKey("quarkus.docstore.caches.notes.maximum-weight", "1000")
            .overrideConfigKey("quarkus.docstore.caches.notes.weigher", EstimatedBytesWeigher.class.getName());

    @Inject
    CacheManager jcacheManager;

    @Test
    void theBuiltInWeigherIsNamedByItsShortNameOrItsClass() {
        DocstoreConfiguration<?, ?> pages = configuration(jcacheManager.getCache("pages"));
        assertThat(pages.getMaximumWeight()).hasValue(MAXIMUM);
        assertThat(pages.getMaximumSize()).isEmpty();
        assertThat(pages.getWeigher()).isInstanceOf(EstimatedBytesWeigher.class);

        DocstoreConfiguration<?, ?> notes = configuration(jcacheManager.getCache("notes"));
        assertThat(notes.getMaximumWeight()).hasValue(1000);
        assertThat(notes.getWeigher()).isInstanceOf(EstimatedBytesWeigher.class);
    }

    @Test
    void aCacheBoundedByWeightEvictsToStayWithinIt() {
        Cache<Object, Object> pages = jcacheManager.getCache("pages");
        for (int i = 0; i < 200; i++) {
            pages.put("page-" + i, Map.of("title", "page " + i, "body", "x".repeat(i % 50 * 10)));
        }

        Weigher<Object, Object> weigher = new EstimatedBytesWeigher<>();
        long resident = 0;
        int entries = 0;
        for (Cache.Entry<Object, Object> entry : pages) {
            resident += weigher.weigh(entry.getKey(), entry.getValue());
            entries++;
        }
        assertThat(resident).isPositive().isLessThanOrEqualTo(MAXIMUM);
        assertThat(pages.unwrap(DocstoreCache.class).statistics().getCacheEvictions()).isEqualTo(200 - entries);
    }

    @SuppressWarnings("unchecked") // getConfiguration takes a raw class; every docstore cache has this configuration
    private static DocstoreConfiguration<?, ?> configuration(Cache<?, ?> cache) {
        return cache.getConfiguration(DocstoreConfiguration.class);
    }
}
