package dev.docstore.jcache;

import dev.docstore.eviction.WindowTinyLfuPolicy;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Predicate;
import javax.cache.event.CacheEntryListenerException;
import org.jspecify.annotations.Nullable;

/**
 * The bound of a bounded cache: its {@link WindowTinyLfuPolicy W-TinyLFU policy}, behind one lock, and the buffer of
 * reads waiting to reach it. {@link CacheLifecycle} creates one only when the configuration sets a maximum size or
 * weight; an unbounded cache has none, and its hot paths pay a null check.
 *
 * <p>How it is driven ({@link KeyedWrites} does all of it):
 * <ul>
 *   <li><b>Reads</b>: a {@code get} or {@code getAll} hit, or an access under the key's lock (an entry processor
 *       that only reads), calls {@link #recordRead}, which puts the key in a lossy striped {@link ReadBuffer}, with
 *       no lock and no allocation; the buffer is replayed into the policy by the next write, or now and then by a
 *       reader that finds its stripe full and wins a {@code tryLock} (see {@link #recordRead}: under a storm of
 *       reads, most are dropped).</li>
 *   <li><b>Writes</b>: after the store succeeded, still under the key's lock, {@link #recordWrite} and
 *       {@link #recordRemoval}; every removal of any kind is recorded, and the blind lock-free {@code put} is off on
 *       a bounded cache, so that every write of a key is recorded in the key's order.</li>
 *   <li><b>Evictions</b>: after the write let go of its key's lock, the writer runs {@link #evict}: it takes each
 *       victim the policy names and removes it through the engine's write path ({@link Evictions}: a conditional
 *       removal under the victim's key lock, so a snapshot still sees it and its index entries leave like any
 *       removal's), then confirms it with {@link #recordRemoval}, until there is no victim. On a cache with expiry,
 *       expired entries go first, as expired (EXPIRED, not an eviction).</li>
 * </ul>
 *
 * <p><b>What listeners see.</b> An eviction is reported to REMOVED listeners, with the evicted value as the old
 * value, and counted once in {@code CacheEvictions}. JSR-107 1.1.1 has no eviction event: {@code EventType} is
 * CREATED, UPDATED, REMOVED and EXPIRED, the specification leaves eviction to implementations, and the only
 * "evicted" it names is {@code CacheEntryExpiredListener}'s "evicted due to expiration", which a size eviction is not.
 * Caffeine's JCache provider ({@code JCacheEvictionListener}) publishes a size eviction as REMOVED; Ehcache 3's
 * JSR-107 layer ({@code EventListenerAdaptors}) maps only its REMOVED and EXPIRED events, so evictions are silent
 * there. We follow Caffeine: a listener that mirrors the cache (a near cache, an index kept elsewhere) must learn that
 * an entry left, and REMOVED is the type whose meaning ("the entry was removed") fits.
 *
 * <p>Concurrency: {@link #recordRead} is lock-free. Every other method takes the policy lock, briefly, and runs no
 * user code under it (weighers run before, listeners after). Lock order: a key's lock, then the policy lock, never
 * the reverse; eviction takes a victim's key lock while holding no policy lock, and never waits for it without a
 * limit (a short spin of {@code tryLock}, see {@link Evictions}).
 *
 * <p><b>Slack.</b> While writes run, the entry count may exceed the bound by about one entry per writing thread (its
 * insert is in the store before its eviction loop runs). A victim whose key lock stays taken past a short spin (its
 * holder is writing it, maybe descheduled, maybe running a listener) is passed over, and the policy names another:
 * a busy key never stalls eviction for everyone. Only a loop that finds {@value #MAXIMUM_SKIPS} busy victims in a
 * row stops and leaves the rest to the next write. At quiescence the cache is within its bound.
 */
final class CacheBound<K, V> {
    /** Busy victims one eviction loop passes over before it leaves the rest to later writes. */
    static final int MAXIMUM_SKIPS = 8;
    private final ReentrantLock lock = new ReentrantLock();
    private final WindowTinyLfuPolicy<K> policy;
    private final @Nullable Weigher<K, V> weigher;
    private final ReadBuffer<K> reads = new ReadBuffer<>();
    private final Consumer<K> replay;
    /**
     * The policy's next victim as of its last change, or {@code null} while the cache is within its bound: written
     * under the lock after every write and removal the policy records, read without it by the eviction loop, so a
     * write that leaves the cache within its bound costs one lock, and an eviction two (its write, its removal).
     */
    private volatile @Nullable K victim;

    private CacheBound(WindowTinyLfuPolicy<K> policy, @Nullable Weigher<K, V> weigher) {
        this.policy = policy;
        this.weigher = weigher;
        this.replay = policy::recordAccess;
    }

