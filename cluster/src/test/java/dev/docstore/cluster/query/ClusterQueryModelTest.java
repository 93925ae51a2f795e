package dev.docstore.cluster.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.cluster.ClusterCachingProvider;
import dev.docstore.cluster.ClusterExtension;
import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocumentCache;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Seeded model-based test: a cluster cache and a local docstore cache hold the same random documents and indexes, and
 * every random look-up, range, scan, count and query answers the same on both, before a member is terminated, after
 * the cluster is safe again without it, and after it rejoins.
 */
class ClusterQueryModelTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    private static final URI URI = java.net.URI.create("urn:test:cluster-query-model");
    private static final long SEED = Long.getLong("seed", 20240611L);
    private static final int DOCUMENTS = 1500;

    private CacheManager clusterManager;
    private CacheManager localManager;

    @BeforeEach
    void managers() {
        clusterManager = new ClusterCachingProvider().getCacheManager(URI, getClass().getClassLoader(),
                CLUSTER.member(0));
        localManager = new DocstoreCachingProvider().getCacheManager(URI, getClass().getClassLoader());
    }

    @AfterEach
    void close() {
        for (String name : clusterManager.getCacheNames()) {
            clusterManager.destroyCache(name);
        }
        clusterManager.close();
        localManager.close();
    }

    @Test
    void clusterAndLocalCachesAnswerAlikeBeforeDuringAndAfterAMemberIsLost() {
        System.out.println("seed " + SEED);
        DocumentCache<String, Object> cluster = filled(clusterManager, "model");
        DocumentCache<String, Object> local = filled(localManager, "model");
        QueryModel model = new QueryModel(SEED + 1);
        model.compare(cluster, local, 150);
        try {
            CLUSTER.terminate(2);
            CLUSTER.awaitSafe();
            model.compare(cluster, local, 100);
        } finally {
            CLUSTER.restart(2);
        }
        model.compare(cluster, local, 100);
        assertThat(model.nonEmpty).as("answers that held entries").isGreaterThan(100);
        assertThat(model.indexedQueries).as("queries run on an index").isGreaterThan(20);
    }

    /** A cache of {@code manager} with the model's indexes and documents (the same for the same seed). */
    private static DocumentCache<String, Object> filled(CacheManager manager, String name) {
        Cache<String, Object> cache = manager.createCache(name,
                new MutableConfiguration<String, Object>().setTypes(String.class, Object.class));
        @SuppressWarnings("unchecked") // a docstore cache unwraps to its document view of its own types
        DocumentCache<String, Object> documents = cache.unwrap(DocumentCache.class);
        List<IndexDefinition> indexes = QueryModel.INDEXES;
        // half the indexes before the documents and half after, so both the live and the initial fill are checked
        indexes.subList(0, 3).forEach(documents::createIndex);
        QueryModel model = new QueryModel(SEED);
        Random removals = new Random(SEED);
        for (int i = 0; i < DOCUMENTS; i++) {
            Map<String, Object> document = model.document();
            cache.put("k" + i, document);
            if (removals.nextInt(10) == 0) {
                cache.remove("k" + removals.nextInt(i + 1));
            }
        }
        indexes.subList(3, indexes.size()).forEach(documents::createIndex);
        return documents;
    }
}
