package dev.docstore.index;

import dev.docstore.engine.Entry;
import dev.docstore.engine.StoreAccess;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One index: an ordered map from each tuple to the versions that have it. A tuple that one store key has maps to that
 * key's {@linkplain Holders holder}; a tuple that several keys share maps to a {@link Posting}, which orders the keys.
 * So a write costs one search among the distinct tuples and, for a shared tuple, one among the keys sharing it,
 * whatever their number, and reading the figures (entries, distinct tuples) is O(1): they are counted as they change.
 *
 * <p>Versions, not keys, are indexed: a write adds its new version's entries before the version becomes visible, and a
 * version's entries go only when the store releases it, once no snapshot can see it. So for any open snapshot the
 * index holds an entry for every version the snapshot sees, and a query keeps an entry only when the version it names
 * is the one its snapshot sees: results are exact for the snapshot, with no lock shared with writers.
 *
 * <p>Concurrency: lock-free. The map of tuples is a {@link ConcurrentSkipListMap}; a tuple's value (a holder, or a
 * posting) changes by compare-and-set: a second key turns the holder into a posting holding both, and a posting
 * leaves the map only once empty and dead (see {@link Posting}), so concurrent adds and removals never lose each
 * other. {@code ready} is written once, after the index is complete.
 */
final class OrderedIndex<K, V> {
    /** Rough heap cost of one entry: a skip-list node, its share of the index levels, a version reference. */
    static final int BYTES_PER_ENTRY = 32;
    /** Rough heap cost of a tuple several keys share: its node in the map of tuples and its posting. */
    static final int BYTES_PER_POSTING = 160;

    final IndexDefinition definition;
    final FieldReader reader;
    /**
     * Tuple to what has it: a {@linkplain Holders holder} (one key: an {@code Entry} or an {@code Entry<?, ?>[]}) or a
     * {@link Posting} (several keys). Typed {@code Object} because these three share no other type, and giving them one
     * would cost an object per entry and an allocation per write (see {@link Holders}); tell them apart with
     * {@code instanceof Posting}, and read a holder through {@link Holders}.
     */
    final ConcurrentSkipListMap<Object, Object> tuples = new ConcurrentSkipListMap<>(IndexKey.TUPLES);
    final LongAdder size = new LongAdder();
    final LongAdder distinct = new LongAdder();
    final LongAdder postings = new LongAdder();
    final LongAdder unindexable = new LongAdder();
    final LongAdder lookups;
    final LongAdder rangeScans;
    final LongAdder queryNanos;
    final LatencyHistogram queryTimes;
    private volatile boolean ready;

    OrderedIndex(IndexDefinition definition, FieldReader reader) {
        this(definition, reader, new LongAdder(), new LongAdder(), new LongAdder(), new LatencyHistogram());
    }

    private OrderedIndex(IndexDefinition definition, FieldReader reader, LongAdder lookups, LongAdder rangeScans,
                         LongAdder queryNanos, LatencyHistogram queryTimes) {
        this.definition = definition;
        this.reader = reader;
        this.lookups = lookups;
        this.rangeScans = rangeScans;
        this.queryNanos = queryNanos;
        this.queryTimes = queryTimes;
    }

    /** An empty index of the same definition that carries on this one's query figures (a rebuild keeps them). */
    OrderedIndex<K, V> emptyCopy() {
        return new OrderedIndex<>(definition, reader, lookups, rangeScans, queryNanos, queryTimes);
    }

    String name() {
        return definition.name();
    }

    boolean isReady() {
        return ready;
    }

    void markReady() {
        ready = true;
    }

    /** Calls {@code action} with each tuple of {@code version}'s value; counts it once if it cannot be indexed. */
    void forEachTuple(Entry<K, V> version, Consumer<Object> action) {
        if (!Tuples.forEach(definition, reader, version.value(), action)) {
            unindexable.increment();
        }
    }

    void add(Entry<K, V> version) {
        if (definition.isMultiValued()) {
            forEachTuple(version, tuple -> addEntry(tuple, version));
            return;
        }
        // the common case without a lambda: this runs for every index on every write
        Object tuple = Tuples.single(definition, reader, version.value());
        if (tuple == Tuples.UNINDEXABLE) {
            unindexable.increment();
        } else if (tuple != null) {
            addEntry(tuple, version);
        }
    }

