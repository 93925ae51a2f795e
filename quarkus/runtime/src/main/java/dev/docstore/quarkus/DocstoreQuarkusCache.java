package dev.docstore.quarkus;

import dev.docstore.jcache.DocumentCache;
import io.quarkus.cache.CacheException;
import io.quarkus.cache.runtime.AbstractCache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javax.cache.Cache;

/**
 * A quarkus-cache {@link io.quarkus.cache.Cache} kept in a docstore cache ({@code quarkus.cache.type=docstore}): what
 * {@code @CacheResult}, {@code @CacheInvalidate} and {@code @CacheInvalidateAll} use, and what
 * {@code cache.as(DocstoreQuarkusCache.class)} returns to reach the JCache cache and its indexes.
 *
 * <p>Values are loaded as quarkus-cache's Caffeine backend loads them: once per key however many callers ask at the
 * same time (the others wait for that load, or time out through {@code @CacheResult(lockTimeout)}); a failed load
 * caches nothing and fails every waiting caller; {@code null} results are cached (as a marker, since JCache holds no
 * {@code null}). A synchronous loader runs on the calling thread, an asynchronous one ({@code Uni}) is subscribed on
 * it, and the result is emitted on the Vert.x context the caller subscribed on, if any.
 *
 * <p>Concurrency contract: thread-safe. Loads in flight are futures in a concurrent map, one per key. A finished load
 * writes its value while holding its future's monitor, and only if its future is still the key's one; invalidation
 * drops the future, takes its monitor once (so a write under way finishes first), then removes the entry. So an
 * invalidation that overlaps a load never leaves that load's value behind. No application code runs under a lock,
 * and the monitor is held only for one {@code put}. Hit, miss, put and removal statistics are the docstore cache's
 * (its JCache statistics): one miss and one put per load, one hit per cached answer.
 */
public final class DocstoreQuarkusCache extends AbstractCache {
    private final Cache<Object, Object> cache;
    private final ConcurrentMap<Object, CompletableFuture<Object>> loading = new ConcurrentHashMap<>();

    /** A quarkus-cache view of {@code cache}; the extension makes one per cache name. */
    public DocstoreQuarkusCache(Cache<Object, Object> cache) {
        this.cache = Objects.requireNonNull(cache, "cache must not be null");
    }

    @Override
    public String getName() {
        return cache.getName();
    }

    /** The docstore cache, as JCache sees it; {@code null} results are held in it as a marker value. */
    public Cache<Object, Object> jcache() {
        return cache;
    }

    /** The index-aware side of the docstore cache: indexes and queries over the cached values. */
    @SuppressWarnings("unchecked") // unwrap takes a raw class; a docstore cache is a DocumentCache of its own types
    public DocumentCache<Object, Object> documents() {
        return cache.unwrap(DocumentCache.class);
    }

    @Override
    public <K, V> Uni<V> get(K key, Function<K, V> valueLoader) {
        Objects.requireNonNull(key, NULL_KEYS_NOT_SUPPORTED_MSG);
        Objects.requireNonNull(valueLoader, "valueLoader must not be null");
        return Uni.createFrom().completionStage(() -> lookup(key, () -> CompletableFuture.completedFuture(
                valueLoader.apply(key)))).map(DocstoreQuarkusCache::<V>fromCacheValue);
    }

    @Override
    public <K, V> Uni<V> getAsync(K key, Function<K, Uni<V>> valueLoader) {
        Objects.requireNonNull(key, NULL_KEYS_NOT_SUPPORTED_MSG);
        Objects.requireNonNull(valueLoader, "valueLoader must not be null");
        return Uni.createFrom().deferred(() -> {
            Context subscribedOn = Vertx.currentContext();
            return Uni.createFrom().completionStage(lookup(key, () -> valueLoader.apply(key).subscribeAsCompletionStage()))
                    .emitOn(backTo(subscribedOn));
        }).map(DocstoreQuarkusCache::<V>fromCacheValue);
    }

    @Override
    public Uni<Void> invalidate(Object key) {
        Objects.requireNonNull(key, NULL_KEYS_NOT_SUPPORTED_MSG);
        return Uni.createFrom().item(() -> {
            forget(key);
            cache.remove(key);
            return null;
        });
    }