    /** The bound the configuration asks for, or {@code null} when it sets none. */
    static <K, V> @Nullable CacheBound<K, V> of(DocstoreConfiguration<K, V> configuration) {
        // a fixed seed: the policy's random admissions are then the same from run to run, so evictions reproduce
        long seed = 0x6D6F_6E6B_6579L;
        if (configuration.getMaximumSize().isPresent()) {
            return new CacheBound<>(WindowTinyLfuPolicy.boundedBySize(configuration.getMaximumSize().getAsLong(), seed),
                    null);
        }
        if (configuration.getMaximumWeight().isPresent()) {
            return new CacheBound<>(WindowTinyLfuPolicy.boundedByWeight(
                    configuration.getMaximumWeight().getAsLong(), seed), configuration.getWeigher());
        }
        return null;
    }

    /**
     * The weight of an entry about to be stored; called before the store (and outside the policy lock), so a weigher
     * that throws or answers a negative weight changes nothing.
     */
    long weigh(K key, V value) {
        if (weigher == null) {
            return 1;
        }
        long weight = weigher.weigh(key, value);
        if (weight < 0) {
            throw new IllegalArgumentException("the weigher gave key " + key + " the negative weight " + weight);
        }
        return weight;
    }

    /**
     * Records a {@code get} hit: lock-free, allocation-free. The buffer asks for a drain only once per
     * {@value ReadBuffer#FULL_READS_PER_DRAIN} reads into a full stripe (see {@link ReadBuffer}), so under a storm of
     * reads with no writes about one read in 17 reaches the policy. That sample is enough for it: every resident key
     * is counted at the rate it is read, the latest reads are the ones replayed, and nothing is evicted while nothing
     * is written. When writes come often enough to drain the buffer (a cache filling on its misses), every read
     * reaches the policy.
     */
    void recordRead(K key) {
        if (reads.offer(key) && lock.tryLock()) {
            try {
                reads.drainTo(replay);
            } finally {
                lock.unlock();
            }
        }
    }

    /** Records that {@code key} was stored with {@code weight}: an insert if it was absent, else an update. */
    void recordWrite(K key, long weight, boolean inserted) {
        lock.lock();
        try {
            reads.drainTo(replay);
            if (inserted) {
                policy.recordInsert(key, weight);
            } else {
                policy.recordUpdate(key, weight);
            }
            victim = policy.nextVictim();
        } finally {
            lock.unlock();
        }
    }

    /** Records that {@code key} left the cache, for whatever reason, or confirms an eviction. */
    void recordRemoval(K key) {
        lock.lock();
        try {
            policy.recordRemoval(key);
            victim = policy.nextVictim();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Evicts until the cache is within its bound: {@code evictor} removes each victim and confirms it with
     * {@link #recordRemoval}, or returns false when it cannot now (another thread holds the key), and the victim is
     * passed over for another (at most {@value #MAXIMUM_SKIPS} times). Called after each write, with no policy lock
     * held (the evictor runs listeners). A listener's failure does not stop the loop: the eviction stands, and the
     * failure reaches the writer at the end, as the failure of a listener of its own write would. When over the bound, {@code expiredFirst} (if any) runs before
     * a victim is chosen, to remove expired entries instead of live ones.
     */
    void evict(Predicate<K> evictor, @Nullable Runnable expiredFirst) {
        if (expiredFirst != null && victim != null) {
            expiredFirst.run();
        }
        CacheEntryListenerException failure = null;
        int skipped = 0;
        for (K next = victim; next != null; next = victim) {
            try {
                if (!evictor.test(next)) {
                    if (++skipped > MAXIMUM_SKIPS) {
                        break;
                    }
                    skip(next);
                }
            } catch (CacheEntryListenerException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Passes over {@code key}, a victim the evictor could not remove now (its key is busy), so that the policy names
     * another; if another thread removed or passed over it meanwhile, the loop goes on with whatever is pending now.
     */
    private void skip(K key) {
        lock.lock();
        try {
            if (key.equals(policy.nextVictim())) {
                policy.skipVictim();
            }
            victim = policy.nextVictim();
        } finally {
            lock.unlock();
        }
    }

    /** The resident size or weight the policy counts (for tests and figures). */
    long weightedSize() {
        lock.lock();
        try {
            return policy.weightedSize();
        } finally {
            lock.unlock();
        }
    }

    /** What the bound counts: entries, or the weights its weigher gives them; fixed when the cache is created. */
    EvictionBound.Kind kind() {
        return weigher == null ? EvictionBound.Kind.SIZE : EvictionBound.Kind.WEIGHT;
    }

    /** The bound now: its kind, maximum and weighted size, read together under the policy lock. */
    EvictionBound describe() {
        lock.lock();
        try {
            return new EvictionBound(kind(), policy.maximum(), policy.weightedSize());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Changes the maximum, under the policy lock; the caller then runs the eviction loop ({@link #evict}), which
     * removes what a lower maximum leaves over it as it removes any victim.
     */
    void setMaximum(long maximum) {
        lock.lock();
        try {
            policy.setMaximum(maximum);
            victim = policy.nextVictim();
        } finally {
            lock.unlock();
        }
    }
}