    void remove(Entry<K, V> version) {
        if (definition.isMultiValued()) {
            Tuples.forEach(definition, reader, version.value(), tuple -> removeEntry(tuple, version));
            return;
        }
        Object tuple = Tuples.single(definition, reader, version.value());
        if (tuple != null && tuple != Tuples.UNINDEXABLE) {
            removeEntry(tuple, version);
        }
    }

    private void addEntry(Object tuple, Entry<K, V> version) {
        K key = version.key();
        while (true) {
            Object value = tuples.get(tuple);
            if (value == null) {
                if (tuples.putIfAbsent(tuple, version) == null) {
                    size.increment();
                    distinct.increment();
                    return;
                }
            } else if (value instanceof Posting posting) {
                if (posting.reserve()) {
                    if (posting.add(key, version)) {
                        size.increment();
                    }
                    return;
                }
                tuples.remove(tuple, posting); // dead, and empty: help it out of the map, then make the next one
            } else if (Holders.keyOf(value).equals(key)) {
                if (Holders.contains(value, version) || tuples.replace(tuple, value, Holders.with(value, version))) {
                    return;
                }
            } else if (tuples.replace(tuple, value, new Posting(Holders.keyOf(value), value, key, version))) {
                size.increment();
                postings.increment();
                return;
            }
        }
    }

    private void removeEntry(Object tuple, Entry<K, V> version) {
        K key = version.key();
        while (true) {
            Object value = tuples.get(tuple);
            if (value == null) {
                return;
            }
            if (value instanceof Posting posting) {
                if (posting.remove(key, version)) {
                    size.decrement();
                    if (posting.unreserve() == 0 && posting.kill()) {
                        tuples.remove(tuple, posting);
                        distinct.decrement();
                        postings.decrement();
                    }
                }
                return;
            }
            if (!Holders.keyOf(value).equals(key) || !Holders.contains(value, version)) {
                return;
            }
            Object rest = Holders.without(value, version);
            if (rest == null ? tuples.remove(tuple, value) : tuples.replace(tuple, value, rest)) {
                if (rest == null) {
                    size.decrement();
                    distinct.decrement();
                }
                return;
            }
        }
    }

    /**
     * A current version of a key other than {@code key} that has {@code tuple}, or {@code null}: the unique check.
     */
    Entry<K, V> currentHolderOtherThan(Object tuple, K key, StoreAccess<K, V> access) {
        Object value = tuples.get(tuple);
        if (value == null) {
            return null;
        }
        if (value instanceof Posting posting) {
            for (Map.Entry<Object, Object> holder : posting.holders.entrySet()) {
                if (!holder.getKey().equals(key)) {
                    Entry<K, V> current = currentIn(holder.getValue(), access);
                    if (current != null) {
                        return current;
                    }
                }
            }
            return null;
        }
        return Holders.keyOf(value).equals(key) ? null : currentIn(value, access);
    }

    /** The version in {@code holder} that is its key's current one, or {@code null}. */
    Entry<K, V> currentIn(Object holder, StoreAccess<K, V> access) {
        for (int i = 0, n = Holders.size(holder); i < n; i++) {
            Entry<K, V> version = Holders.version(holder, i);
            if (access.isCurrent(version)) {
                return version;
            }
        }
        return null;
    }

    void recordQuery(IndexRange range, long startedNanos) {
        long took = System.nanoTime() - startedNanos;
        (range.isExact(definition.arity()) ? lookups : rangeScans).increment();
        queryNanos.add(took);
        queryTimes.record(took);
    }

    /**
     * The figures counted afresh by walking the whole index, {entries, distinct tuples}: what the counters kept as they
     * changed must equal once no write is under way. For tests; O(entries).
     */
    long[] recount() {
        long entries = 0;
        for (Object value : tuples.values()) {
            entries += value instanceof Posting posting ? posting.holders.size() : 1;
        }
        return new long[] {entries, tuples.size()};
    }

    /** Distinct tuples: O(1), counted as they come and go. */
    long distinctTuples() {
        return distinct.sum();
    }

    IndexInfo info() {
        long count = size.sum();
        return new IndexInfo(name(), definition.pathNames(), definition.unique(), ready, count, distinctTuples(),
                count * BYTES_PER_ENTRY + postings.sum() * BYTES_PER_POSTING, unindexable.sum(), lookups.sum(),
                rangeScans.sum(), queryNanos.sum(), queryTimes.percentile(0.99));
    }
}
