package dev.docstore.index;

import dev.docstore.engine.Entry;
import dev.docstore.engine.SnapshotReader;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Runs one scan of one index against one snapshot: narrows the index map to the range, then keeps each entry whose
 * version is the one the snapshot sees (and, on a list index, only at the first of its tuples inside the range, so a
 * document is returned once). Costs O(log n) to position plus O(entries visited).
 *
 * <p>Not thread-safe; one execution per call.
 */
final class ScanExecution<K, V> {
    /** Receives matches; returns false to stop. */
    interface Sink<K, V> {
        boolean accept(Entry<K, V> entry, IndexKey.EntryKey at);
    }

    private final OrderedIndex<K, V> index;
    private final IndexKey lower;
    private final IndexKey upper;
    private final boolean descending;
    private final boolean multiValued;

    ScanExecution(OrderedIndex<K, V> index, IndexRange range, boolean descending) {
        this.index = index;
        int arity = index.definition.arity();
        checkPrefix(range.lower(), arity);
        checkPrefix(range.upper(), arity);
        this.lower = range.lower().isUnbounded() ? null : range.lower().toKey(true);
        this.upper = range.upper().isUnbounded() ? null : range.upper().toKey(false);
        this.descending = descending;
        this.multiValued = index.definition.isMultiValued();
    }

    private void checkPrefix(Bound bound, int arity) {
        if (bound.prefix().length > arity) {
            throw new IllegalArgumentException("index '" + index.name() + "' has " + arity + " field(s) "
                    + index.definition.pathNames() + " but the bound " + bound + " has " + bound.prefix().length);
        }
    }

    /**
     * Feeds {@code sink} the matches after {@code resumeAfter} (or from the start), skipping the first
     * {@code offset}; verifies the snapshot before returning.
     */
    void run(SnapshotReader<K, V> reader, IndexKey.EntryKey resumeAfter, long offset, Sink<K, V> sink) {
        long skipped = 0;
        for (Map.Entry<IndexKey, Object> candidate : view(resumeAfter).entrySet()) {
            IndexKey.EntryKey at = (IndexKey.EntryKey) candidate.getKey();
            Entry<K, V> visible = seen(reader, candidate.getValue());
            if (visible == null) {
                continue;
            }
            if (multiValued && !isFirstInRange(visible, at)) {
                continue;
            }
            if (skipped < offset) {
                skipped++;
                continue;
            }
            if (!sink.accept(visible, at)) {
                break;
            }
        }
        reader.verify();
    }

    /** The version in {@code holder} that the snapshot sees, or {@code null}. */
    @SuppressWarnings("unchecked") // holders only ever hold entries of this store
    private static <K, V> Entry<K, V> seen(SnapshotReader<K, V> reader, Object holder) {
        if (holder instanceof Object[] versions) {
            for (Object version : versions) {
                if (reader.sees((Entry<K, V>) version)) {
                    return (Entry<K, V>) version;
                }
            }
            return null;
        }
        Entry<K, V> version = (Entry<K, V>) holder;
        return reader.sees(version) ? version : null;
    }

    private NavigableMap<IndexKey, Object> view(IndexKey.EntryKey resumeAfter) {
        IndexKey from = lower;
        boolean fromInclusive = true;
        IndexKey to = upper;
        boolean toInclusive = true;
        if (resumeAfter != null) {
            if (descending && (to == null || IndexKey.ORDER.compare(resumeAfter, to) < 0)) {
                to = resumeAfter;
                toInclusive = false;
            } else if (!descending && (from == null || IndexKey.ORDER.compare(resumeAfter, from) > 0)) {
                from = resumeAfter;
                fromInclusive = false;
            }
        }
        NavigableMap<IndexKey, Object> map = index.entries;
        if (from != null && to != null) {
            int order = IndexKey.ORDER.compare(from, to);
            if (order > 0 || (order == 0 && !(fromInclusive && toInclusive))) {
                return Collections.emptyNavigableMap();
            }
            map = map.subMap(from, fromInclusive, to, toInclusive);
        } else if (from != null) {
            map = map.tailMap(from, fromInclusive);
        } else if (to != null) {
            map = map.headMap(to, toInclusive);
        }
        return descending ? map.descendingMap() : map;
    }

    /** On a list index: whether {@code at} holds the first of the version's tuples that falls in the range. */
    private boolean isFirstInRange(Entry<K, V> version, IndexKey.EntryKey at) {
        List<Object> tuples = Tuples.of(index.definition, index.reader, version.value());
        Object first = null;
        for (Object tuple : tuples) {
            IndexKey.EntryKey probe = new IndexKey.EntryKey(tuple, at.key);
            boolean inside = (lower == null || IndexKey.ORDER.compare(probe, lower) > 0)
                    && (upper == null || IndexKey.ORDER.compare(probe, upper) < 0);
            if (inside) {
                first = tuple;
                if (!descending) {
                    break;
                }
            }
        }
        return first != null && Tuples.compare(first, at.tuple) == 0;
    }
}
