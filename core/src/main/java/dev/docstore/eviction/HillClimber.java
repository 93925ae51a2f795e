package dev.docstore.eviction;

/**
 * Decides how to resize the window by hill climbing on the hit rate: after each sample of requests it keeps moving the
 * window's share in the same direction if the hit rate rose, and turns back if it fell.
 *
 * <p>A recency-biased workload (bursts, loops shorter than the cache) wants a large window; a frequency-biased one
 * wants a small window and a large filtered main space. No fixed split suits both, and a workload can change its bias
 * over time. The step shrinks after each sample so the window settles near the best split, and grows back to its
 * initial size when the hit rate jumps, which signals that the workload changed and the search must resume.
 */
final class HillClimber {
    /** The first step, as a fraction of the maximum. */
    static final double INITIAL_STEP_FRACTION = 0.0625;
    /** How much each step keeps of the previous one. */
    static final double STEP_DECAY = 0.98;
    /** A change of hit rate this large between samples means the workload changed: the search restarts. */
    static final double RESTART_THRESHOLD = 0.05;
    /**
     * How many requests, per key the cache holds, make one sample. Two: short enough that the window can reach a large
     * share within one aging period of the sketch (ten requests per key), long enough that one sample's hit rate is not
     * mostly noise. Measured on the LIRS and cache2k traces, five or more left recency-biased workloads (sprite) far
     * below an LRU, and one made the hit rate of frequency-biased ones swing.
     */
    static final int SAMPLE_REQUESTS_PER_KEY = 2;

    private long hitsInSample;
    private long missesInSample;
    private double previousHitRate;
    /** The next move, signed: positive grows the window. */
    private double step;
    /** The fraction of a weight unit the moves so far have not yet applied, so small caches still move. */
    private double unappliedAdjustment;

    HillClimber(long maximum) {
        // the window starts small, so the first move is toward smaller: the search begins with frequency
        step = -INITIAL_STEP_FRACTION * maximum;
    }

    /**
     * Scales the search to a new maximum: the step is a share of the maximum, so a step sized for the old one would
     * crawl (after growing) or overshoot (after shrinking). The direction and the sample under way are kept.
     */
    void maximumChanged(long oldMaximum, long newMaximum) {
        if (oldMaximum == 0) {
            step = -INITIAL_STEP_FRACTION * newMaximum;
        } else {
            step *= (double) newMaximum / oldMaximum;
        }
    }

    void recordHit() {
        hitsInSample++;
    }

    void recordMiss() {
        missesInSample++;
    }

    /**
     * The number of weight units by which to grow (positive) or shrink (negative) the window, once a sample of
     * requests for a cache of {@code keys} keys is complete; 0 before.
     */
    long adjustment(long maximum, long keys) {
        long requests = hitsInSample + missesInSample;
        if (requests < SAMPLE_REQUESTS_PER_KEY * Math.max(1, keys)) {
            return 0;
        }
        double hitRate = (double) hitsInSample / requests;
        double change = hitRate - previousHitRate;
        double move = change >= 0 ? step : -step;
        step = Math.abs(change) >= RESTART_THRESHOLD
                ? Math.copySign(INITIAL_STEP_FRACTION * maximum, move)
                : STEP_DECAY * move;
        previousHitRate = hitRate;
        hitsInSample = 0;
        missesInSample = 0;

        unappliedAdjustment += move;
        long whole = (long) unappliedAdjustment;
        unappliedAdjustment -= whole;
        return whole;
    }
}
