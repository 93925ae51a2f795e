package dev.docstore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriter;
import java.util.Collection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Bad input on a cluster cache: a clear, typed error, and nothing stored, written or heard anywhere. */
class ClusterBadInputTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    private CacheManager manager;

    @BeforeEach
    void manager() {
        manager = new ClusterCachingProvider().getCacheManager(URI.create("urn:test:bad-input"),
                getClass().getClassLoader(), CLUSTER.member(0));
    }

    @AfterEach
    void close() {
        for (String name : manager.getCacheNames()) {
            manager.destroyCache(name);
        }
        manager.close();
    }

    /**
     * Not Serializable, and not something Hazelcast's zero-configuration Compact serialization can write (a field of
     * type Object).
     */
    record Unserializable(Object payload) {
    }

    @Test
    void aValueThatCannotSerializeIsRefusedOnEveryMemberAndStoresNothing() {
        Cache<Integer, Object> cache = manager.createCache("plain",
                new MutableConfiguration<Integer, Object>().setTypes(Integer.class, Object.class));
        for (int key = 0; key < 30; key++) { // keys on every member, local and remote partitions alike
            int k = key;
            assertThatThrownBy(() -> cache.put(k, new Unserializable(new Object())))
                    .isInstanceOf(CacheException.class).hasMessageContaining(Unserializable.class.getName())
                    .hasMessageContaining("Serializable");
            assertThatThrownBy(() -> cache.getAndPut(k, new Unserializable(new Object())))
                    .isInstanceOf(CacheException.class);
        }
        assertThat(cache.iterator().hasNext()).isFalse();
    }

    @Test
    void aBatchWithOneValueThatCannotSerializeIsRefusedWholeBeforeTheWriterSeesIt() {
        RecordingWriter writer = new RecordingWriter();
        Cache<Integer, Object> cache = manager.createCache("written",
                new MutableConfiguration<Integer, Object>().setTypes(Integer.class, Object.class)
                        .setCacheWriterFactory(FactoryBuilder.factoryOf(writer)).setWriteThrough(true));
        Map<Integer, Object> batch = new LinkedHashMap<>();
        for (int key = 0; key < 20; key++) {
            batch.put(key, key == 13 ? new Unserializable(new Object()) : "v" + key);
        }
        assertThatThrownBy(() -> cache.putAll(batch)).isInstanceOf(CacheException.class)
                .hasMessageContaining(Unserializable.class.getName());
        assertThatThrownBy(() -> cache.put(99, new Unserializable(new Object()))).isInstanceOf(CacheException.class);
        assertThat(writer.written).isEmpty();
        assertThat(cache.iterator().hasNext()).isFalse();
    }

    @Test
    void nullsAndAClosedCacheAreRefusedWithTheSpecsExceptions() {
        Cache<String, String> cache = manager.createCache("nulls",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        assertThatThrownBy(() -> cache.put(null, "v")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.put("k", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> cache.get(null)).isInstanceOf(NullPointerException.class);
        cache.close();
        assertThatThrownBy(() -> cache.put("k", "v")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void whatOnlyALocalCacheHasIsRefusedBeforeTheClusterHearsOfTheCache() {
        var weighed = new dev.docstore.jcache.DocstoreConfiguration<String, String>();
        weighed.setTypes(String.class, String.class);
        weighed.setMaximumWeight(100, (key, value) -> 1);
        assertThatThrownBy(() -> manager.createCache("weighed", weighed))
                .isInstanceOf(ClusterUnsupportedException.class).hasMessageContaining("weight");
        assertThat(manager.getCacheNames()).doesNotContain("weighed");
    }

    @Test
    void anUnreachableMemberListIsAClearErrorNamingTheAddresses() {
        int port = ClusterConnection.freePort("127.0.0.1");
        ClusterSettings settings = ClusterSettings.defaults().withClusterName("nobody-" + port)
                .asClientOf(List.of("127.0.0.1:" + port));
        assertThatThrownBy(() -> ClusterConnection.open(settings)).isInstanceOf(CacheException.class)
                .hasMessageContaining("127.0.0.1:" + port).hasMessageContaining("nobody-" + port);
    }

    @Test
    void malformedSettingsNameTheField() {
        assertThatThrownBy(() -> ClusterSettings.defaults().withMembers(List.of("no-port")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-port");
        assertThatThrownBy(() -> ClusterSettings.defaults().withBackups(7))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("backups");
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty(ClusterProperties.PORT, "x");
        assertThatThrownBy(() -> ClusterProperties.settings(properties))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(ClusterProperties.PORT);
    }

    /** A writer that records what it was given; serializable, as factories of a cluster cache's writer are. */
    static final class RecordingWriter implements CacheWriter<Integer, Object>, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        final List<Object> written = new ArrayList<>();

        @Override
        public void write(Cache.Entry<? extends Integer, ? extends Object> entry) {
            written.add(entry.getKey());
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends Integer, ? extends Object>> entries) {
            entries.forEach(this::write);
            entries.clear();
        }

        @Override
        public void delete(Object key) {
            written.add(key);
        }

        @Override
        public void deleteAll(Collection<?> keys) {
            written.addAll(keys);
            keys.clear();
        }
    }
}
