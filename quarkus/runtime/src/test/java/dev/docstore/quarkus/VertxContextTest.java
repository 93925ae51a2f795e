package dev.docstore.quarkus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An asynchronous load that finishes on another thread delivers its value on the Vert.x context the caller
 * subscribed on, as quarkus-cache's Caffeine backend does, so request-scoped state stays where the request is.
 */
class VertxContextTest {
    private final DocstoreCachingProvider provider = new DocstoreCachingProvider();
    private Vertx vertx;
    private DocstoreQuarkusCache cache;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        DocstoreConfiguration<Object, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(Object.class, Object.class);
        configuration.setStoreByValue(false);
        cache = new DocstoreQuarkusCache(provider.getCacheManager(URI.create("urn:docstore:vertx-context-test"),
                getClass().getClassLoader()).createCache("books", configuration));
    }

    @AfterEach
    void close() {
        provider.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void theValueArrivesOnTheSubscribersContext() {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<String> load = new CompletableFuture<>();
        CompletableFuture<Context> deliveredOn = new CompletableFuture<>();
        CompletableFuture<Void> subscribed = new CompletableFuture<>();

        context.runOnContext(ignored -> {
            cache.<String, String>getAsync("k", key -> Uni.createFrom().completionStage(load))
                    .subscribe().with(value -> deliveredOn.complete(Vertx.currentContext()),
                            deliveredOn::completeExceptionally);
            subscribed.complete(null);
        });
        assertThat(subscribed).succeedsWithin(Duration.ofSeconds(10));
        load.complete("from another thread");

        assertThat(deliveredOn).succeedsWithin(Duration.ofSeconds(10)).isSameAs(context);
    }

    @Test
    void withoutAContextTheValueArrivesWhereTheLoadFinished() {
        CompletableFuture<String> load = new CompletableFuture<>();
        CompletableFuture<Thread> deliveredOn = new CompletableFuture<>();
        cache.<String, String>getAsync("k", key -> Uni.createFrom().completionStage(load))
                .subscribe().with(value -> deliveredOn.complete(Thread.currentThread()));

        load.complete("here");

        assertThat(deliveredOn).isCompletedWithValue(Thread.currentThread());
    }
}
