package dev.docstore.eviction;

/**
 * The policy's four queues, their weights and the maximums that split the cache between them: the window gets
 * {@code windowMaximum}, the main space the rest, of which the protected segment may hold up to
 * {@code protectedMaximum} and probation whatever protected leaves.
 *
 * <p>The maximums are targets, not hard limits: a resize only changes them, and the queues follow as entries arrive
 * and leave (the window's excess moves to probation when the policy next looks for a victim, the main space's by
 * eviction). Moving many entries at once on each resize would only churn the queues.
 */
final class Regions<K> {
    /** The share of the main space that protected may take: most of it, so entries hit twice are kept long. */
    static final double PROTECTED_FRACTION = 0.8;

    final AccessOrderQueue<K> window = new AccessOrderQueue<>();
    final AccessOrderQueue<K> probation = new AccessOrderQueue<>();
    final AccessOrderQueue<K> protectedSegment = new AccessOrderQueue<>();
    final AccessOrderQueue<K> overweight = new AccessOrderQueue<>();
    /** Changed only by {@link #resize}: the policy's owner may change its bound at run time. */
    long maximum;
    private final double initialWindowFraction;
    /**
     * The window's share of the maximum as the hill climber last set it. Kept apart from {@code windowMaximum}, whose
     * one-unit floor makes the share of a tiny maximum meaningless (a maximum of 1 has a window of 100%).
     */
    private double windowShare;
    private long windowMaximum;
    private long protectedMaximum;

    Regions(long maximum, double initialWindowFraction) {
        this.maximum = maximum;
        this.initialWindowFraction = initialWindowFraction;
        windowShare = initialWindowFraction;
        windowMaximum = initialWindowMaximum(maximum);
        protectedMaximum = initialProtectedMaximum(maximum);
    }

    private long initialWindowMaximum(long maximum) {
        long mainMaximum = (long) (maximum * (1 - initialWindowFraction));
        // a window of at least one unit, or every newcomer would meet admission before it could be hit once
        return Math.max(Math.min(1, maximum), maximum - mainMaximum);
    }

    private long initialProtectedMaximum(long maximum) {
        return (long) ((maximum - initialWindowMaximum(maximum)) * PROTECTED_FRACTION);
    }

    long windowMaximum() {
        return windowMaximum;
    }

    long mainMaximum() {
        return maximum - windowMaximum;
    }

    long protectedMaximum() {
        return protectedMaximum;
    }

    long totalWeight() {
        return window.weight() + mainWeight() + overweight.weight();
    }

    long mainWeight() {
        return probation.weight() + protectedSegment.weight();
    }

    AccessOrderQueue<K> queueOf(Region region) {
        switch (region) {
            case WINDOW:
                return window;
            case PROBATION:
                return probation;
            case PROTECTED:
                return protectedSegment;
            default:
                return overweight;
        }
    }

    void add(PolicyNode<K> node, Region region) {
        node.region = region;
        queueOf(region).addMostRecent(node);
    }

    void remove(PolicyNode<K> node) {
        queueOf(node.region).remove(node);
    }

    /** Moves a node to the most recent end of another region's queue. */
    void transfer(PolicyNode<K> node, Region to) {
        remove(node);
        add(node, to);
    }

    /** Sets a node's weight, keeping its queue's sum right. */
    void reweigh(PolicyNode<K> node, long weight) {
        queueOf(node.region).reweigh(weight - node.weight);
        node.weight = weight;
    }

    /** Demotes protected's least recent entries to probation until protected is within its maximum. */
    void demoteFromProtected() {
        while (protectedSegment.weight() > protectedMaximum) {
            transfer(protectedSegment.leastRecent(), Region.PROBATION);
        }
    }

    /**
     * Grows (positive) or shrinks (negative) the window by up to {@code delta}, taking from or giving to the protected
     * segment, and keeping the window at one unit at least.
     */
    void resizeWindow(long delta) {
        long applied = delta > 0
                ? Math.min(delta, protectedMaximum)
                : -Math.min(-delta, Math.max(0, windowMaximum - 1));
        windowMaximum += applied;
        protectedMaximum -= applied;
        if (applied != 0) {
            windowShare = (double) windowMaximum / maximum;
        }
        demoteFromProtected();
    }

    /**
     * Sets a new maximum, keeping the window's share of it as the hill climber left it. Protected gets what the initial
     * split for the new maximum gives it, less what the window took beyond its own initial size (or plus what it gave
     * back): the same trade the climber makes with {@link #resizeWindow}, so the climber's work carries over. The
     * window keeps one unit at least, and at most what that trade allows; protected's excess is demoted now, the rest
     * of the queues follow as for any resize.
     */
    void resize(long newMaximum) {
        long initialWindow = initialWindowMaximum(newMaximum);
        long initialProtected = initialProtectedMaximum(newMaximum);
        long window = Math.max(Math.min(1, newMaximum), Math.round(newMaximum * windowShare));
        maximum = newMaximum;
        windowMaximum = Math.min(window, initialWindow + initialProtected);
        protectedMaximum = initialProtected - (windowMaximum - initialWindow);
        demoteFromProtected();
    }
}
