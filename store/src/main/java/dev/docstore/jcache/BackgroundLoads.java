package dev.docstore.jcache;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.cache.integration.CompletionListener;
import org.jspecify.annotations.Nullable;

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
     * {@code Cache.loadAll}: checks the keys, then in the background loads those that are absent (every one when
     * {@code replaceExisting}) with {@code loadAndStore}, and tells {@code listener} of the completion or of the
     * failure (a loader's wrapped as the spec requires). Without a loader it completes at once.
     *
     * @param absent       whether a key has no live entry now
     * @param loadAndStore loads the keys with the loader's {@code loadAll} and stores what it returns
     */
    public <K> void loadAll(String cacheName, Set<? extends K> keys, boolean replaceExisting,
                            @Nullable CompletionListener listener, boolean hasLoader, Predicate<K> absent,
                            Consumer<List<K>> loadAndStore) {
        requireNonNull(keys, "keys");
        keys.forEach(key -> requireNonNull(key, "a key"));
        if (!hasLoader) {
            if (listener != null) {
                listener.onCompletion();
            }
            return;
        }
        List<K> requested = new ArrayList<>(keys);
        start(cacheName, () -> {
            try {
                List<K> toLoad = requested.stream().filter(key -> replaceExisting || absent.test(key)).toList();
                if (!toLoad.isEmpty()) {
                    loadAndStore.accept(toLoad);
                }
                if (listener != null) {
                    listener.onCompletion();
                }
            } catch (RuntimeException e) {
                if (listener != null) {
                    listener.onException(IntegrationFailures.ofLoader(cacheName, "in loadAll", e));
                }
            }
        }, refused -> {
            if (listener != null) {
                listener.onException(refused);
            }
        });
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
