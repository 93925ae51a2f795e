package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.docstoreConfiguration;
import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.listenerConfiguration;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static dev.docstore.jcache.JCacheTesting.statistics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.jcache.JCacheTesting.RecordingListener;
import dev.docstore.jcache.JCacheTesting.Seen;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Changing a bounded cache's maximum while it runs, through {@code DocumentCache}: what a lower or higher maximum does
 * to the entries, the events, the statistics and the configuration, and what is refused (an unbounded cache, a maximum
 * that is not positive, a closed cache) without changing anything.
 */
class BoundedCacheResizeTest {
    private final CacheManager manager = newManager("bounded-resize");
    private final AtomicInteger names = new AtomicInteger();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private <K, V> Cache<K, V> create(DocstoreConfiguration<K, V> configuration) {
        configuration.setStatisticsEnabled(true);
        return manager.createCache("resized-" + names.incrementAndGet(), configuration);
    }

    private static Map<Integer, String> contents(Cache<Integer, String> cache) {
        Map<Integer, String> present = new HashMap<>();
        cache.forEach(entry -> present.put(entry.getKey(), entry.getValue()));
        return present;
    }

    /** The README's example ("Bounded caches"), as written there. */
    @Test
    @SuppressWarnings("unchecked") // as in the README: unwrap can only name the raw DocumentCache
    void theReadmeExampleReadsTheBoundAndHalvesIt() {
        DocstoreConfiguration<String, Map<String, Object>> recent = new DocstoreConfiguration<>();
        recent.setMaximumSize(10_000);
        Cache<String, Map<String, Object>> recentCache = create(recent);
        for (int i = 0; i < 10_000; i++) {
            recentCache.put("k" + i, Map.of("i", i));
        }

        DocumentCache<String, Map<String, Object>> documents = recentCache.unwrap(DocumentCache.class);
        assertThat(documents.evictionBound()).hasToString(
                "Optional[EvictionBound[kind=SIZE, maximum=10000, weightedSize=10000]]");
        documents.setMaximum(5_000);

        assertThat(documents.figures().documents()).isEqualTo(5_000);
        assertThat(statistics(recentCache).getCacheEvictions()).isEqualTo(5_000);
    }

    @Test
    void loweringTheMaximumEvictsDownToItBeforeReturningAsAnyEvictionIsReported() {
        RecordingListener<Integer, String> listener = new RecordingListener<>();
        DocstoreConfiguration<Integer, String> configuration =
                new DocstoreConfiguration<Integer, String>().setMaximumSize(100);
        configuration.addCacheEntryListenerConfiguration(listenerConfiguration(listener, true, true));
        Cache<Integer, String> cache = create(configuration);
        for (int key = 0; key < 100; key++) {
            cache.put(key, "v" + key);
        }
        assertThat(documents(cache).evictionBound()).contains(new EvictionBound(EvictionBound.Kind.SIZE, 100, 100));

        documents(cache).setMaximum(40);

        Map<Integer, String> present = contents(cache);
        assertThat(present).hasSize(40).allSatisfy((key, value) -> assertThat(value).isEqualTo("v" + key));
        assertThat(documents(cache).evictionBound()).contains(new EvictionBound(EvictionBound.Kind.SIZE, 40, 40));
        assertThat(listener.of(EventType.REMOVED)).hasSize(60).allSatisfy(seen -> {
            assertThat(present).doesNotContainKey(seen.key());
            assertThat(seen.oldValue()).isEqualTo("v" + seen.key());
        });
        assertThat(listener.of(EventType.REMOVED)).extracting(Seen::key).doesNotHaveDuplicates();
        assertThat(statistics(cache).getCacheEvictions()).isEqualTo(60);
        assertThat(statistics(cache).getCacheRemovals()).isZero();
        assertThat(docstoreConfiguration(cache).getMaximumSize()).hasValue(40);
        assertThat(docstoreConfiguration(cache).getMaximumWeight()).isEmpty();
    }

    @Test
    void raisingTheMaximumEvictsNothingAndLetsTheCacheGrowToIt() {
        Cache<Integer, String> cache = create(new DocstoreConfiguration<Integer, String>().setMaximumSize(10));
        for (int key = 0; key < 10; key++) {
            cache.put(key, "v");
        }

        documents(cache).setMaximum(50);

        assertThat(statistics(cache).getCacheEvictions()).isZero();
        for (int key = 10; key < 50; key++) {
            cache.put(key, "v");
        }
        assertThat(contents(cache)).hasSize(50);
        assertThat(statistics(cache).getCacheEvictions()).isZero();
        for (int key = 50; key < 60; key++) {
            cache.put(key, "v");
        }
        assertThat(contents(cache)).hasSize(50);
        assertThat(statistics(cache).getCacheEvictions()).isEqualTo(10);
        assertThat(docstoreConfiguration(cache).getMaximumSize()).hasValue(50);
    }

