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
    final long maximum;
    private long windowMaximum;
    private long protectedMaximum;

    Regions(long maximum, double initialWindowFraction) {
        this.maximum = maximum;
        long mainMaximum = (long) (maximum * (1 - initialWindowFraction));
        // a window of at least one unit, or every newcomer would meet admission before it could be hit once
        windowMaximum = Math.max(Math.min(1, maximum), maximum - mainMaximum);
        protectedMaximum = (long) ((maximum - windowMaximum) * PROTECTED_FRACTION);
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
        demoteFromProtected();
    }
}
