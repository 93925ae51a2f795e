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
 */
public record IndexInfo(String name, List<String> paths, boolean unique, boolean ready, long entries,
                        long distinctTuples, long estimatedBytes, long unindexable, long lookups, long rangeScans,
                        long queryNanos) {
}
