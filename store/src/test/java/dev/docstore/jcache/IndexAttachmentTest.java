package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.newManager;
import static dev.docstore.jcache.JCacheTesting.uniqueName;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.index.IndexDefinition;
import java.lang.management.ManagementFactory;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A cache with no index never attaches index maintenance to its store (the store's write observer, which every write
 * then consults), whatever reads its figures: the Cache API and the JMX beans (the Micrometer binders:
 * {@code dev.docstore.micrometer.MetricsAttachNoIndexesTest}). Attaching starts with the first index.
 */
class IndexAttachmentTest {
    private CacheManager manager;
    private DocstoreCache<String, Map<String, Object>> cache;

    @BeforeEach
    void openCache() {
        manager = newManager("index-attachment");
        DocstoreConfiguration<String, Map<String, Object>> configuration = new DocstoreConfiguration<>();
        configuration.setManagementEnabled(true);
        configuration.setStatisticsEnabled(true);
        @SuppressWarnings("unchecked") // the configuration has the cache's types
        DocstoreCache<String, Map<String, Object>> created =
                manager.createCache(uniqueName("unindexed"), configuration).unwrap(DocstoreCache.class);
        cache = created;
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void writesReadsAndFiguresAttachNoIndexes() {
        cache.put("a", Map.of("city", "Porto"));
        cache.putAll(Map.of("b", Map.of("city", "Braga"), "c", Map.of("city", "Faro")));
        cache.replace("a", Map.of("city", "Lisboa"));
        cache.remove("c");
        cache.get("b");
        cache.forEach(entry -> { });

        assertThat(cache.figures().documents()).isEqualTo(2);
        assertThat(cache.documents().indexes()).isEmpty();
        assertThat(cache.documents().indexNames()).isEmpty();
        assertThat(cache.documents().sample(10)).hasSize(2);
        assertThat(isAttached()).isFalse();
    }

    @Test
    void jmxBeansReadFiguresWithoutAttachingIndexes() throws JMException {
        cache.put("a", Map.of("city", "Porto"));

        int attributesRead = readEveryAttributeOfThisManagersBeans();
        cache.put("b", Map.of("city", "Braga"));

        assertThat(attributesRead).as("attributes of the cache's JMX beans").isGreaterThan(10);
        assertThat(isAttached()).isFalse();
    }

    @Test
    void theFirstIndexAttachesIndexMaintenance() {
        cache.put("a", Map.of("city", "Porto"));

        cache.documents().createIndex(IndexDefinition.of("byCity", "city"));

        assertThat(isAttached()).isTrue();
        assertThat(cache.documents().lookup("byCity", "Porto")).hasSize(1);
    }

    private boolean isAttached() {
        return ((DocumentCacheView<?, ?>) cache.documents()).isAttached();
    }

    /** Reads every attribute of every bean of this test's manager (its caches' beans and its own). */
    private int readEveryAttributeOfThisManagersBeans() throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        String managerUri = manager.getURI().toString();
        int read = 0;
        for (ObjectName name : server.queryNames(null, null)) {
            if (!name.toString().contains(managerUri)) {
                continue;
            }
            for (MBeanAttributeInfo attribute : server.getMBeanInfo(name).getAttributes()) {
                if (attribute.isReadable()) {
                    server.getAttribute(name, attribute.getName());
                    read++;
                }
            }
        }
        return read;
    }
}
