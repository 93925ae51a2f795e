package dev.docstore.cluster.query;

import dev.docstore.cluster.StoredEntry;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The figures of a cluster cache's indexes: what the indexes hold, counted cluster-wide from the documents (entries
 * one per tuple, distinct tuples, documents skipped as unindexable), and what this JVM asked of them (look-ups, other
 * scans, time). The counts are a walk of the documents at the moment {@code indexes()} is called, because the
 * members' Hazelcast indexes hold one attribute each, not docstore's tuples; heap estimates are left at 0.
 *
 * <p>Thread-safe: the counters are {@link LongAdder}s in a concurrent map, one set per index name.
 */
final class IndexFigures {
    private final Map<String, Usage> usage = new ConcurrentHashMap<>();

    /** What this JVM asked of one index. */
    private static final class Usage {
        final LongAdder lookups = new LongAdder();
        final LongAdder rangeScans = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    /** Counts one look-up ({@code exact}) or other scan of {@code index} that started at {@code startedNanos}. */
    void record(String index, boolean exact, long startedNanos) {
        Usage counters = usage.computeIfAbsent(index, name -> new Usage());
        (exact ? counters.lookups : counters.rangeScans).increment();
        counters.nanos.add(System.nanoTime() - startedNanos);
    }

    /** The figures of each of {@code indexes} over {@code documents} (the live ones). */
    List<IndexInfo> of(List<IndexDefinition> indexes, Collection<StoredEntry> documents) {
        return indexes.stream().map(index -> of(index, documents)).toList();
    }

    private IndexInfo of(IndexDefinition index, Collection<StoredEntry> documents) {
        long entries = 0;
        long unindexable = 0;
        TreeSet<Object> distinct = new TreeSet<>(DocumentTuples::compare);
        for (StoredEntry document : documents) {
            List<Object> tuples = DocumentTuples.of(index, document.value());
            if (tuples == DocumentTuples.UNINDEXABLE) {
                unindexable++;
            }
            entries += tuples.size();
            distinct.addAll(tuples);
        }
        Usage counters = usage.getOrDefault(index.name(), new Usage());
        return new IndexInfo(index.name(), index.pathNames(), false, true, entries, distinct.size(), 0, unindexable,
                counters.lookups.sum(), counters.rangeScans.sum(), counters.nanos.sum(), 0);
    }
}