    @Override
    public Uni<Void> invalidateAll() {
        return Uni.createFrom().item(() -> {
            loading.keySet().forEach(this::forget);
            cache.removeAll();
            return null;
        });
    }

    @Override
    public Uni<Void> invalidateIf(Predicate<Object> predicate) {
        Objects.requireNonNull(predicate, "predicate must not be null");
        return Uni.createFrom().item(() -> {
            loading.keySet().stream().filter(predicate).forEach(this::forget);
            Set<Object> matching = new HashSet<>();
            // sample reads without counting hits, so finding the keys leaves the statistics as they were
            documents().sample(Integer.MAX_VALUE).forEach(entry -> {
                if (predicate.test(entry.getKey())) {
                    matching.add(entry.getKey());
                }
            });
            cache.removeAll(matching);
            return null;
        });
    }

    /**
     * The value of {@code key} in its cached form: the cached one, the one a load in flight will give, or the one
     * {@code load} gives now (this caller then being the key's only loader).
     */
    private CompletableFuture<Object> lookup(Object key, Supplier<CompletionStage<?>> load) {
        Object cached = cache.get(key);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> inFlight = loading.putIfAbsent(key, mine);
        if (inFlight != null) {
            return inFlight;
        }
        // a load may have finished between the miss and taking the key: use its value rather than load again
        Object justLoaded = cache.containsKey(key) ? cache.get(key) : null;
        if (justLoaded != null) {
            loading.remove(key, mine);
            mine.complete(justLoaded);
            return mine;
        }
        CompletionStage<?> loaded;
        try {
            loaded = load.get();
        } catch (RuntimeException | Error e) {
            fail(key, mine, e);
            return mine;
        }
        loaded.whenComplete((value, failure) -> {
            if (failure != null) {
                fail(key, mine, failure);
            } else {
                store(key, mine, toCacheValue(value));
            }
        });
        return mine;
    }

    /**
     * Writes a finished load's value, unless the load was invalidated: under the future's monitor, which an
     * invalidation that dropped the future waits for before it removes the entry (see {@link #forget}).
     */
    private void store(Object key, CompletableFuture<Object> mine, Object value) {
        try {
            synchronized (mine) {
                if (loading.get(key) == mine) {
                    cache.put(key, value);
                    loading.remove(key, mine);
                }
            }
            mine.complete(value);
        } catch (RuntimeException e) {
            fail(key, mine, e);
        }
    }

    /**
     * Drops the load in flight for {@code key}, if any, and waits until that load is not writing its value: after
     * this, the load will not write, and whatever it wrote is in the cache for the caller to remove.
     */
    private void forget(Object key) {
        CompletableFuture<Object> dropped = loading.remove(key);
        if (dropped != null) {
            awaitWrite(dropped);
        }
    }

    private static void awaitWrite(CompletableFuture<Object> load) {
        synchronized (load) {
            // nothing to do here: having held the monitor means the load's write, if it had begun, has finished
        }
    }

    private void fail(Object key, CompletableFuture<Object> mine, Throwable failure) {
        loading.remove(key, mine);
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        mine.completeExceptionally(cause instanceof RuntimeException || cause instanceof Error
                ? cause : new CacheException(cause));
    }

    /** Runs emissions on {@code context} when the caller subscribed on one and the value came on another thread. */
    private static Executor backTo(Context context) {
        return command -> {
            if (context == null || Vertx.currentContext() == context) {
                command.run();
            } else {
                context.runOnContext(ignored -> command.run());
            }
        };
    }

    private static Object toCacheValue(Object value) {
        return value == null ? NullValue.INSTANCE : value;
    }

    @SuppressWarnings("unchecked") // the caller's loader produced this value, so it has the caller's type
    private static <V> V fromCacheValue(Object value) {
        return value == NullValue.INSTANCE ? null : (V) value;
    }

    /** Stands for a cached {@code null}: an enum, so store-by-value keeps it as it is. */
    enum NullValue {
        INSTANCE
    }
}
