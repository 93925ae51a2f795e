package dev.docstore.jcache;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The JCache statistics of one cache, updated synchronously by the operations. Counting costs nothing while
 * statistics are disabled: every recording method returns at its first instruction, a volatile read, and the cache
 * reads the clock for timings only when {@link #isEnabled()}.
 *
 * <p>Counts are exact. Average times are measured on a sample: one operation in {@value #SAMPLED} (drawn at random per
 * thread) reads the clock before and after, and an average is the mean of those it timed. Reading the clock twice
 * per operation cost about as much as a {@code get} itself; the mean of a random sample estimates the same average.
 *
 * <p>Thread-safe: {@link LongAdder} counters, which concurrent operations update without contending.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();
    private final LongAdder timedGets = new LongAdder();
    private final LongAdder timedPuts = new LongAdder();
    private final LongAdder timedRemovals = new LongAdder();
    private volatile boolean enabled;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** One operation in this many is timed. A power of two. */
    static final int SAMPLED = 8;

    /** Starting time for a timing, or 0 when this operation is not timed: reads the clock only for the sample. */
    public long start() {
        return enabled && (ThreadLocalRandom.current().nextInt() & (SAMPLED - 1)) == 0 ? System.nanoTime() : 0;
    }

    public void hit() {
        if (enabled) {
            hits.increment();
        }
    }

    public void hits(long count) {
        if (enabled) {
            hits.add(count);
        }
    }

    public void miss() {
        if (enabled) {
            misses.increment();
        }
    }

    /** A look-up of one key: a hit if it was found, else a miss. */
    public void lookup(boolean found) {
        if (found) {
            hit();
        } else {
            miss();
        }
    }

    public void put() {
        if (enabled) {
            puts.increment();
        }
    }

    public void puts(long count) {
        if (enabled) {
            puts.add(count);
        }
    }

    public void removal() {
        if (enabled) {
            removals.increment();
        }
    }

    public void eviction() {
        if (enabled) {
            evictions.increment();
        }
    }

    public void getTime(long started) {
        if (started != 0 && enabled) {
            getNanos.add(System.nanoTime() - started);
            timedGets.increment();
        }
    }

    public void putTime(long started) {
        if (started != 0 && enabled) {
            putNanos.add(System.nanoTime() - started);
            timedPuts.increment();
        }
    }

    public void removeTime(long started) {
        if (started != 0 && enabled) {
            removeNanos.add(System.nanoTime() - started);
            timedRemovals.increment();
        }
    }

    @Override
    public void clear() {
        for (LongAdder counter : new LongAdder[] {hits, misses, puts, removals, evictions, getNanos, putNanos,
                removeNanos, timedGets, timedPuts, timedRemovals}) {
            counter.reset();
        }
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : getCacheHits() * 100f / gets;
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : getCacheMisses() * 100f / gets;
    }

    @Override
    public long getCacheGets() {
        return hits.sum() + misses.sum();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
    }

    @Override
    public long getCacheEvictions() {
        return evictions.sum();
    }

    @Override
    public float getAverageGetTime() {
        return average(getNanos, timedGets);
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos, timedPuts);
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos, timedRemovals);
    }

    /** Microseconds per timed operation, as the spec's attributes are. */
    private static float average(LongAdder nanos, LongAdder timed) {
        long count = timed.sum();
        return count == 0 ? 0 : nanos.sum() / 1000f / count;
    }
}
