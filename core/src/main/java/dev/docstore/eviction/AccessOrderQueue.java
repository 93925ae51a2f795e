package dev.docstore.eviction;

/**
 * A doubly linked list of nodes from least to most recently used, linked through the nodes themselves (no list cells
 * to allocate), which also sums its nodes' weights so the policy can compare a region to its maximum in O(1).
 */
final class AccessOrderQueue<K> {
    private PolicyNode<K> leastRecent;
    private PolicyNode<K> mostRecent;
    private long weight;
    private int size;

    /** The node that has gone unused the longest, or null when empty. */
    PolicyNode<K> leastRecent() {
        return leastRecent;
    }

    long weight() {
        return weight;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void addMostRecent(PolicyNode<K> node) {
        node.lessRecent = mostRecent;
        node.moreRecent = null;
        if (mostRecent == null) {
            leastRecent = node;
        } else {
            mostRecent.moreRecent = node;
        }
        mostRecent = node;
        weight += node.weight;
        size++;
    }

    void remove(PolicyNode<K> node) {
        if (node.lessRecent == null) {
            leastRecent = node.moreRecent;
        } else {
            node.lessRecent.moreRecent = node.moreRecent;
        }
        if (node.moreRecent == null) {
            mostRecent = node.lessRecent;
        } else {
            node.moreRecent.lessRecent = node.lessRecent;
        }
        node.lessRecent = null;
        node.moreRecent = null;
        weight -= node.weight;
        size--;
    }

    void moveToMostRecent(PolicyNode<K> node) {
        if (node != mostRecent) {
            remove(node);
            addMostRecent(node);
        }
    }

    /** Accounts for a node of this queue whose weight changed by {@code delta}; the node's field is the caller's. */
    void reweigh(long delta) {
        weight += delta;
    }
}
