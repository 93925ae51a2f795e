package dev.docstore.eviction;

import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A W-TinyLFU eviction policy: which keys a cache bounded by size or by weight should evict to stay within its
 * maximum.
 *
 * <p>New keys enter a small LRU <em>window</em>. When the window overflows, its least recent key becomes a candidate
 * for the <em>main space</em>, a segmented LRU (probation, then protected once hit again), and is admitted only if the
 * {@link FrequencySketch frequency sketch} says it was seen more often lately than the key main would evict for it;
 * the loser is the victim. So a one-time scan of many keys passes through the window and never displaces the hot set
 * (scan resistance), while the window still serves bursts of recent keys. The window's share starts at 1% and is
 * adapted by a {@link HillClimber} on the hit rate. A candidate that is only warm sometimes wins against a hotter
 * victim at random, so an attacker who inflates a victim's counters through hash collisions cannot pin it; the
 * randomness is seeded, so the same calls always give the same victims.
 *
 * <p>Bounded by size, every key weighs 1 (the weights passed in are ignored); bounded by weight, each key weighs what
 * its owner says, 0 or more, and a key heavier than the maximum is the next victim as soon as it is inserted.
 *
 * <p>The owner drives the policy: {@link #recordAccess} on a hit, {@link #recordInsert} on storing a key absent
 * before (after a miss), {@link #recordUpdate} on replacing a present key's value, {@link #recordRemoval} on any
 * removal; then, after every write, it asks {@link #nextVictim} for a key, removes that key through its own write
 * path, confirms with {@link #recordRemoval}, and repeats until {@code nextVictim} returns null. The same victim is
 * returned until it is confirmed removed, or passed over with {@link #skipVictim}.
 *
 * <p>Not thread-safe: the owner makes every call under one lock (reads are recorded in buffers and replayed under
 * that lock). The policy allocates one node per key, on insertion, and reuses it until the key's removal: recording a
 * hit allocates nothing.
 *
 * @param <K> the type of keys, with the {@code equals} and {@code hashCode} of a map key
 */
public final class WindowTinyLfuPolicy<K> {
    /** The window's initial share of the maximum: small, since most workloads favour frequency. */
    static final double INITIAL_WINDOW_FRACTION = 0.01;
    /** A candidate at least this frequent may win against a hotter victim, at random (1 in 128). */
    static final int WARM_CANDIDATE_FREQUENCY = 6;
    private static final int RANDOM_ADMISSION_MASK = 127;

    private final boolean weighsEveryKeyAsOne;
    private final Map<K, PolicyNode<K>> nodes = new HashMap<>();
    private final Regions<K> regions;
    private final FrequencySketch sketch;
    private final HillClimber climber;
    private long randomState;
    private @Nullable PolicyNode<K> pendingVictim;

    private WindowTinyLfuPolicy(long maximum, boolean weighsEveryKeyAsOne, long seed) {
        if (maximum < 0) {
            throw new IllegalArgumentException("maximum " + maximum + " < 0");
        }
        this.weighsEveryKeyAsOne = weighsEveryKeyAsOne;
        regions = new Regions<>(maximum, INITIAL_WINDOW_FRACTION);
        // by size, the number of keys is known; by weight it is guessed, and the sketch grows with the keys resident
        sketch = new FrequencySketch(weighsEveryKeyAsOne ? Math.min(maximum, Integer.MAX_VALUE) : 64);
        climber = new HillClimber(maximum);
        randomState = (seed ^ 0x5DEE_CE66_DL) | 1;
    }

    /** A policy that keeps at most {@code maximumSize} keys; {@code seed} fixes its random admissions. */
    public static <K> WindowTinyLfuPolicy<K> boundedBySize(long maximumSize, long seed) {
        return new WindowTinyLfuPolicy<>(maximumSize, true, seed);
    }

    /**
     * A policy that keeps keys weighing at most {@code maximumWeight} in total; {@code seed} fixes its random
     * admissions.
     */
    public static <K> WindowTinyLfuPolicy<K> boundedByWeight(long maximumWeight, long seed) {
        return new WindowTinyLfuPolicy<>(maximumWeight, false, seed);
    }

    /** The maximum size or weight. */
    public long maximum() {
        return regions.maximum;
    }

    /**
     * Changes the maximum size or weight. The window keeps its current share of it, as the hill climber adapted it,
     * and the main space and its protected segment are recomputed around it; bounded by size, the frequency sketch grows with a larger maximum (and
     * forgets its counts, as when it grows for a cache bounded by weight); the hill climber's step is scaled to it.
     * Keys now heavier than the whole maximum become the first victims, and keys that fit again leave that queue.
     *
     * <p>After lowering, {@link #nextVictim} names victims until the resident keys are within the new maximum; after
     * raising, there may be none. A victim named before the call is chosen afresh: its owner, if it was removing it,
     * confirms the removal as any other. Visits every resident key when the maximum changes (an operator's rare act,
     * not a per-request cost).
     *
     * @throws IllegalArgumentException if {@code maximum} is negative; the policy is then unchanged
     */
    public void setMaximum(long maximum) {
        if (maximum < 0) {
            throw new IllegalArgumentException("maximum " + maximum + " < 0");
        }
        long oldMaximum = regions.maximum;
        if (maximum == oldMaximum) {
            return;
        }
        regions.resize(maximum);
        climber.maximumChanged(oldMaximum, maximum);
        if (weighsEveryKeyAsOne) {
            sketch.ensureCapacity(Math.min(maximum, Integer.MAX_VALUE));
        }
        for (PolicyNode<K> node : nodes.values()) {
            boolean tooHeavy = node.weight > maximum;
            if (tooHeavy && node.region != Region.OVERWEIGHT) {
                regions.transfer(node, Region.OVERWEIGHT);
            } else if (!tooHeavy && node.region == Region.OVERWEIGHT) {
                regions.transfer(node, Region.WINDOW);
            }
        }
        pendingVictim = null;
    }

    /** The total weight of the resident keys (their number, if bounded by size); above the maximum until victims go. */
    public long weightedSize() {
        return regions.totalWeight();
    }

    /** The number of resident keys. */
    public int size() {
        return nodes.size();
    }

    public boolean contains(K key) {
        return nodes.containsKey(key);
    }

    /** The window's current maximum: it moves as the policy adapts to the workload. */
    public long windowMaximum() {
        return regions.windowMaximum();
    }

    /** The regions themselves (for tests of their invariants). */
    Regions<K> regions() {
        return regions;
    }

    /** How many distinct keys the frequency sketch is sized for (for tests). */
    long sketchCapacity() {
        return sketch.capacity();
    }

    /** Records a read of {@code key}: a hit if resident (it moves up its queues), a miss otherwise. */
    public void recordAccess(K key) {
        sketch.increment(key);
        PolicyNode<K> node = nodes.get(key);
        if (node == null) {
            climber.recordMiss();
        } else {
            climber.recordHit();
            onHit(node);
        }
        climb();
    }

    /**
     * Records that {@code key}, absent before, was stored with {@code weight} (ignored if bounded by size): the miss
     * that loaded it is counted here. A key already resident is treated as {@link #recordUpdate}.
     */
    public void recordInsert(K key, long weight) {
        long policyWeight = checkWeight(weight);
        sketch.increment(key);
        // one hash-table operation: the owner calls this for keys it found absent, so the node is almost always used
        PolicyNode<K> node = new PolicyNode<>(key, policyWeight, Region.WINDOW);
        PolicyNode<K> resident = nodes.putIfAbsent(key, node);
        if (resident != null) {
            update(resident, policyWeight);
            return;
        }
        climber.recordMiss();
        regions.add(node, policyWeight > regions.maximum ? Region.OVERWEIGHT : Region.WINDOW);
        if (!weighsEveryKeyAsOne) {
            sketch.ensureCapacity(nodes.size());
        }
        climb();
    }

    /** Records that the value of {@code key} was replaced, now weighing {@code weight}; an absent key is inserted. */
    public void recordUpdate(K key, long weight) {
        PolicyNode<K> node = nodes.get(key);
        if (node == null) {
            recordInsert(key, weight);
        } else {
            sketch.increment(key);
            update(node, checkWeight(weight));
        }
    }

    /** Records that {@code key} was removed, for any reason; true if it was resident. */
    public boolean recordRemoval(K key) {
        PolicyNode<K> node = nodes.remove(key);
        if (node == null) {
            return false;
        }
        regions.remove(node);
        if (node == pendingVictim) {
            pendingVictim = null;
        }
        return true;
    }

    /**
     * The key to evict next, or null when the resident keys are within the maximum. The owner removes it and confirms
     * with {@link #recordRemoval}; until then, the same key is returned.
     */
    public @Nullable K nextVictim() {
        if (pendingVictim == null) {
            pendingVictim = chooseVictim();
        }
        return pendingVictim == null ? null : pendingVictim.key;
    }

    /**
     * Passes over the pending victim for now, when the owner cannot remove it yet (its key is busy, held by a writer
     * that may take a while): it moves to the most recent end of its queue, as if just used, and {@link #nextVictim}
     * chooses again (another key, unless the skipped one is all its queue offers). Nothing happens when no victim is pending. The owner bounds how often it skips in a row: with
     * every resident key busy, skipping would go round forever.
     */
    public void skipVictim() {
        PolicyNode<K> skipped = pendingVictim;
        if (skipped == null) {
            return;
        }
        pendingVictim = null;
        regions.transfer(skipped, skipped.region);
    }

    private @Nullable PolicyNode<K> chooseVictim() {
        if (!regions.overweight.isEmpty()) {
            return regions.overweight.leastRecent();
        }
        // the window's overflow goes to probation for free while the main space has room: no one need leave for it
        AccessOrderQueue<K> window = regions.window;
        while (window.weight() > regions.windowMaximum()
                && regions.mainWeight() + window.leastRecent().weight <= regions.mainMaximum()) {
            regions.transfer(window.leastRecent(), Region.PROBATION);
        }
        if (regions.totalWeight() <= regions.maximum) {
            return null;
        }
        PolicyNode<K> mainVictim = mainVictim();
        if (window.weight() <= regions.windowMaximum() || mainVictim == null) {
            return mainVictim == null ? window.leastRecent() : mainVictim;
        }
        PolicyNode<K> candidate = window.leastRecent();
        if (admits(candidate.key, mainVictim.key)) {
            regions.transfer(candidate, Region.PROBATION);
            return mainVictim;
        }
        return candidate;
    }

    /** Probation's least recent key, or protected's if probation is empty. */
    private @Nullable PolicyNode<K> mainVictim() {
        PolicyNode<K> victim = regions.probation.leastRecent();
        return victim != null ? victim : regions.protectedSegment.leastRecent();
    }

    /** TinyLFU's test: should the main space take {@code candidate} at the cost of {@code victim}? */
    private boolean admits(K candidate, K victim) {
        int candidateFrequency = sketch.frequency(candidate);
        int victimFrequency = sketch.frequency(victim);
        if (candidateFrequency > victimFrequency) {
            return true;
        }
        // Hash flooding can keep a victim's counters high; a warm candidate sometimes wins anyway, so the attack cannot
        // freeze the main space. Cold candidates never do: most are one-time keys, and letting them in would cost hits.
        return candidateFrequency >= WARM_CANDIDATE_FREQUENCY && (nextRandom() & RANDOM_ADMISSION_MASK) == 0;
    }

    private void onHit(PolicyNode<K> node) {
        switch (node.region) {
            case WINDOW:
                regions.window.moveToMostRecent(node);
                break;
            case PROBATION:
                regions.transfer(node, Region.PROTECTED);
                regions.demoteFromProtected();
                break;
            case PROTECTED:
                regions.protectedSegment.moveToMostRecent(node);
                break;
            default:
                // an overweight key waits for its eviction wherever it was hit
                break;
        }
    }

    private void update(PolicyNode<K> node, long weight) {
        regions.reweigh(node, weight);
        if (weight > regions.maximum) {
            if (node.region != Region.OVERWEIGHT) {
                regions.transfer(node, Region.OVERWEIGHT);
            }
        } else if (node.region == Region.OVERWEIGHT) {
            regions.transfer(node, Region.WINDOW);
        } else {
            onHit(node);
            regions.demoteFromProtected();
        }
    }

    private void climb() {
        long adjustment = climber.adjustment(regions.maximum, sketch.capacity());
        if (adjustment != 0) {
            regions.resizeWindow(adjustment);
        }
    }

    private long checkWeight(long weight) {
        if (weight < 0) {
            throw new IllegalArgumentException("weight " + weight + " < 0");
        }
        return weighsEveryKeyAsOne ? 1 : weight;
    }

    /** A xorshift generator: deterministic from the seed, and no allocation per draw. */
    private int nextRandom() {
        long x = randomState;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        randomState = x;
        return (int) (x >>> 32);
    }
}
