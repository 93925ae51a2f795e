package dev.docstore.index;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import dev.docstore.engine.StoreAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The indexes of one store, and the queries that use them.
 *
 * <pre>{@code
 * Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);
 * indexes.create(IndexDefinition.of("byCity", "address.city"));
 * List<Entry<String, Map<String, Object>>> lisbon = indexes.lookup("byCity", "Lisbon");
 * }</pre>
 *
 * <p>An index is created on a live store: it is added to the write path first, then filled from the versions the
 * store holds while readers and writers go on, and used by queries only once complete. Every query reads one snapshot.
 *
 * <p>Arguments: a null index name, path or condition value is a {@link NullPointerException} whose message names it,
 * from every method alike; an unknown index name is an {@link IndexNotFoundException}. Ranges: bounds are tuple
 * prefixes (see {@link IndexRange}); bounds whose minimum lies above their maximum select nothing. A list index
 * ({@code tags[]}) holds one entry per element, which {@link IndexInfo#entries()} counts, but scans, lookups and
 * counts return each document once, at its first element inside the range (its last, scanning descending).
 * Strings order by code point ({@link ValueOrder}).
 *
 * <p>Concurrency: thread-safe. Index creation, dropping and rebuilding are serialised among themselves and never
 * block readers or writers; writers maintain every index (see {@link IndexMaintenance}). The list of indexes is an
 * immutable list behind a volatile field, replaced on each change.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Indexes<K, V> {
    private final FieldReader reader;
    private final StoreAccess<K, V> access;
    private final Object definitionLock = new Object();
    private volatile List<OrderedIndex<K, V>> all = List.of();

    private Indexes(DocumentStore<K, V> store, FieldReader reader) {
        this.reader = reader;
        this.access = store.attach(new IndexMaintenance<>(this));
    }

    /** Attaches an index registry to {@code store}, reading document fields. A store has at most one. */
    public static <K, V> Indexes<K, V> attach(DocumentStore<K, V> store) {
        return attach(store, FieldReader.DOCUMENTS);
    }

    /** Attaches an index registry to {@code store} that reads fields with {@code reader}. */
    public static <K, V> Indexes<K, V> attach(DocumentStore<K, V> store, FieldReader reader) {
        Objects.requireNonNull(store, "store must not be null");
        return new Indexes<>(store, Objects.requireNonNull(reader, "reader must not be null"));
    }

    /** The store indexed. */
    public DocumentStore<K, V> store() {
        return access.store();
    }

    /**
     * Creates an index and fills it from the store's current contents; returns once it is complete and used by
     * queries. Readers and writers go on meanwhile.
     *
     * @throws IndexExistsException       if an index with that name exists or is being built
     * @throws UniqueConstraintException  if the index is unique and two keys already share a tuple (nothing is created)
     */
    public IndexInfo create(IndexDefinition definition) {
        Objects.requireNonNull(definition, "definition must not be null");
        store().checkOpen();
        OrderedIndex<K, V> index = new OrderedIndex<>(definition, reader);
        synchronized (definitionLock) {
            if (find(definition.name(), false) != null) {
                throw new IndexExistsException(definition.name());
            }
            publish(with(all, index));
        }
        build(index, null);
        return index.info();
    }

    /**
     * Drops an index; queries stop using it at once.
     *
     * @throws IndexNotFoundException if no ready index has that name
     */
    public void drop(String name) {
        synchronized (definitionLock) {
            ready(name);
            publish(all.stream().filter(index -> !index.name().equals(name)).toList());
        }
    }

    /**
     * Builds an index again from the store's contents, alongside the old one, which serves queries until the new one
     * replaces it.
     *
     * @throws IndexNotFoundException if no ready index has that name
     */
    public IndexInfo rebuild(String name) {
        OrderedIndex<K, V> old;
        OrderedIndex<K, V> fresh;
        synchronized (definitionLock) {
            old = ready(name);
            if (all.stream().anyMatch(index -> index.name().equals(name) && !index.isReady())) {
                throw new IllegalStateException("index '" + name + "' is being built already");
            }
            fresh = old.emptyCopy();
            publish(with(all, fresh));
        }
        build(fresh, old);
        return fresh.info();
    }

    /**
     * Checks, without writing, whether {@code value} for {@code key} would break a unique index (ready or being
     * built), so a caller can refuse it before acting on it elsewhere; the write itself checks again.
     *
     * @throws UniqueConstraintException naming the index, the key, the value and the key that has it
     */
    public void checkUnique(K key, Object value) {
        for (OrderedIndex<K, V> index : all) {
            if (index.definition.unique()) {
                Tuples.forEach(index.definition, index.reader, value, tuple -> {
                    Entry<K, V> holder = index.currentHolderOtherThan(tuple, key, access);
                    if (holder != null) {
                        throw new UniqueConstraintException(index.name(), key, Tuples.expose(tuple), holder.key());
                    }
                });
            }
        }
    }

    /**
     * Checks, without writing, a batch of values as {@link #checkUnique(Object, Object)} checks one, and also the
     * batch against itself: two keys of the batch that would share a tuple of a unique index are refused too. So a
     * caller can refuse a whole batch before acting on any of it.
     *
     * @throws UniqueConstraintException naming the index, the key, the value and the key that has it
     */
    public void checkUnique(Map<K, ?> values) {
        for (Map.Entry<K, ?> entry : values.entrySet()) {
            checkUnique(entry.getKey(), entry.getValue());
        }
        for (OrderedIndex<K, V> index : all) {
            if (index.definition.unique()) {
                Map<Object, K> claimed = new TreeMap<>(Tuples::compare);
                values.forEach((key, value) -> Tuples.forEach(index.definition, index.reader, value, tuple -> {
                    K other = claimed.putIfAbsent(tuple, key);
                    if (other != null && !other.equals(key)) {
                        throw new UniqueConstraintException(index.name(), key, Tuples.expose(tuple), other);
                    }
                }));
            }
        }
    }

    /**
     * Checks, without writing, a sequence of items one by one as {@link #checkUnique(Map)} checks a batch, but refusing
     * items singly: each is checked against the store (other than its own key) and against the items accepted before
     * it; a refused item is passed to {@code refused} with the exception naming the index, its key and value and the
     * key that holds the value, and claims nothing, so the items after it are checked as if it were absent.
     */
    public <T> void checkUniqueEach(Iterable<T> items, Function<? super T, K> key,
                                    Function<? super T, Object> value,
                                    BiConsumer<? super T, UniqueConstraintException> refused) {
        List<OrderedIndex<K, V>> unique = all.stream().filter(index -> index.definition.unique()).toList();
        if (unique.isEmpty()) {
            return;
        }
        List<Map<Object, K>> claimed = new ArrayList<>();
        unique.forEach(index -> claimed.add(new TreeMap<>(Tuples::compare)));
        for (T item : items) {
            K itemKey = key.apply(item);
            Object itemValue = value.apply(item);
            try {
                checkUnique(itemKey, itemValue);
                for (int i = 0; i < unique.size(); i++) {
                    OrderedIndex<K, V> index = unique.get(i);
                    Map<Object, K> claims = claimed.get(i);
                    Tuples.forEach(index.definition, index.reader, itemValue, tuple -> {
                        K other = claims.get(tuple);
                        if (other != null && !other.equals(itemKey)) {
                            throw new UniqueConstraintException(index.name(), itemKey, Tuples.expose(tuple), other);
                        }
                    });
                }
                // claims only once every index accepted the item: a refused item holds no value
                for (int i = 0; i < unique.size(); i++) {
                    OrderedIndex<K, V> index = unique.get(i);
                    Map<Object, K> claims = claimed.get(i);
                    Tuples.forEach(index.definition, index.reader, itemValue, tuple -> claims.put(tuple, itemKey));
                }
            } catch (UniqueConstraintException e) {
                refused.accept(item, e);
            }
        }
    }

    /** The definitions and figures of every index, ready or being built. */
    public List<IndexInfo> list() {
        return all.stream().map(OrderedIndex::info).toList();
    }

    /** The names of every index, ready or being built, without their figures (which cost a walk of each index). */
    public List<String> names() {
        return all.stream().map(OrderedIndex::name).toList();
    }

    /** The figures of one ready index. */
    public IndexInfo info(String name) {
        return ready(name).info();
    }

    /** Exact lookup (go-store's {@code Lookup}): entries whose tuple equals {@code values}, one value per field. */
    public List<Entry<K, V>> lookup(String index, Object... values) {
        requireFullTuple(index, values);
        return scan(index).range(IndexRange.exact(values)).list();
    }

    /** Exact lookup in a snapshot you hold. */
    public List<Entry<K, V>> lookup(Snapshot<K, V> snapshot, String index, Object... values) {
        requireFullTuple(index, values);
        return scan(index).range(IndexRange.exact(values)).list(snapshot);
    }

    /** go-store's {@code LookupRange}: tuples from {@code min} included to {@code max} excluded; see {@link IndexRange#between}. */
    public List<Entry<K, V>> range(String index, Object min, Object max) {
        return scan(index).range(IndexRange.between(min, max)).list();
    }

    /** A scan of one index, to narrow, order, page or count. */
    public IndexScan<K, V> scan(String index) {
        Objects.requireNonNull(index, "index name must not be null");
        return new IndexScan<>(this, index, IndexRange.all(), false, 0, Integer.MAX_VALUE, null);
    }

    /** A query over field paths that picks an index, or scans when none fits. */
    public Query<K, V> query() {
        return new Query<>(this);
    }

    private void requireFullTuple(String index, Object[] values) {
        int arity = ready(index).definition.arity();
        if (values == null || values.length != arity) {
            throw new IllegalArgumentException("an exact lookup on index '" + index + "' needs " + arity
                    + " value(s), one per field; use scan(...).range(IndexRange.prefix(...)) for a prefix");
        }
    }

    /** Adds to the write path, waits out writers that missed it, fills, checks, then swaps in. */
    private void build(OrderedIndex<K, V> index, OrderedIndex<K, V> replaced) {
        try {
            access.awaitWritesInFlight();
            access.forEachVersion(version -> {
                index.add(version);
                if (!access.isHeld(version)) {
                    index.remove(version);
                }
            });
            if (index.definition.unique()) {
                checkUnique(index);
            }
        } catch (RuntimeException e) {
            synchronized (definitionLock) {
                publish(without(all, index));
            }
            throw e;
        }
        synchronized (definitionLock) {
            if (!all.contains(index)) {
                throw new IndexNotFoundException(index.name() + " (dropped while it was being built)", "");
            }
            index.markReady();
            if (replaced != null) {
                publish(without(all, replaced));
            }
        }
    }

    /** Refuses a unique index in which two keys' current versions share a tuple. */
    private void checkUnique(OrderedIndex<K, V> index) {
        for (Map.Entry<Object, Object> atTuple : index.tuples.entrySet()) {
            if (atTuple.getValue() instanceof Posting posting) {
                Entry<K, V> first = null;
                for (Object holder : posting.holders.values()) {
                    Entry<K, V> current = index.currentIn(holder, access);
                    if (current == null) {
                        continue;
                    }
                    if (first != null) {
                        throw new UniqueConstraintException(index.name(), current.key(),
                                Tuples.expose(atTuple.getKey()), first.key());
                    }
                    first = current;
                }
            }
        }
    }

    /** The ready index named {@code name}. */
    OrderedIndex<K, V> ready(String name) {
        Objects.requireNonNull(name, "index name must not be null");
        OrderedIndex<K, V> index = find(name, true);
        if (index == null) {
            throw new IndexNotFoundException(name, all.stream().filter(OrderedIndex::isReady)
                    .map(OrderedIndex::name).toList().toString());
        }
        return index;
    }

    private OrderedIndex<K, V> find(String name, boolean readyOnly) {
        for (OrderedIndex<K, V> index : all) {
            if (index.name().equals(name) && (!readyOnly || index.isReady())) {
                return index;
            }
        }
        return null;
    }

    List<OrderedIndex<K, V>> all() {
        return all;
    }

    /** The ready indexes, for the query planner. */
    List<OrderedIndex<K, V>> readyIndexes() {
        return all.stream().filter(OrderedIndex::isReady).toList();
    }

    FieldReader fieldReader() {
        return reader;
    }

    StoreAccess<K, V> access() {
        return access;
    }

    private void publish(List<OrderedIndex<K, V>> indexes) {
        all = indexes;
    }

    private static <T> List<T> with(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.add(element);
        return List.copyOf(copy);
    }

    private static <T> List<T> without(List<T> list, T element) {
        List<T> copy = new ArrayList<>(list);
        copy.remove(element);
        return List.copyOf(copy);
    }
}
