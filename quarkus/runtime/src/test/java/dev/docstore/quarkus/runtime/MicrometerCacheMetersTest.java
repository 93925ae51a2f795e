package dev.docstore.quarkus.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Binding and unbinding a manager's meters. The statistics MXBeans Micrometer reads live in the platform MBeanServer,
 * under a manager URI no other test uses.
 */
class MicrometerCacheMetersTest {
    private static final URI URI_OF_TEST = URI.create("urn:docstore:micrometer-meters-test");

    private final DocstoreCachingProvider provider = new DocstoreCachingProvider();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerCacheMeters meters = new MicrometerCacheMeters(registry);

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void aCacheWithStatisticsGetsMicrometersCacheMetersAndDocstoresFigures() {
        CacheManager manager = provider.getCacheManager(URI_OF_TEST, getClass().getClassLoader());
        Cache<Object, Object> books = manager.createCache("books", configuration(true));
        meters.opened(books);

        books.put("b-1", Map.of("author", "Gamma"));
        books.get("b-1");
        books.get("b-2");

        assertThat(registry.get("cache.gets").tags("cache", "books", "result", "hit").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("cache.gets").tags("cache", "books", "result", "miss").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("docstore.cache.documents").tags("cache", "books").gauge().value()).isEqualTo(1);
        assertThat(registry.get("docstore.index.entries").tags("cache", "books", "index", "byAuthor").gauge())
                .as("index figures (read at most once a second, so not checked for a value here)").isNotNull();
        assertThat(registry.get("cache.gets").meters()).allSatisfy(meter ->
                assertThat(meter.getId().getTag("cacheManager")).isEqualTo(URI_OF_TEST.toString()));
    }

    @Test
    void aCacheWithoutStatisticsGetsOnlyDocstoresFigures() {
        CacheManager manager = provider.getCacheManager(URI_OF_TEST, getClass().getClassLoader());
        meters.opened(manager.createCache("quiet", configuration(false)));

        assertThat(registry.find("cache.gets").meters()).isEmpty();
        assertThat(registry.find("docstore.cache.documents").tags("cache", "quiet").gauge()).isNotNull();
    }

    @Test
    void closingRemovesTheManagersMetersOnly() {
        CacheManager manager = provider.getCacheManager(URI_OF_TEST, getClass().getClassLoader());
        meters.opened(manager.createCache("books", configuration(true)));
        Meter unrelated = registry.counter("orders.placed");

        meters.closing(manager);

        assertThat(registry.getMeters()).containsExactly(unrelated);
    }

    private static DocstoreConfiguration<Object, Object> configuration(boolean statistics) {
        DocstoreConfiguration<Object, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(Object.class, Object.class);
        configuration.setStatisticsEnabled(statistics);
        configuration.addIndex(IndexDefinition.of("byAuthor", "author"));
        return configuration;
    }
}
