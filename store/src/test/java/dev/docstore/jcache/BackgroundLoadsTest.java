package dev.docstore.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.Closeable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import org.junit.jupiter.api.Test;

/**
 * Closing a cache while a {@code loadAll} runs in the background waits for the load before it closes the loader
 * (regression: the loader was closed under the running load, which then called it, or opened a connection the
 * closed cache no longer owned); a load that can no longer start is refused to its listener.
 */
class BackgroundLoadsTest {
    @Test
    void closingTheCacheWaitsForARunningLoadAllBeforeClosingTheLoader() throws Exception {
        BlockingLoader.reset();
        try (CacheManager manager = JCacheTesting.newManager("background-loads")) {
            Cache<String, String> cache = manager.createCache("loaded", new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)
                    .setCacheLoaderFactory(FactoryBuilder.factoryOf(BlockingLoader.class)));
            cache.loadAll(Set.of("a", "b"), false, null);
            BlockingLoader.entered.await();
            Thread closer = new Thread(cache::close, "closer");
            closer.start();
            await().until(() -> closer.getState() == Thread.State.WAITING
                    || closer.getState() == Thread.State.TERMINATED);
            BlockingLoader.release.countDown();
            closer.join();
            assertThat(BlockingLoader.events).containsExactly("load started", "load ended", "closed");
        }
    }

    @Test
    void aLoadStartedAfterCloseIsRefusedToItsListenerAndNeverRuns() {
        BackgroundLoads loads = new BackgroundLoads(Runnable::run);
        loads.closeAndAwait();
        AtomicReference<RuntimeException> refused = new AtomicReference<>();
        List<String> ran = new CopyOnWriteArrayList<>();
        loads.start("c", () -> ran.add("ran"), refused::set);
        assertThat(ran).isEmpty();
        assertThat(refused.get()).isInstanceOf(IllegalStateException.class).hasMessageContaining("'c' was closed");
    }

    @Test
    void aLoadThatClosesItsOwnCacheIsNotWaitedForByThatClose() {
        BackgroundLoads loads = new BackgroundLoads(task -> CompletableFuture.runAsync(task).join());
        List<String> ran = new CopyOnWriteArrayList<>();
        loads.start("c", () -> {
            loads.closeAndAwait();
            ran.add("closed from inside");
        }, refused -> ran.add("refused"));
        assertThat(ran).containsExactly("closed from inside");
    }

    /** A loader that blocks in {@code loadAll} until released, recording what happens to it, in order. */
    public static final class BlockingLoader implements CacheLoader<String, String>, Closeable {
        static final List<String> events = new CopyOnWriteArrayList<>();
        static CountDownLatch entered;
        static CountDownLatch release;

        static void reset() {
            events.clear();
            entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
        }

        @Override
        public String load(String key) {
            return key;
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            events.add("load started");
            entered.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.add("load ended");
            return Map.of();
        }

        @Override
        public void close() {
            events.add("closed");
        }
    }
}
