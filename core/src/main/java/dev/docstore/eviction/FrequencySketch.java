package dev.docstore.eviction;

/**
 * How often each key was seen lately, estimated in a fixed amount of memory: a count-min sketch of 4-bit counters
 * (saturating at 15), four per key, in a table of longs sized to the number of keys the cache holds.
 *
 * <p>Four bits suffice because admission only compares a newcomer with a victim: telling "seen a few times" from "seen
 * often" matters, exact counts do not. A key's estimate is the least of its four counters, so a collision can only
 * raise it. After {@link #sampleSize()} increments every counter is halved: old popularity fades, so a key that was hot
 * once cannot hold its place forever, and the counters stay far from saturation.
 */
final class FrequencySketch {
    static final int MAXIMUM_FREQUENCY = 15;
    /** How many increments, per counted key of capacity, make one aging period. */
    static final int SAMPLES_PER_KEY = 10;
    private static final int MAXIMUM_TABLE_LENGTH = 1 << 30;
    private static final int COUNTERS_PER_KEY = 4;
    /** Clears the bit that halving shifts from one 4-bit counter into its neighbour. */
    private static final long HALVING_MASK = 0x7777_7777_7777_7777L;
    /** The low bit of each counter, whose loss on halving makes the increment count drift. */
    private static final long LOW_BITS = 0x1111_1111_1111_1111L;
    /** Odd multipliers that give each of a key's four counters an independent position. */
    private static final long[] ROW_SEEDS = {
        0x9E37_79B9_7F4A_7C15L, 0xC2B2_AE3D_27D4_EB4FL, 0x1656_67B1_9E37_79F9L, 0xD6E8_FEB8_6659_FD93L};

    private long[] table;
    private int tableMask;
    private long capacity;
    private int sampleSize;
    private int incrementsInPeriod;

    /** A sketch for about {@code capacity} distinct keys. */
    FrequencySketch(long capacity) {
        resize(Math.max(1, capacity));
    }

    /** How many distinct keys the table is sized for. */
    long capacity() {
        return capacity;
    }

    /** How many increments make one aging period (after which all counters are halved). */
    int sampleSize() {
        return sampleSize;
    }

    /**
     * Grows the table for at least {@code keys} distinct keys, forgetting the counts seen so far (a rare event: the
     * table only grows, by doubling, when a cache bounded by weight holds more keys than expected).
     */
    void ensureCapacity(long keys) {
        if (keys > capacity && table.length < MAXIMUM_TABLE_LENGTH) {
            resize(Math.max(keys, capacity * 2));
        }
    }

    private void resize(long keys) {
        int length = (int) Math.min(MAXIMUM_TABLE_LENGTH, Long.highestOneBit(Math.max(16, keys - 1)) << 1);
        table = new long[length];
        tableMask = length - 1;
        capacity = keys;
        sampleSize = (int) Math.min(Integer.MAX_VALUE, SAMPLES_PER_KEY * keys);
        incrementsInPeriod = 0;
    }

    /** The estimated number of times {@code key} was seen in the current aging period, 0 to 15. */
    int frequency(Object key) {
        long hash = spread(key.hashCode());
        int frequency = MAXIMUM_FREQUENCY;
        for (int row = 0; row < COUNTERS_PER_KEY; row++) {
            long position = position(hash, row);
            frequency = Math.min(frequency, (int) ((table[index(position)] >>> shift(position)) & 0xF));
        }
        return frequency;
    }

    /** Counts one more sighting of {@code key}. */
    void increment(Object key) {
        long hash = spread(key.hashCode());
        boolean counted = false;
        for (int row = 0; row < COUNTERS_PER_KEY; row++) {
            long position = position(hash, row);
            int index = index(position);
            int shift = shift(position);
            if (((table[index] >>> shift) & 0xF) < MAXIMUM_FREQUENCY) {
                table[index] += 1L << shift;
                counted = true;
            }
        }
        // a key whose counters are all saturated adds nothing, so it does not bring the next aging closer
        if (counted && ++incrementsInPeriod >= sampleSize) {
            age();
        }
    }

    /** Ages every counter by halving it, and the period's count with them (less the halves lost to rounding down). */
    void age() {
        int oddCounters = 0;
        for (int i = 0; i < table.length; i++) {
            oddCounters += Long.bitCount(table[i] & LOW_BITS);
            table[i] = (table[i] >>> 1) & HALVING_MASK;
        }
        incrementsInPeriod = (incrementsInPeriod - (oddCounters / COUNTERS_PER_KEY)) / 2;
    }

    /** Mixes a possibly poor hashCode (small integers, for one) so all of its bits decide the counters' positions. */
    private static long spread(int hashCode) {
        long hash = hashCode * 0xBF58_476D_1CE4_E5B9L;
        return hash ^ (hash >>> 31);
    }

    private static long position(long hash, int row) {
        long mixed = (hash + ROW_SEEDS[row]) * ROW_SEEDS[(row + 1) % COUNTERS_PER_KEY];
        return mixed ^ (mixed >>> 29);
    }

    private int index(long position) {
        return (int) (position >>> 32) & tableMask;
    }

    /** Which of the 16 counters in the long: the low bits of the position, independent of the index's high bits. */
    private static int shift(long position) {
        return ((int) position & 0xF) << 2;
    }
}
