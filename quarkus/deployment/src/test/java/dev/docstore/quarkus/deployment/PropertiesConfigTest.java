package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.net.URI;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code application.properties}: the configuration file's location, indexes added to a cache of the file and defined
 * for a new cache, statistics and management switched for all caches and for one, store-by-value and the bound.
 */
class PropertiesConfigTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource("docstore.yaml"))
            .overrideConfigKey("quarkus.docstore.config-file", "classpath:docstore.yaml")
            .overrideConfigKey("quarkus.docstore.statistics", "true")
            .overrideConfigKey("quarkus.docstore.caches.orders.statistics", "false")
            .overrideConfigKey("quarkus.docstore.caches.orders.management", "true")
            .overrideConfigKey("quarkus.docstore.caches.books.indexes.byTitle.paths", "title")
            .overrideConfigKey("quarkus.docstore.caches.books.indexes.byAuthor.paths", "author")
            .overrideConfigKey("quarkus.docstore.caches.\"members.active\".store-by-value", "true")
            .overrideConfigKey("quarkus.docstore.caches.\"members.active\".maximum-size", "250")
            .overrideConfigKey("quarkus.docstore.caches.\"members.active\".indexes.byCity.paths", "address.city,name")
            .overrideConfigKey("quarkus.docstore.caches.\"members.active\".indexes.byCity.unique", "true");

    @Inject
    CacheManager jcacheManager;

    @Test
    void theManagerStartsFromTheFileAndCreatesTheCachesNamedInProperties() {
        assertThat(jcacheManager.getURI()).isEqualTo(URI.create("classpath:docstore.yaml"));
        assertThat(jcacheManager.getCacheNames()).containsExactlyInAnyOrder("books", "orders", "members.active");
    }

    @Test
    void aFileCacheKeepsItsIndexesAndGetsThoseOfTheProperties() {
        assertThat(documents(jcacheManager.getCache("books")).indexes()).extracting(IndexInfo::name, IndexInfo::paths)
                .containsExactlyInAnyOrder(Tuple.tuple("byAuthor", java.util.List.of("author")),
                        Tuple.tuple("byTitle", java.util.List.of("title")));
    }

    @Test
    void aCacheCreatedFromPropertiesHasTheirSettings() {
        Cache<Object, Object> members = jcacheManager.getCache("members.active");
        DocstoreConfiguration<?, ?> configuration = configuration(members);

        assertThat(configuration.isStoreByValue()).isTrue();
        assertThat(configuration.getMaximumSize()).hasValue(250);
        assertThat(configuration(jcacheManager.getCache("orders")).getMaximumSize()).as("no bound by default").isEmpty();
        assertThat(configuration.isStatisticsEnabled()).as("from quarkus.docstore.statistics").isTrue();
        assertThat(configuration.isManagementEnabled()).isFalse();
        assertThat(documents(members).indexes()).singleElement().satisfies(index -> {
            assertThat(index.paths()).containsExactly("address.city", "name");
            assertThat(index.unique()).isTrue();
        });
    }

    @Test
    void statisticsAndManagementSwitchPerCacheOverTheGlobalSwitch() throws MalformedObjectNameException {
        assertThat(configuration(jcacheManager.getCache("books")).isStatisticsEnabled()).isTrue();
        DocstoreConfiguration<?, ?> orders = configuration(jcacheManager.getCache("orders"));
        assertThat(orders.isStatisticsEnabled()).isFalse();
        assertThat(orders.isManagementEnabled()).isTrue();

        ObjectName ordersBean = new ObjectName(
                "javax.cache:type=CacheConfiguration,CacheManager=classpath.docstore.yaml,Cache=orders");
        ObjectName booksStatistics = new ObjectName(
                "javax.cache:type=CacheStatistics,CacheManager=classpath.docstore.yaml,Cache=books");
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(ordersBean)).isTrue();
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(booksStatistics)).isTrue();
    }

    @SuppressWarnings("unchecked") // unwrap takes a raw class; a docstore cache is a DocumentCache of its own types
    private static DocumentCache<Object, Object> documents(Cache<Object, Object> cache) {
        return cache.unwrap(DocumentCache.class);
    }

    @SuppressWarnings("unchecked") // getConfiguration takes a raw class; every docstore cache has this configuration
    private static DocstoreConfiguration<?, ?> configuration(Cache<?, ?> cache) {
        return cache.getConfiguration(DocstoreConfiguration.class);
    }
}
