package dev.docstore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The Cache API on a three-member cluster, seen from two members as two JVMs would see it. */
class ClusterCacheTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    private static final URI URI = java.net.URI.create("urn:test:cluster-cache");

    private CacheManager first;
    private CacheManager second;

    @BeforeEach
    void managers() {
        first = new ClusterCachingProvider().getCacheManager(URI, getClass().getClassLoader(), CLUSTER.member(0));
        second = new ClusterCachingProvider().getCacheManager(URI, getClass().getClassLoader(), CLUSTER.member(1));
    }

    @AfterEach
    void destroy() {
        for (String name : first.getCacheNames()) {
            first.destroyCache(name);
        }
        first.close();
        second.close();
    }

    @Test
    void aCacheCreatedOnOneMemberIsFoundAndSharedOnAnother() {
        Cache<String, Map<String, Object>> orders = first.createCache("orders",
                new MutableConfiguration<String, Map<String, Object>>().setTypes(String.class,
                        castMap()));
        for (int i = 0; i < 100; i++) {
            orders.put("o" + i, Map.of("n", i));
        }
        Cache<String, Map<String, Object>> seen = second.getCache("orders", String.class, castMap());
        assertThat(seen).isNotNull();
        assertThat(second.getCacheNames()).contains("orders");
        for (int i = 0; i < 100; i++) {
            assertThat(seen.get("o" + i)).isEqualTo(Map.of("n", i));
        }
        seen.remove("o1");
        assertThat(orders.containsKey("o1")).isFalse();
        assertThat(orders.getAll(Set.of("o2", "o3", "o1"))).containsOnlyKeys("o2", "o3");
    }

    @Test
    void aSecondCreateOfTheSameNameAnywhereOnTheClusterIsRefused() {
        first.createCache("once", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        assertThatThrownBy(() -> second.createCache("once", new MutableConfiguration<String, String>()))
                .isInstanceOf(CacheException.class).hasMessageContaining("exists already");
    }

    @Test
    void destroyRemovesTheDataAndTheNameFromTheCluster() {
        Cache<String, String> cache = first.createCache("gone",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        cache.put("k", "v");
        first.destroyCache("gone");
        assertThat(second.getCache("gone")).isNull();
        assertThat(CLUSTER.member(2).getMap(ClusterMaps.mapName(URI + "/gone")).size()).isZero();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Class<Map<String, Object>> castMap() {
        return (Class) Map.class;
    }
}
