package dev.docstore.index;

import java.util.List;

/**
 * An index's definition and figures at one moment.
 *
 * @param name            the index name
 * @param paths           the field paths, in order
 * @param unique          whether it is unique
 * @param ready           whether it is complete and used by queries (false while it is built)
 * @param entries         entries held: one per tuple per version, old versions kept for snapshots included
 * @param distinctTuples  distinct tuples
 * @param estimatedBytes  estimated heap held by the entries
 * @param unindexable     values skipped because a field held something that has no place in the value order
 * @param lookups         exact lookups served
 * @param rangeScans      other scans served (ranges, prefixes, counts)
 * @param queryNanos      total time spent in lookups and scans
 * @param p99QueryNanos   the time 99% of lookups and scans took at most (to within a factor of two)
 */
public record IndexInfo(String name, List<String> paths, boolean unique, boolean ready, long entries,
                        long distinctTuples, long estimatedBytes, long unindexable, long lookups, long rangeScans,
                        long queryNanos, long p99QueryNanos) {
    public IndexInfo {
        paths = List.copyOf(paths);
    }

    /** Mean time of a lookup or scan, in nanoseconds; 0 before the first. */
    public double meanQueryNanos() {
        long queries = lookups + rangeScans;
        return queries == 0 ? 0 : (double) queryNanos / queries;
    }
}
