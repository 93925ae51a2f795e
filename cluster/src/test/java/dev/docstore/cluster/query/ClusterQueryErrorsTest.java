package dev.docstore.cluster.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.cluster.ClusterCachingProvider;
import dev.docstore.cluster.ClusterExtension;
import dev.docstore.cluster.ClusterUnsupportedException;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexExistsException;
import dev.docstore.index.IndexNotFoundException;
import dev.docstore.index.IndexRange;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.jcache.IndexChange;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Typed errors of the cluster view that change nothing, and indexes that every member's manager sees. */
class ClusterQueryErrorsTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    private static final URI URI = java.net.URI.create("urn:test:cluster-query-errors");

    private CacheManager first;
    private CacheManager second;
    private Cache<String, Object> cache;
    private DocumentCache<String, Object> documents;

    @BeforeEach
    @SuppressWarnings("unchecked") // the view has the cache's types
    void cache() {
        first = new ClusterCachingProvider().getCacheManager(URI, getClass().getClassLoader(), CLUSTER.member(0));
        second = new ClusterCachingProvider().getCacheManager(URI, getClass().getClassLoader(), CLUSTER.member(1));
        cache = first.createCache("orders",
                new MutableConfiguration<String, Object>().setTypes(String.class, Object.class));
        documents = cache.unwrap(DocumentCache.class);
        documents.createIndex(IndexDefinition.of("byCity", "city"));
        cache.put("a", Map.of("city", "Lisbon", "tags", List.of("x", "y")));
        cache.put("b", Map.of("city", "Porto"));
    }

    @AfterEach
    void destroy() {
        // through the second manager: the first may have closed its handle, which hides the name from it
        second.destroyCache("orders");
        first.close();
        second.close();
    }

    @Test
    void unknownIndexesAreNamed() {
        assertThatThrownBy(() -> documents.lookup("nope", "Lisbon")).isInstanceOf(IndexNotFoundException.class)
                .hasMessageContaining("nope").hasMessageContaining("byCity");
        assertThatThrownBy(() -> documents.scan("nope", IndexRange.all(), false, 10))
                .isInstanceOf(IndexNotFoundException.class);
        assertThatThrownBy(() -> documents.count("nope", IndexRange.all())).isInstanceOf(IndexNotFoundException.class);
        assertThatThrownBy(() -> documents.rebuildIndex("nope")).isInstanceOf(IndexNotFoundException.class);
    }

    @Test
    void aDuplicateOrUniqueIndexChangesNothing() {
        assertThatThrownBy(() -> documents.createIndex(IndexDefinition.of("byCity", "tags[]")))
                .isInstanceOf(IndexExistsException.class).hasMessageContaining("byCity");
        assertThatThrownBy(() -> documents.createIndex(IndexDefinition.of("unique", "city").asUnique()))
                .isInstanceOf(ClusterUnsupportedException.class).hasMessageContaining("unique");
        assertThat(documents.indexNames()).containsExactly("byCity");
        assertThat(documents.indexes().get(0).paths()).containsExactly("city");
    }

    @Test
    void whatTheClusterCannotDoIsRefusedAndTheIndexStays() {
        assertThatThrownBy(() -> documents.dropIndex("byCity")).isInstanceOf(ClusterUnsupportedException.class);
        assertThatThrownBy(() -> documents.setMaximum(10)).isInstanceOf(ClusterUnsupportedException.class);
        assertThatThrownBy(() -> documents.exportTo(new ByteArrayOutputStream()))
                .isInstanceOf(ClusterUnsupportedException.class);
        assertThat(documents.lookup("byCity", "Lisbon")).extracting(Cache.Entry::getKey).containsExactly("a");
    }

    @Test
    void nullArgumentsAreNamed() {
        assertThatThrownBy(() -> documents.lookup(null, "x")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("index name");
        assertThatThrownBy(() -> documents.scan("byCity", null, false, 1)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("range");
        assertThatThrownBy(() -> documents.createIndex(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("definition");
        assertThatThrownBy(() -> documents.query(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> documents.lookup("byCity", (Object) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> documents.dropIndex(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aClosedCacheRefusesItsView() {
        cache.close();
        assertThatThrownBy(() -> documents.lookup("byCity", "Lisbon")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> documents.createIndex(IndexDefinition.of("late", "tags[]")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cache.unwrap(DocumentCache.class)).isInstanceOf(IllegalStateException.class);
        @SuppressWarnings("unchecked")
        DocumentCache<String, Object> elsewhere = second.getCache("orders").unwrap(DocumentCache.class);
        assertThat(elsewhere.indexNames()).containsExactly("byCity");
    }

    @Test
    void anIndexCreatedThroughOneMemberIsUsedThroughAnother() {
        List<IndexChange> changes = new CopyOnWriteArrayList<>();
        documents.addIndexListener(changes::add);
        documents.createIndex(IndexDefinition.of("byTag", "tags[]"));
        @SuppressWarnings("unchecked")
        DocumentCache<String, Object> elsewhere = second.getCache("orders").unwrap(DocumentCache.class);
        assertThat(elsewhere.indexNames()).containsExactly("byCity", "byTag");
        assertThat(elsewhere.lookup("byTag", "y")).extracting(Cache.Entry::getKey).containsExactly("a");
        assertThat(elsewhere.explain(q -> q.where("tags[]").eq("x")).index()).isEqualTo("byTag");
        assertThat(elsewhere.indexes()).filteredOn(info -> info.name().equals("byTag"))
                .singleElement().satisfies(info -> assertThat(info.entries()).isEqualTo(2));
        assertThat(changes).extracting(IndexChange::kind).containsExactly(IndexChange.Kind.CREATED);
        assertThat(elsewhere.figures().documents()).isEqualTo(2);
    }

    @Test
    void destroyingTheCacheForgetsItsIndexes() {
        first.destroyCache("orders");
        assertThat(CLUSTER.member(2).getMap(dev.docstore.cluster.ClusterMaps.indexRegistryName(URI + "/orders"))
                .size()).isZero();
    }
}
