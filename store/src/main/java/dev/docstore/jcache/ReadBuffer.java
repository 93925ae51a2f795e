package dev.docstore.jcache;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Where a bounded cache's {@code get} hits wait to be replayed into the eviction policy: a lossy, striped set of
 * bounded ring buffers, the design of Caffeine's {@code StripedBuffer}/{@code BoundedBuffer} (written anew here).
 * Recording a read takes no lock and allocates nothing: a thread picks a stripe by its id, claims a slot with one CAS
 * on the stripe's write counter and publishes the key in it. When the stripe is full the read overwrites the slots in
 * turn (the oldest read waiting is dropped), so a full stripe holds its latest reads: the policy only needs a sample of the access pattern to rank keys, and a lost hit costs a little hit ratio, never
 * correctness.
 *
 * <p>Why a buffer rather than sampling one read in N: a buffer keeps every read while the policy keeps up, and sheds
 * reads only under contention, where sampling would throw most of them away always.
 *
 * <p>Concurrency: {@link #offer} is lock-free and may be called by any thread; {@link #drainTo} must be called by one
 * thread at a time (the owner holds the policy lock). A slot claimed but not yet published stops the drain of its
 * stripe there; the next drain picks it up. A read written into a full stripe may race with a drain and be lost, or be
 * left in a slot that a later claim overwrites or a later drain replays once: a read that did happen, late.
 */
final class ReadBuffer<K> {
    /**
     * Slots per stripe; a power of two. Large enough for the reads a thread makes between two writes of a cache that
     * fills on its misses (a 91% hit ratio is a run of 11 hits on average, and runs are often longer): with 16, the
     * replay of the sprite trace through a cache lost 2.5 points of hit ratio to dropped reads; with 128, none.
     */
    static final int STRIPE_SIZE = 128;
    /**
     * Reads into a full stripe per drain that a reader runs (a power of two). Replaying a read costs a few cache misses,
     * several times a {@code get}, so under a storm of reads with no write to drain the buffer, a stripe's 128 reads
     * reach the policy for 2,048 that only overwrite slots (one read in 17). Counted, not drawn at random: a random
     * draw per read cost more than the rest of the read's recording.
     */
    static final int FULL_READS_PER_DRAIN = 2048;
    private static final int MASK = STRIPE_SIZE - 1;

    private final int stripeMask;
    /**
     * Per stripe, at index {@code stripe * 16}: the count of slots claimed, then (at + 4) of reads that found the stripe
     * full, then (at + 8, on the next cache line: the drainer writes it) of slots drained.
     */
    private final AtomicLongArray counters;
    private final AtomicReferenceArray<K> slots;

    ReadBuffer() {
        int stripes = Integer.highestOneBit(Math.max(1, Runtime.getRuntime().availableProcessors()) * 4 - 1) << 1;
        stripeMask = stripes - 1;
        // 16 longs per stripe keeps two stripes' counters off one cache line
        counters = new AtomicLongArray(stripes * 16);
        slots = new AtomicReferenceArray<>(stripes * STRIPE_SIZE);
    }

    /**
     * Records a read of {@code key}; true when the caller should drain the buffer now: once every
     * {@value #FULL_READS_PER_DRAIN} reads that found the stripe full.
     */
    boolean offer(K key) {
        long id = Thread.currentThread().getId();
        int stripe = (int) (id ^ (id >>> 16) ^ (id * 0x9E37_79B9L >>> 32)) & stripeMask;
        int writeAt = stripe * 16;
        long written = counters.get(writeAt);
        long read = counters.get(writeAt + 8);
        if (written - read >= STRIPE_SIZE) {
            // full: the read overwrites the slots in turn, so the stripe holds its latest reads, the ones that order
            // the policy's queues at the next eviction (dropping it would keep the oldest). A plain count, on the
            // stripe's own line: a race between two threads of one stripe only misplaces a read.
            long overflow = counters.getPlain(writeAt + 4) + 1;
            counters.setPlain(writeAt + 4, overflow);
            slots.lazySet(stripe * STRIPE_SIZE + (int) (overflow & MASK), key);
            return (overflow & (FULL_READS_PER_DRAIN - 1)) == 0;
        }
        if (counters.compareAndSet(writeAt, written, written + 1)) {
            slots.lazySet(stripe * STRIPE_SIZE + (int) (written & MASK), key);
        }
        // else contended: drop this read rather than spin; another thread just recorded one in its place
        return false;
    }

    /** Hands every published read to {@code consumer} and frees its slot; one thread at a time. */
    void drainTo(Consumer<K> consumer) {
        int stripes = stripeMask + 1;
        for (int stripe = 0; stripe < stripes; stripe++) {
            int writeAt = stripe * 16;
            long read = counters.get(writeAt + 8);
            long written = counters.get(writeAt);
            for (; read < written; read++) {
                int slot = stripe * STRIPE_SIZE + (int) (read & MASK);
                K key = slots.get(slot);
                if (key == null) {
                    break; // claimed, not yet published: resume there next time
                }
                slots.lazySet(slot, null);
                consumer.accept(key);
            }
            counters.lazySet(writeAt + 8, read);
        }
    }
}
