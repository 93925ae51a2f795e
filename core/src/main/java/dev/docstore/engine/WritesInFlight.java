package dev.docstore.engine;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Counts the commits under way, so that a change to what the write path does (attaching an observer, an observer
 * adding an index) can wait until every commit that began before the change has finished.
 *
 * <p>Concurrency: commits enter and exit on a counter striped by thread (padded against false sharing), under the
 * current <em>epoch</em>. {@link #awaitEarlier()} moves to the next epoch and waits until the previous epoch's
 * counters reach zero. A commit that entered the previous epoch but reads the new one backs out and re-enters, so the
 * previous epoch's counters only fall once the flip is seen. Waiters are serialised; commits never block.
 */
final class WritesInFlight {
    private static final int STRIPES = 32;
    private static final int PADDING = 16;

    private final AtomicIntegerArray[] counters = {
            new AtomicIntegerArray(STRIPES * PADDING), new AtomicIntegerArray(STRIPES * PADDING)};
    private volatile int epoch;

    /** Enters a commit; pass the result to {@link #exit(int)}. */
    int enter() {
        int slot = (int) (Thread.currentThread().getId() & (STRIPES - 1)) * PADDING;
        while (true) {
            int current = epoch;
            AtomicIntegerArray counter = counters[current & 1];
            counter.incrementAndGet(slot);
            if (epoch == current) {
                return (current & 1) * STRIPES * PADDING + slot;
            }
            counter.decrementAndGet(slot);
        }
    }

    void exit(int ticket) {
        int stripes = STRIPES * PADDING;
        counters[ticket / stripes].decrementAndGet(ticket % stripes);
    }

    /** Returns once every commit that entered before this call has exited. Must not be called from a commit. */
    synchronized void awaitEarlier() {
        int previous = epoch;
        epoch = previous + 1;
        AtomicIntegerArray counter = counters[previous & 1];
        for (int slot = 0; slot < STRIPES * PADDING; slot += PADDING) {
            while (counter.get(slot) != 0) {
                Thread.onSpinWait();
            }
        }
    }
}