    @Test
    void aWeightBoundChangesInUnitsOfWeightAndKeepsItsWeigher() {
        Weigher<Integer, String> weigher = (key, value) -> value.length();
        Cache<Integer, String> cache = create(new DocstoreConfiguration<Integer, String>()
                .setMaximumWeight(100, weigher));
        for (int key = 0; key < 3; key++) {
            cache.put(key, "x".repeat(30));
        }
        assertThat(documents(cache).evictionBound()).contains(new EvictionBound(EvictionBound.Kind.WEIGHT, 100, 90));

        documents(cache).setMaximum(60);

        assertThat(contents(cache)).hasSize(2);
        assertThat(documents(cache).evictionBound()).contains(new EvictionBound(EvictionBound.Kind.WEIGHT, 60, 60));
        assertThat(statistics(cache).getCacheEvictions()).isEqualTo(1);
        DocstoreConfiguration<Integer, String> reported = docstoreConfiguration(cache);
        assertThat(reported.getMaximumWeight()).hasValue(60);
        assertThat(reported.getMaximumSize()).isEmpty();
        assertThat(reported.getWeigher()).isSameAs(weigher);
    }

    @Test
    void anEntryHeavierThanALoweredWeightBoundIsEvicted() {
        Cache<Integer, String> cache = create(new DocstoreConfiguration<Integer, String>()
                .setMaximumWeight(100, (key, value) -> value.length()));
        cache.put(1, "x".repeat(10));
        cache.put(2, "y".repeat(50));

        documents(cache).setMaximum(40);

        assertThat(contents(cache)).containsOnlyKeys(1);
    }

    @Test
    void anUnboundedCacheRefusesABoundWithAMessageSayingWhyAndStaysUnbounded() {
        Cache<Integer, String> cache = create(new DocstoreConfiguration<>());
        cache.put(1, "v");

        assertThat(documents(cache).evictionBound()).isEmpty();
        assertThatThrownBy(() -> documents(cache).setMaximum(10)).isInstanceOf(UnboundedCacheException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("cache '" + cache.getName() + "' has no bound")
                .hasMessageContaining("set to 10")
                .hasMessageContaining("from its creation");

        assertThat(documents(cache).evictionBound()).isEmpty();
        assertThat(docstoreConfiguration(cache).isBounded()).isFalse();
        assertThat(contents(cache)).containsOnlyKeys(1);
    }

    @Test
    void aMaximumThatIsNotPositiveIsRefusedNamingTheSettingAndChangesNothing() {
        Cache<Integer, String> bySize = create(new DocstoreConfiguration<Integer, String>().setMaximumSize(5));
        Cache<Integer, String> byWeight = create(new DocstoreConfiguration<Integer, String>()
                .setMaximumWeight(50, (key, value) -> value.length()));
        for (int key = 0; key < 5; key++) {
            bySize.put(key, "v");
            byWeight.put(key, "v");
        }

        assertThatIllegalArgumentException().isThrownBy(() -> documents(bySize).setMaximum(0))
                .withMessage("maximumSize must be positive, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> documents(byWeight).setMaximum(-5))
                .withMessage("maximumWeight must be positive, was -5");

        assertThat(documents(bySize).evictionBound()).contains(new EvictionBound(EvictionBound.Kind.SIZE, 5, 5));
        assertThat(documents(byWeight).evictionBound()).contains(new EvictionBound(EvictionBound.Kind.WEIGHT, 50, 5));
        assertThat(docstoreConfiguration(bySize).getMaximumSize()).hasValue(5);
        assertThat(docstoreConfiguration(byWeight).getMaximumWeight()).hasValue(50);
        assertThat(contents(bySize)).hasSize(5);
        assertThat(contents(byWeight)).hasSize(5);
    }

    @Test
    void aClosedCacheRefusesToReadOrChangeItsBound() {
        Cache<Integer, String> cache = create(new DocstoreConfiguration<Integer, String>().setMaximumSize(5));
        DocumentCache<Integer, String> view = documents(cache);
        cache.close();

        assertThatIllegalStateException().isThrownBy(view::evictionBound).withMessageContaining("is closed");
        assertThatIllegalStateException().isThrownBy(() -> view.setMaximum(10)).withMessageContaining("is closed");
    }

    @Test
    void aConfigurationReadBeforeTheChangeIsAnIndependentCopy() {
        Cache<Integer, String> cache = create(new DocstoreConfiguration<Integer, String>().setMaximumSize(5));
        DocstoreConfiguration<Integer, String> before = docstoreConfiguration(cache);

        documents(cache).setMaximum(7);

        assertThat(before.getMaximumSize()).hasValue(5);
        assertThat(docstoreConfiguration(cache).getMaximumSize()).hasValue(7);
    }
}
