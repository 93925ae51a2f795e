package dev.docstore.cluster;

/**
 * What a cluster cache cannot do, and why: a unique index (no atomic check across partitions), dropping an index
 * (Hazelcast has no drop), a point-in-time snapshot (each partition is read at its own moment), a bound by weight,
 * a warm-restart file. Thrown before anything changes.
 */
public class ClusterUnsupportedException extends UnsupportedOperationException {
    private static final long serialVersionUID = 1L;

    /** {@code what} is not supported on a cluster cache, {@code why}. */
    public ClusterUnsupportedException(String what, String why) {
        super(what + " is not supported on a cluster cache: " + why);
    }
}
