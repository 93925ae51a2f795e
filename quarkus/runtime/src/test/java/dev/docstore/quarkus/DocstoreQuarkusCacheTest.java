package dev.docstore.quarkus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import io.quarkus.cache.CacheException;
import io.quarkus.cache.CompositeCacheKey;
import io.smallrye.mutiny.Uni;
import java.io.IOException;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.management.CacheStatisticsMXBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The quarkus-cache contract on a docstore cache, without Quarkus: loads coalesce per key, failures are not cached,
 * {@code null} is, invalidation beats a load in flight. Loads in flight are held open with futures the test completes,
 * so nothing waits on time.
 */
class DocstoreQuarkusCacheTest {
    private final DocstoreCachingProvider provider = new DocstoreCachingProvider();
    private CacheManager manager;
    private Cache<Object, Object> jcache;
    private DocstoreQuarkusCache cache;

    @BeforeEach
    void open() {
        manager = provider.getCacheManager(URI.create("urn:docstore:quarkus-cache-test"), getClass().getClassLoader());
        DocstoreConfiguration<Object, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(Object.class, Object.class);
        configuration.setStoreByValue(false);
        configuration.setStatisticsEnabled(true);
        jcache = manager.createCache("books", configuration);
        cache = new DocstoreQuarkusCache(jcache);
    }

    @AfterEach
    void close() {
        provider.close();
    }

    @Test
    void getLoadsOnceAndThenAnswersFromTheDocstoreCache() {
        AtomicInteger loads = new AtomicInteger();

        String first = cache.get("k", key -> "v" + loads.incrementAndGet()).await().indefinitely();
        String second = cache.<String, String>get("k", key -> "v" + loads.incrementAndGet()).await().indefinitely();

        assertThat(first).isEqualTo("v1");
        assertThat(second).isEqualTo("v1");
        assertThat(loads).hasValue(1);
        assertThat(statistics().getCacheMisses()).isEqualTo(1);
        assertThat(statistics().getCacheHits()).isEqualTo(1);
        assertThat(statistics().getCachePuts()).isEqualTo(1);
        assertThat(jcache.get("k")).isEqualTo("v1");
    }

    @Test
    void theUniIsLazy() {
        AtomicInteger loads = new AtomicInteger();
        Uni<Integer> value = cache.get("k", key -> loads.incrementAndGet());

        assertThat(loads).hasValue(0);
        assertThat(jcache.containsKey("k")).isFalse();
        assertThat(value.await().indefinitely()).isEqualTo(1);
    }

    @Test
    void concurrentCallersShareOneLoadInFlight() {
        CompletableFuture<String> slowLoad = new CompletableFuture<>();
        AtomicInteger asyncLoads = new AtomicInteger();
        AtomicInteger syncLoads = new AtomicInteger();

        CompletableFuture<String> first = cache.<String, String>getAsync("k", key -> {
            asyncLoads.incrementAndGet();
            return Uni.createFrom().completionStage(slowLoad);
        }).subscribeAsCompletionStage();
        CompletableFuture<String> second = cache.<String, String>getAsync("k", key -> {
            asyncLoads.incrementAndGet();
            return Uni.createFrom().item("other");
        }).subscribeAsCompletionStage();
        CompletableFuture<String> third = cache.<String, String>get("k", key -> {
            syncLoads.incrementAndGet();
            return "other";
        }).subscribeAsCompletionStage();

        assertThat(first).isNotDone();
        assertThat(second).isNotDone();
        assertThat(third).isNotDone();
        slowLoad.complete("loaded");

        assertThat(first.join()).isEqualTo("loaded");
        assertThat(second.join()).isEqualTo("loaded");
        assertThat(third.join()).isEqualTo("loaded");
        assertThat(asyncLoads).hasValue(1);
        assertThat(syncLoads).hasValue(0);
        assertThat(jcache.get("k")).isEqualTo("loaded");
    }

    @Test
    void aFailedLoadFailsItsCallersAndCachesNothing() {
        CompletableFuture<String> failing = new CompletableFuture<>();
        CompletableFuture<String> first = cache.<String, String>getAsync("k",
                key -> Uni.createFrom().completionStage(failing)).subscribeAsCompletionStage();
        CompletableFuture<String> waiting = cache.<String, String>get("k", key -> "unused")
                .subscribeAsCompletionStage();

        failing.completeExceptionally(new IllegalStateException("backend down"));

        assertThat(first).failsWithin(java.time.Duration.ZERO).withThrowableThat()
                .havingRootCause().isInstanceOf(IllegalStateException.class).withMessage("backend down");
        assertThat(waiting).isCompletedExceptionally();
        assertThat(jcache.containsKey("k")).isFalse();
        assertThat(cache.get("k", key -> "recovered").await().indefinitely()).isEqualTo("recovered");
    }

    @Test
    void aSynchronousLoaderThatThrowsFailsTheUniWithItsException() {
        assertThatThrownBy(() -> cache.get("k", key -> {
            throw new IllegalArgumentException("no such book: " + key);
        }).await().indefinitely()).isInstanceOf(IllegalArgumentException.class).hasMessage("no such book: k");
        assertThat(jcache.containsKey("k")).isFalse();
    }

