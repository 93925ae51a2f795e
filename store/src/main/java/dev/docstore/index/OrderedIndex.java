package dev.docstore.index;

import dev.docstore.engine.Entry;
import dev.docstore.engine.StoreAccess;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * One index: an ordered map from (tuple, store key) to the versions of that key that have that tuple.
 *
 * <p>Versions, not keys, are indexed: a write adds its new version's entries before the version becomes visible, and a
 * version's entries go only when the store releases it, once no snapshot can see it. So for any open snapshot the
 * index holds an entry for every version the snapshot sees, and a query keeps an entry only when the version it names
 * is the one its snapshot sees: results are exact for the snapshot, with no lock shared with writers.
 *
 * <p>Concurrency: a {@link ConcurrentSkipListMap} (lock-free, O(log n)). Each value is one version or an array of
 * versions of one key (old ones kept for snapshots), replaced by compare-and-set, so concurrent adds and removals of
 * one entry never lose each other. {@code ready} is written once, after the index is complete.
 */
final class OrderedIndex<K, V> {
    /** Rough heap cost of one entry: skip-list node and index levels, entry key, tuple array share. */
    static final int BYTES_PER_ENTRY = 64;

    final IndexDefinition definition;
    final FieldReader reader;
    final ConcurrentSkipListMap<IndexKey, Object> entries = new ConcurrentSkipListMap<>(IndexKey.ORDER);
    final LongAdder size = new LongAdder();
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
        forEachTuple(version, tuple -> addEntry(new IndexKey.EntryKey(canonical(tuple), version.key()), version));
    }

    /**
     * The tuple object the index already holds for a tuple equal to {@code tuple}, or {@code tuple} itself. Sharing
     * one object per distinct tuple makes a scan's comparisons of consecutive equal tuples touch one hot object
     * instead of a cold one per entry (profiling showed those cache misses dominating 100-hit lookups).
     */
    private Object canonical(Object tuple) {
        Object[] prefix = tuple instanceof Object[] values ? values : new Object[] {tuple};
        IndexKey first = entries.ceilingKey(new IndexKey.BoundKey(prefix, false));
        if (first instanceof IndexKey.EntryKey existing && Tuples.compare(existing.tuple, tuple) == 0) {
            return existing.tuple;
        }
        return tuple;
    }

    void remove(Entry<K, V> version) {
        Tuples.forEach(definition, reader, version.value(), tuple -> removeEntry(new IndexKey.EntryKey(tuple,
                version.key()), version));
    }

    private void addEntry(IndexKey key, Entry<K, V> version) {
        Object holder = entries.putIfAbsent(key, version);
        while (true) {
            // null here means our putIfAbsent took the slot
            if (holder == null) {
                size.increment();
                return;
            }
            if (contains(holder, version)) {
                return;
            }
            if (entries.replace(key, holder, with(holder, version))) {
                size.increment();
                return;
            }
            holder = entries.get(key);
            if (holder == null) {
                holder = entries.putIfAbsent(key, version);
            }
        }
    }

    private void removeEntry(IndexKey key, Entry<K, V> version) {
        while (true) {
            Object holder = entries.get(key);
            if (holder == null || !contains(holder, version)) {
                return;
            }
            Object rest = without(holder, version);
            boolean done = rest == null ? entries.remove(key, holder) : entries.replace(key, holder, rest);
            if (done) {
                size.decrement();
                return;
            }
        }
    }

    /**
     * A current version of a key other than {@code key} that has {@code tuple}, or {@code null}: the unique check.
     */
    Entry<K, V> currentHolderOtherThan(Object tuple, K key, StoreAccess<K, V> access) {
        Object[] prefix = tuple instanceof Object[] values ? values : new Object[] {tuple};
        NavigableMap<IndexKey, Object> same = entries.subMap(new IndexKey.BoundKey(prefix, false), true,
                new IndexKey.BoundKey(prefix, true), true);
        for (Map.Entry<IndexKey, Object> entry : same.entrySet()) {
            if (!((IndexKey.EntryKey) entry.getKey()).key.equals(key)) {
                Entry<K, V> current = currentIn(entry.getValue(), access);
                if (current != null) {
                    return current;
                }
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked") // holders only ever hold entries of this store
    Entry<K, V> currentIn(Object holder, StoreAccess<K, V> access) {
        if (holder instanceof Object[] versions) {
            for (Object version : versions) {
                if (access.isCurrent((Entry<K, V>) version)) {
                    return (Entry<K, V>) version;
                }
            }
            return null;
        }
        Entry<K, V> version = (Entry<K, V>) holder;
        return access.isCurrent(version) ? version : null;
    }

    static boolean contains(Object holder, Object version) {
        if (holder instanceof Object[] versions) {
            for (Object v : versions) {
                if (v == version) {
                    return true;
                }
            }
            return false;
        }
        return holder == version;
    }

    private static Object with(Object holder, Object version) {
        if (holder instanceof Object[] versions) {
            Object[] grown = Arrays.copyOf(versions, versions.length + 1);
            grown[versions.length] = version;
            return grown;
        }
        return new Object[] {holder, version};
    }

    private static Object without(Object holder, Object version) {
        if (!(holder instanceof Object[] versions)) {
            return null;
        }
        Object[] rest = new Object[versions.length - 1];
        int i = 0;
        for (Object v : versions) {
            if (v != version) {
                rest[i++] = v;
            }
        }
        return rest.length == 1 ? rest[0] : rest;
    }

    void recordQuery(IndexRange range, long startedNanos) {
        long took = System.nanoTime() - startedNanos;
        (range.isExact(definition.arity()) ? lookups : rangeScans).increment();
        queryNanos.add(took);
        queryTimes.record(took);
    }

    /** Distinct tuples, counted by walking the index: O(entries). */
    long distinctTuples() {
        long distinct = 0;
        Object previous = null;
        for (IndexKey key : entries.keySet()) {
            Object tuple = ((IndexKey.EntryKey) key).tuple;
            if (previous == null || Tuples.compare(previous, tuple) != 0) {
                distinct++;
            }
            previous = tuple;
        }
        return distinct;
    }

    IndexInfo info() {
        long count = size.sum();
        return new IndexInfo(name(), definition.pathNames(), definition.unique(), ready, count, distinctTuples(),
                count * BYTES_PER_ENTRY, unindexable.sum(), lookups.sum(), rangeScans.sum(), queryNanos.sum(),
                queryTimes.percentile(0.99));
    }
}
