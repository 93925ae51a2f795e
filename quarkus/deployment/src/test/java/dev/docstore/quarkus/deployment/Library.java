package dev.docstore.quarkus.deployment;

import io.quarkus.cache.CacheInvalidate;
import io.quarkus.cache.CacheInvalidateAll;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bean whose methods carry quarkus-cache's annotations, counting how often each body runs. Asynchronous lookups
 * answer with futures the test completes ({@link #pending}), so a test decides when a load finishes.
 */
@Singleton
public class Library {
    final AtomicInteger titleCalls = new AtomicInteger();
    final AtomicInteger shelfCalls = new AtomicInteger();
    final AtomicInteger catalogueCalls = new AtomicInteger();
    final AtomicInteger missingCalls = new AtomicInteger();
    final AtomicInteger asyncCalls = new AtomicInteger();
    final Map<String, CompletableFuture<String>> pending = new ConcurrentHashMap<>();

    @CacheResult(cacheName = "books")
    public Map<String, Object> book(String isbn) {
        titleCalls.incrementAndGet();
        return Map.of("isbn", isbn, "title", "Title of " + isbn, "author", isbn.startsWith("b") ? "Bloch" : "Gamma");
    }

    @CacheResult(cacheName = "books")
    public String shelf(@CacheKey String room, @CacheKey int row) {
        shelfCalls.incrementAndGet();
        return room + "/" + row;
    }

    @CacheResult(cacheName = "catalogue")
    public String catalogue() {
        catalogueCalls.incrementAndGet();
        return "catalogue #" + catalogueCalls.get();
    }

    @CacheResult(cacheName = "books")
    public String missing(String isbn) {
        missingCalls.incrementAndGet();
        return null;
    }

    @CacheResult(cacheName = "books")
    public String failing(String isbn) {
        throw new IllegalArgumentException("no book " + isbn);
    }

    @CacheInvalidate(cacheName = "books")
    public void forget(String isbn) {
    }

    @CacheInvalidateAll(cacheName = "books")
    public void forgetAll() {
    }

    @CacheResult(cacheName = "async")
    public Uni<String> summary(String isbn) {
        asyncCalls.incrementAndGet();
        return Uni.createFrom().completionStage(pending.computeIfAbsent(isbn, key -> new CompletableFuture<>()));
    }

    @CacheResult(cacheName = "async")
    public CompletionStage<String> review(String isbn) {
        asyncCalls.incrementAndGet();
        return pending.computeIfAbsent(isbn, key -> new CompletableFuture<>());
    }
}
