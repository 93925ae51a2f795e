package dev.docstore.jcache;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * The {@code loadAll} calls a cache runs in the background, so that closing the cache waits for them before it closes
 * the loader they call: a load that outlived its cache would call a closed loader, or open a new connection in one
 * the cache has already released.
 *
 * <p>Thread-safe. {@link #start} and {@link #closeAndAwait} agree without a lock: {@code start} registers its load
 * before it reads the closed flag, {@code closeAndAwait} sets the flag before it reads the registered loads, so each
 * load is either refused or waited for. A load that closes its own cache (from a loader or a listener) is not waited
 * for by that close, which would otherwise wait for itself.
 */
public final class BackgroundLoads {
    private static final ThreadLocal<BackgroundLoads> RUNNING = new ThreadLocal<>();

    private final Executor executor;
    private final Set<CompletableFuture<Void>> running = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** Loads run on {@code executor}. */
    public BackgroundLoads(Executor executor) {
        this.executor = executor;
    }

    /**
     * Runs {@code load} on the executor, or, when the cache closed meanwhile, gives {@code refused} an
     * {@link IllegalStateException} instead (on the calling thread).
     */
    public void start(String cacheName, Runnable load, Consumer<RuntimeException> refused) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        running.add(done);
        if (closed) {
            running.remove(done);
            refused.accept(new IllegalStateException("cache '" + cacheName + "' was closed before its loadAll ran"));
            return;
        }
        executor.execute(() -> {
            RUNNING.set(this);
            try {
                load.run();
            } finally {
                RUNNING.remove();
                running.remove(done);
                done.complete(null);
            }
        });
    }

    /** Refuses new loads and waits until the running ones have ended (however they ended). */
    public void closeAndAwait() {
        closed = true;
        if (RUNNING.get() == this) {
            return;
        }
        for (CompletableFuture<Void> load : running) {
            load.join();
        }
    }
}
