package dev.docstore.index;

import java.util.concurrent.atomic.LongAdder;

/**
 * Query times in power-of-two buckets of nanoseconds: recording is one {@link LongAdder} increment, and a percentile is
 * read as the upper edge of the bucket it falls in (so it is exact to within a factor of two). Thread-safe.
 */
final class LatencyHistogram {
    private static final int BUCKETS = 64;

    private final LongAdder[] counts = new LongAdder[BUCKETS];

    LatencyHistogram() {
        for (int i = 0; i < BUCKETS; i++) {
            counts[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        counts[bucket(Math.max(1, nanos))].increment();
    }

    private static int bucket(long nanos) {
        return 63 - Long.numberOfLeadingZeros(nanos);
    }

    /** The time below which {@code fraction} of the recorded times fall, in nanoseconds; 0 when none. */
    long percentile(double fraction) {
        long[] snapshot = new long[BUCKETS];
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            snapshot[i] = counts[i].sum();
            total += snapshot[i];
        }
        if (total == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(fraction * total);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += snapshot[i];
            if (seen >= rank) {
                return i == 62 ? Long.MAX_VALUE : (1L << (i + 1)) - 1;
            }
        }
        return Long.MAX_VALUE;
    }
}
