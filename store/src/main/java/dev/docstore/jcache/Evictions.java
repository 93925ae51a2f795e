package dev.docstore.jcache;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.event.EventDispatcher;
import dev.docstore.jcache.expiry.Expirable;
import dev.docstore.jcache.expiry.ExpiryRules;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import javax.cache.event.EventType;

/**
 * How a bounded cache removes what its {@link CacheBound} gives up: each victim through the engine's write path, and,
 * on a cache with expiry, its expired entries before any live victim. {@link KeyedWrites} makes one per bounded cache
 * and runs {@link CacheBound#evict} with it after each write.
 *
 * <p><b>Expired first.</b> When a write takes the cache over its bound and the cache has an expiry policy, the writer
 * first removes the entries it finds expired (as expired: EXPIRED listeners, not an eviction), then evicts only if
 * still over. That scan visits every entry, so it runs at most once per {@link #EXPIRED_SCAN_INTERVAL_MILLIS} of the
 * cache's clock, the cadence of the background sweeper; an entry expired more recently than the last scan can be
 * evicted as a live one would (it is invisible to reads either way). A victim found expired is always expired.
 *
 * <p>Concurrency: called with no policy lock held (listeners run here) and possibly while the calling thread holds
 * other key locks (a nested operation), so no key lock is waited for without a limit: a victim whose lock stays taken
 * through a short spin is passed over ({@link CacheBound#evict} asks the policy for another); the expired scan skips
 * a key whose lock is taken.
 */
final class Evictions<K, V> {
    static final long EXPIRED_SCAN_INTERVAL_MILLIS = 1000;
    /** Tries at a victim's key lock: spins for the first half, yields for the second. */
    private static final int ACQUIRE_ATTEMPTS = 32;

    private final DocumentStore<K, Object> store;
    private final KeyLocks locks;
    private final ExpiryRules expiry;
    private final ValueCopies copies;
    private final CacheStatistics statistics;
    private final EventDispatcher<K, V> events;
    private final CacheBound<K, V> bound;
    private final Predicate<Entry<K, Object>> expirer;
    private final Runnable expireAll;
    private final AtomicLong nextScan = new AtomicLong(Long.MIN_VALUE);
    final Predicate<K> evictor = this::evict;
    final Runnable expiredFirst = this::expireDue;

    /**
     * {@code expirer} removes an expired entry whose key lock the caller holds, as {@link KeyedWrites#expireHeld} does
     * (EXPIRED, recorded in the bound); {@code expireAll} removes every expired entry without waiting for a key lock,
     * as {@link KeyedWrites#expireAll} does.
     */
    Evictions(DocumentStore<K, Object> store, KeyLocks locks, ExpiryRules expiry, ValueCopies copies,
              CacheStatistics statistics, EventDispatcher<K, V> events, CacheBound<K, V> bound,
              Predicate<Entry<K, Object>> expirer, Runnable expireAll) {
        this.store = store;
        this.locks = locks;
        this.expiry = expiry;
        this.copies = copies;
        this.statistics = statistics;
        this.events = events;
        this.bound = bound;
        this.expirer = expirer;
        this.expireAll = expireAll;
    }

    /** Runs the eviction loop: expired entries first (when due), then the policy's victims. */
    void run() {
        bound.evict(evictor, expiry.isEternal() ? null : expiredFirst);
    }

    /**
     * Evicts {@code victim}: removed conditionally on the version seen under its key's lock (so no write is lost),
     * confirmed to the policy in every case (or it would be offered forever), counted once and reported to REMOVED
     * listeners while that lock is held; a victim found expired is expired instead. Returns false, evicting nothing,
     * when the key's lock is taken (by another thread, or by this one further up its stack).
     */
    private boolean evict(K victim) {
        ReentrantLock lock = locks.of(victim);
        if (lock.isHeldByCurrentThread() || !acquire(lock)) {
            return false;
        }
        try {
            Entry<K, Object> entry = store.get(victim);
            boolean expired = entry != null && expiry.isExpired(entry);
            if (expired) {
                expirer.test(entry);
            }
            boolean evicted = entry != null && !expired && store.removeIfStill(victim, entry.version());
            // confirmed before any listener runs: one that throws must not leave the policy offering the victim
            bound.recordRemoval(victim);
            if (evicted) {
                statistics.eviction();
                if (events.hasListenersFor(EventType.REMOVED)) {
                    V old = copies.out(Expirable.valueOf(entry));
                    events.publish(EventType.REMOVED, victim, old, old);
                }
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes a victim's key lock without blocking for long. Its holder is most often a writer between recording its
     * key and letting go of it (a few hundred nanoseconds), so this spins, then yields, a bounded number of times
     * before giving up. Giving up at once passed over most victims of two writers that evict each other's fresh
     * keys; waiting without a bound could deadlock with a thread that holds this one's other key locks.
     */
    private static boolean acquire(ReentrantLock lock) {
        for (int attempt = 0; attempt < ACQUIRE_ATTEMPTS; attempt++) {
            if (lock.tryLock()) {
                return true;
            }
            if (attempt < ACQUIRE_ATTEMPTS / 2) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return false;
    }

    /** Removes the expired entries, if no scan ran in the last interval of the cache's clock (one thread scans). */
    private void expireDue() {
        long now = expiry.now();
        long next = nextScan.get();
        if (now < next || !nextScan.compareAndSet(next, now + EXPIRED_SCAN_INTERVAL_MILLIS)) {
            return;
        }
        expireAll.run();
    }
}
