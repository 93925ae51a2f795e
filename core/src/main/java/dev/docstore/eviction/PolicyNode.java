package dev.docstore.eviction;

/**
 * One resident key: its weight, its region and its links in that region's queue. A key keeps the same node from its
 * insertion to its removal, whatever queue it moves through, so the policy allocates nothing when a key is hit.
 */
final class PolicyNode<K> {
    final K key;
    long weight;
    Region region;
    PolicyNode<K> lessRecent;
    PolicyNode<K> moreRecent;

    PolicyNode(K key, long weight, Region region) {
        this.key = key;
        this.weight = weight;
        this.region = region;
    }

    @Override
    public String toString() {
        return key + " (" + weight + ", " + region + ")";
    }
}
