package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import javax.cache.CacheManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code @CacheResult} on methods returning {@code Uni} and {@code CompletionStage}: callers that subscribe while the
 * first load is in flight share it, its value is cached when it arrives, and a failed load is not cached.
 */
class AsyncCacheResultTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Library.class))
            .overrideConfigKey("quarkus.cache.type", "docstore");

    @Inject
    Library library;
    @Inject
    CacheManager jcacheManager;

    @BeforeEach
    void startEmpty() {
        jcacheManager.getCache("async").removeAll();
        library.asyncCalls.set(0);
        library.pending.clear();
    }

    @Test
    void callersDuringALoadShareItAndLaterCallersGetTheCachedValue() {
        CompletableFuture<String> first = library.summary("a-1").subscribeAsCompletionStage();
        CompletableFuture<String> second = library.summary("a-1").subscribeAsCompletionStage();
        assertThat(first).isNotDone();
        assertThat(second).isNotDone();

        library.pending.get("a-1").complete("A classic");

        assertThat(first).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("A classic");
        assertThat(second).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("A classic");
        assertThat(library.summary("a-1").await().atMost(Duration.ofSeconds(10))).isEqualTo("A classic");
        assertThat(library.asyncCalls).hasValue(1);
        assertThat(jcacheManager.getCache("async").get("a-1")).isEqualTo("A classic");
    }

    @Test
    void aFailedLoadIsNotCached() {
        CompletableFuture<String> first = library.summary("a-2").subscribeAsCompletionStage();
        library.pending.remove("a-2").completeExceptionally(new IllegalStateException("catalogue offline"));

        assertThat(first).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
                .withMessageContaining("catalogue offline");
        assertThat(jcacheManager.getCache("async").containsKey("a-2")).isFalse();

        CompletableFuture<String> retry = library.summary("a-2").subscribeAsCompletionStage();
        library.pending.get("a-2").complete("back");
        assertThat(retry).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("back");
        assertThat(library.asyncCalls).hasValue(2);
    }

    @Test
    void completionStagesAreCachedToo() {
        CompletableFuture<String> first = library.review("a-3").toCompletableFuture();
        library.pending.get("a-3").complete("five stars");

        assertThat(first).succeedsWithin(Duration.ofSeconds(10)).isEqualTo("five stars");
        assertThat(library.review("a-3").toCompletableFuture()).succeedsWithin(Duration.ofSeconds(10))
                .isEqualTo("five stars");
        assertThat(library.asyncCalls).hasValue(1);
    }
}
