package dev.docstore.index;

import dev.docstore.engine.Entry;
import dev.docstore.engine.SnapshotReader;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Runs one scan of one index against one snapshot: narrows the index's map of tuples to the range, walks each tuple's
 * keys in order (one holder, or a {@link Posting}'s keys), and keeps each key whose holder has the version the snapshot
 * sees (and, on a list index, only at the first of its tuples inside the range, so a document is returned once).
 * Costs O(log distinct tuples) to position plus O(entries visited); allocates nothing per entry.
 *
 * <p>Not thread-safe; one execution per call.
 */
final class ScanExecution<K, V> {
    /** Receives matches with the tuple they were found under; returns false to stop. */
    interface Sink<K, V> {
        boolean accept(Entry<K, V> entry, Object tuple);
    }

    private final OrderedIndex<K, V> index;
    private final IndexKey.BoundKey lower;
    private final IndexKey.BoundKey upper;
    private final boolean descending;
    private final boolean multiValued;
    /** Matches skipped so far for the offset. */
    private long skipped;

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
        for (Map.Entry<Object, Object> atTuple : view(resumeAfter).entrySet()) {
            Object tuple = atTuple.getKey();
            Object value = atTuple.getValue();
            // only the first tuple of the view can be the one a page ended in
            Object resumeKey = resumeAfter != null && Tuples.compare(tuple, resumeAfter.tuple) == 0
                    ? resumeAfter.key : null;
            boolean carryOn;
            if (value instanceof Posting posting) {
                carryOn = walkPosting(reader, tuple, keysOf(posting, resumeKey), offset, sink);
            } else {
                carryOn = (resumeKey != null && !isPast(Holders.keyOf(value), resumeKey))
                        || offer(reader, tuple, value, offset, sink);
            }
            if (!carryOn) {
                break;
            }
        }
        reader.verify();
    }

    private boolean walkPosting(SnapshotReader<K, V> reader, Object tuple, NavigableMap<Object, Object> keys,
                                long offset, Sink<K, V> sink) {
        for (Object holder : keys.values()) {
            if (!offer(reader, tuple, holder, offset, sink)) {
                return false;
            }
        }
        return true;
    }

    /** Passes one key's visible version to the sink, unless the offset still skips it; false to stop. */
    private boolean offer(SnapshotReader<K, V> reader, Object tuple, Object holder, long offset, Sink<K, V> sink) {
        Entry<K, V> visible = seen(reader, holder);
        if (visible == null || (multiValued && !isFirstInRange(visible, tuple))) {
            return true;
        }
        if (skipped < offset) {
            skipped++;
            return true;
        }
        return sink.accept(visible, tuple);
    }

    /** The keys of a posting in scan order, past {@code resumeKey} when the scan resumes in this very tuple. */
    private NavigableMap<Object, Object> keysOf(Posting posting, Object resumeKey) {
        NavigableMap<Object, Object> keys = posting.holders;
        if (resumeKey != null) {
            keys = descending ? keys.headMap(resumeKey, false) : keys.tailMap(resumeKey, false);
        }
        return descending ? keys.descendingMap() : keys;
    }

    /** Whether {@code key} comes after {@code resumeKey} in scan order, within one tuple. */
    private boolean isPast(Object key, Object resumeKey) {
        int c = KeyOrder.INSTANCE.compare(key, resumeKey);
        return descending ? c < 0 : c > 0;
    }

    /** The version in {@code holder} that the snapshot sees, or {@code null}. */
    private static <K, V> Entry<K, V> seen(SnapshotReader<K, V> reader, Object holder) {
        for (int i = 0, n = Holders.size(holder); i < n; i++) {
            Entry<K, V> version = Holders.version(holder, i);
            if (reader.sees(version)) {
                return version;
            }
        }
        return null;
    }

    /** The tuples of the range, from the tuple of {@code resumeAfter} on (it may still have keys to come). */
    private NavigableMap<Object, Object> view(IndexKey.EntryKey resumeAfter) {
        Object from = lower;
        boolean fromInclusive = true;
        Object to = upper;
        boolean toInclusive = true;
        if (resumeAfter != null) {
            Object resume = resumeAfter.tuple;
            if (descending && (to == null || IndexKey.TUPLES.compare(resume, to) < 0)) {
                to = resume;
            } else if (!descending && (from == null || IndexKey.TUPLES.compare(resume, from) > 0)) {
                from = resume;
            }
        }
        NavigableMap<Object, Object> map = index.tuples;
        if (from != null && to != null) {
            int order = IndexKey.TUPLES.compare(from, to);
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

    /** On a list index: whether {@code tuple} is the first of the version's tuples inside the range (last, descending). */
    private boolean isFirstInRange(Entry<K, V> version, Object tuple) {
        List<Object> tuples = Tuples.of(index.definition, index.reader, version.value());
        Object first = null;
        for (Object candidate : tuples) {
            boolean inside = (lower == null || IndexKey.TUPLES.compare(candidate, lower) > 0)
                    && (upper == null || IndexKey.TUPLES.compare(candidate, upper) < 0);
            if (inside) {
                first = candidate;
                if (!descending) {
                    break;
                }
            }
        }
        return first != null && Tuples.compare(first, tuple) == 0;
    }
}
