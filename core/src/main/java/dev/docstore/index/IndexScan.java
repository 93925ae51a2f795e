package dev.docstore.index;

import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A scan of one index: a range, a direction, an offset, a limit and an optional page token, run against a snapshot
 * (one you pass, or one opened and closed for the call). Every result is the entry its key has in that snapshot and
 * lies in the range; none that does is missing. Immutable: each setter returns a new scan.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class IndexScan<K, V> {
    private final Indexes<K, V> indexes;
    private final String index;
    private final IndexRange range;
    private final boolean descending;
    private final long offset;
    private final int limit;
    private final PageToken after;

    IndexScan(Indexes<K, V> indexes, String index, IndexRange range, boolean descending, long offset, int limit,
              PageToken after) {
        this.indexes = indexes;
        this.index = index;
        this.range = range;
        this.descending = descending;
        this.offset = offset;
        this.limit = limit;
        this.after = after;
    }

    /** Visits only the tuples in {@code newRange} (default: all). */
    public IndexScan<K, V> range(IndexRange newRange) {
        return new IndexScan<>(indexes, index, Objects.requireNonNull(newRange, "range must not be null"),
                descending, offset, limit, after);
    }

    /** Highest tuples first. */
    public IndexScan<K, V> descending() {
        return new IndexScan<>(indexes, index, range, true, offset, limit, after);
    }

    /** Skips the first {@code count} matches of the first page (a scan resumed {@link #after} a token skips none). */
    public IndexScan<K, V> offset(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + count);
        }
        return new IndexScan<>(indexes, index, range, descending, count, limit, after);
    }

    /** Returns at most {@code count} matches. */
    public IndexScan<K, V> limit(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + count);
        }
        return new IndexScan<>(indexes, index, range, descending, offset, count, after);
    }

    /** Resumes after the last entry of a previous page of this scan. */
    public IndexScan<K, V> after(PageToken token) {
        Objects.requireNonNull(token, "token must not be null");
        if (!token.index.equals(index)) {
            throw new IllegalArgumentException("the page token belongs to index '" + token.index + "', not '"
                    + index + "'");
        }
        return new IndexScan<>(indexes, index, range, descending, offset, limit, token);
    }

    /** The matches, read from a snapshot opened for this call. */
    public List<Entry<K, V>> list() {
        return indexes.store().read(this::list);
    }

    /** The matches in {@code snapshot}. */
    public List<Entry<K, V>> list(Snapshot<K, V> snapshot) {
        return page(snapshot).entries();
    }

    /** A page of matches, read from a snapshot opened for this call. */
    public Page<K, V> page() {
        return indexes.store().read(this::page);
    }

    /** A page of at most {@code limit} matches in {@code snapshot}, with the token for the next page. */
    public Page<K, V> page(Snapshot<K, V> snapshot) {
        List<Entry<K, V>> results = new ArrayList<>(Math.min(limit, 64));
        // the tuple of the last entry taken, and whether another one followed it
        Object[] lastTupleAndMore = new Object[2];
        run(snapshot, (entry, tuple) -> {
            if (results.size() == limit) {
                lastTupleAndMore[1] = Boolean.TRUE;
                return false;
            }
            results.add(entry);
            lastTupleAndMore[0] = tuple;
            return true;
        });
        PageToken next = lastTupleAndMore[1] == null || results.isEmpty() ? null
                : new PageToken(index, new IndexKey.EntryKey(lastTupleAndMore[0],
                        results.get(results.size() - 1).key()));
        return new Page<>(results, next);
    }

    /** The number of matches (offset and limit applied), counted in a snapshot opened for this call. */
    public long count() {
        return indexes.store().read(this::count);
    }

    /** The number of matches in {@code snapshot}, without materialising them. */
    public long count(Snapshot<K, V> snapshot) {
        long[] count = {0};
        run(snapshot, (entry, at) -> ++count[0] < limit || limit == Integer.MAX_VALUE);
        return Math.min(count[0], limit);
    }

    private void run(Snapshot<K, V> snapshot, ScanExecution.Sink<K, V> sink) {
        Objects.requireNonNull(snapshot, "snapshot must not be null");
        OrderedIndex<K, V> target = indexes.ready(index);
        long started = System.nanoTime();
        try {
            // the offset skips into the first page; a page token already stands past it
            new ScanExecution<>(target, range, descending).run(snapshot.reader(), after == null ? null : after.last,
                    after == null ? offset : 0, sink);
        } finally {
            target.recordQuery(range, started);
        }
    }

    @Override
    public String toString() {
        return "IndexScan[" + index + " " + range + (descending ? " descending" : "") + " offset " + offset
                + " limit " + limit + "]";
    }
}