    @Test
    void aCheckedFailureOfAnAsyncLoaderComesWrappedInACacheException() {
        assertThatThrownBy(() -> cache.getAsync("k", key -> Uni.createFrom().failure(new IOException("disk")))
                .await().indefinitely())
                .isInstanceOf(CacheException.class).hasCauseInstanceOf(IOException.class);
    }

    @Test
    void nullIsCachedAndComesBackAsNull() {
        AtomicInteger loads = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            Object value = cache.get("k", key -> {
                loads.incrementAndGet();
                return null;
            }).await().indefinitely();
            assertThat(value).isNull();
        }
        assertThat(loads).hasValue(1);
        assertThat(jcache.containsKey("k")).isTrue();
    }

    @Test
    void invalidatingDuringALoadKeepsTheLoadedValueOutOfTheCache() {
        CompletableFuture<String> slowLoad = new CompletableFuture<>();
        CompletableFuture<String> caller = cache.<String, String>getAsync("k",
                key -> Uni.createFrom().completionStage(slowLoad)).subscribeAsCompletionStage();

        cache.invalidate("k").await().indefinitely();
        slowLoad.complete("stale");

        assertThat(caller.join()).as("the caller still gets what it loaded").isEqualTo("stale");
        assertThat(jcache.containsKey("k")).isFalse();
        assertThat(cache.get("k", key -> "fresh").await().indefinitely()).isEqualTo("fresh");
    }

    @Test
    void invalidateAllEmptiesTheCacheAndForgetsLoadsInFlight() {
        CompletableFuture<String> slowLoad = new CompletableFuture<>();
        cache.get("a", key -> "1").await().indefinitely();
        cache.<String, String>getAsync("b", key -> Uni.createFrom().completionStage(slowLoad))
                .subscribeAsCompletionStage();

        cache.invalidateAll().await().indefinitely();
        slowLoad.complete("2");

        assertThat(jcache.iterator()).isExhausted();
    }

    @Test
    void invalidateIfRemovesTheMatchingKeysOnly() {
        cache.get(new CompositeCacheKey("ada", 1), key -> "a1").await().indefinitely();
        cache.get(new CompositeCacheKey("ada", 2), key -> "a2").await().indefinitely();
        cache.get(new CompositeCacheKey("bob", 1), key -> "b1").await().indefinitely();
        long hitsBefore = statistics().getCacheHits();

        cache.invalidateIf(key -> ((CompositeCacheKey) key).getKeyElements()[0].equals("ada")).await().indefinitely();

        assertThat(jcache.containsKey(new CompositeCacheKey("ada", 1))).isFalse();
        assertThat(jcache.containsKey(new CompositeCacheKey("ada", 2))).isFalse();
        assertThat(jcache.containsKey(new CompositeCacheKey("bob", 1))).isTrue();
        assertThat(statistics().getCacheHits()).as("finding the keys is not a read").isEqualTo(hitsBefore);
    }

    @Test
    void invalidationIsLazyToo() {
        cache.get("k", key -> "v").await().indefinitely();
        Uni<Void> invalidation = cache.invalidate("k");

        assertThat(jcache.containsKey("k")).isTrue();
        invalidation.await().indefinitely();
        assertThat(jcache.containsKey("k")).isFalse();
    }

    @Test
    void asReachesTheDocstoreCacheAndItsIndexes() {
        io.quarkus.cache.Cache asQuarkusSeesIt = cache;

        DocstoreQuarkusCache docstore = asQuarkusSeesIt.as(DocstoreQuarkusCache.class);

        assertThat(docstore.getName()).isEqualTo("books");
        assertThat(docstore.jcache()).isSameAs(jcache);
        assertThat(docstore.documents().getName()).isEqualTo("books");
        assertThat(docstore.getDefaultKey()).isEqualTo(docstore.getDefaultKey());
        assertThatThrownBy(() -> asQuarkusSeesIt.as(io.quarkus.cache.CaffeineCache.class))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nullKeysAreRefusedWithQuarkusMessage() {
        assertThatThrownBy(() -> cache.get(null, key -> "v")).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("Null keys");
        assertThatThrownBy(() -> cache.invalidate(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aValueTheCacheCannotHoldFailsTheCallerAndLeavesNoLoadBehind() {
        DocstoreConfiguration<Object, Object> byValue = new DocstoreConfiguration<>();
        byValue.setTypes(Object.class, Object.class);
        byValue.setStoreByValue(true);
        DocstoreQuarkusCache copying = new DocstoreQuarkusCache(manager.createCache("copying", byValue));

        assertThatThrownBy(() -> copying.get("k", key -> new Object()).await().indefinitely())
                .as("store-by-value cannot copy what is not serialisable").isInstanceOf(javax.cache.CacheException.class);
        assertThat(copying.get("k", key -> "fine").await().indefinitely()).isEqualTo("fine");
    }

    private CacheStatisticsMXBean statistics() {
        return jcache.unwrap(dev.docstore.jcache.DocstoreCache.class).statistics();
    }
}
