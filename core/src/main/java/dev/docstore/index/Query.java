package dev.docstore.index;

import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import dev.docstore.engine.SnapshotReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A query over field paths: conditions joined by {@code and}, an optional order and limit. It picks an index (see
 * {@link QueryPlanner}) or scans, and {@link #explain()} says which.
 *
 * <pre>{@code
 * indexes.query().where("address.city").eq("Lisbon").and("amount").between(100, 500)
 *        .orderBy("amount").limit(20).list();
 * }</pre>
 *
 * <p>Every candidate an index yields is tested against every condition again, so the results are exactly the entries
 * of the snapshot that satisfy the conditions, whichever plan runs. A builder: not thread-safe; build, then run.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Query<K, V> {
    private final @Nullable Indexes<K, V> indexes;
    private final List<Condition> conditions = new ArrayList<>();
    private FieldPath orderBy;
    private boolean descending;
    private long offset;
    private int limit = Integer.MAX_VALUE;

    Query(Indexes<K, V> indexes) {
        this.indexes = indexes;
    }

    /**
     * A query not bound to a store: its conditions, order, offset and limit, for a cache that runs queries elsewhere
     * (the cluster provider translates them into its engine's predicates). {@link #explain()}, {@link #list()} and
     * {@link #count()} of it throw {@link IllegalStateException}.
     */
    public static <K, V> Query<K, V> specification() {
        return new Query<>(null);
    }

    /** The conditions added so far, in order. */
    public List<Condition> conditions() {
        return List.copyOf(conditions);
    }

    /** The path results are ordered by, or {@code null} when none was given. */
    public @Nullable FieldPath orderPath() {
        return orderBy;
    }

    /** Whether results are ordered highest first. */
    public boolean isDescending() {
        return descending;
    }

    private Indexes<K, V> bound() {
        if (indexes == null) {
            throw new IllegalStateException("this query is a specification, not bound to a store: run it through "
                    + "the cache that made it");
        }
        return indexes;
    }

    /** Starts a condition on {@code path}. */
    public Where where(String path) {
        return new Where(FieldPath.parse(path));
    }

    /** Starts another condition on {@code path}; the same as {@link #where(String)}. */
    public Where and(String path) {
        return where(path);
    }

    /** Adds a condition built elsewhere. */
    public Query<K, V> where(Condition condition) {
        conditions.add(Objects.requireNonNull(condition, "condition must not be null"));
        return this;
    }

    /** Orders results by the value at {@code path}, lowest first; entries without one come last. */
    public Query<K, V> orderBy(String path) {
        orderBy = FieldPath.parse(path);
        descending = false;
        return this;
    }

    /** Orders results by the value at {@code path}, highest first; entries without one come last. */
    public Query<K, V> orderByDescending(String path) {
        orderBy = FieldPath.parse(path);
        descending = true;
        return this;
    }

    /** Skips the first {@code count} results. */
    public Query<K, V> offset(long count) {
        if (count < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + count);
        }
        offset = count;
        return this;
    }

    /** Returns at most {@code count} results. */
    public Query<K, V> limit(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + count);
        }
        limit = count;
        return this;
    }

    /** The limit set so far ({@link Integer#MAX_VALUE} when none). */
    public int currentLimit() {
        return limit;
    }

    /** The offset set so far. */
    public long currentOffset() {
        return offset;
    }

    /** How the query would run now. */
    public QueryPlan explain() {
        QueryPlanner.Plan<K, V> plan = plan();
        String order = orderBy == null ? "none" : plan.ordered() ? "index" : "sort by " + orderBy
                + (descending ? " descending" : "");
        return new QueryPlan(plan.index() == null ? null : plan.index().name(),
                plan.ranges().stream().map(IndexRange::toString).toList(),
                plan.residual().stream().map(Condition::toString).toList(), order);
    }

    /** The results, read from a snapshot opened for this call. */
    public List<Entry<K, V>> list() {
        return bound().store().read(this::list);
    }

    /** The results in {@code snapshot}. */
    public List<Entry<K, V>> list(Snapshot<K, V> snapshot) {
        return run(snapshot);
    }

    /** The number of results, in a snapshot opened for this call. */
    public long count() {
        return bound().store().read(this::count);
    }

    /** The number of results in {@code snapshot}. */
    public long count(Snapshot<K, V> snapshot) {
        return run(snapshot).size();
    }

    private QueryPlanner.Plan<K, V> plan() {
        return QueryPlanner.plan(bound().readyIndexes(), conditions, orderBy);
    }

    private List<Entry<K, V>> run(Snapshot<K, V> snapshot) {
        Objects.requireNonNull(snapshot, "snapshot must not be null");
        QueryPlanner.Plan<K, V> plan = plan();
        FieldReader reader = plan.index() == null ? bound().fieldReader() : plan.index().reader;
        Predicate<Entry<K, V>> matches = entry -> conditions.stream().allMatch(c -> c.matches(entry.value(), reader));
        boolean sort = orderBy != null && !plan.ordered();
        // saturating: an offset near Long.MAX_VALUE must not wrap round to a negative count
        long wanted = sort || offset > Long.MAX_VALUE - limit ? Long.MAX_VALUE : offset + limit;
        List<Entry<K, V>> results = new ArrayList<>();
        if (plan.index() == null) {
            snapshot.stream().filter(matches).limit(wanted).forEach(results::add);
        } else {
            scanIndex(snapshot.reader(), plan, matches, wanted, results);
        }
        if (sort) {
            results.sort(byOrderField(reader));
        }
        int from = (int) Math.min(offset, results.size());
        int to = (int) Math.min(results.size(), from + (long) limit);
        return List.copyOf(results.subList(from, to));
    }

    private void scanIndex(SnapshotReader<K, V> reader, QueryPlanner.Plan<K, V> plan, Predicate<Entry<K, V>> matches,
                           long wanted, List<Entry<K, V>> results) {
        List<IndexRange> ranges = new ArrayList<>(plan.ranges());
        boolean backwards = orderBy != null && plan.ordered() && descending;
        if (backwards) {
            Collections.reverse(ranges);
        }
        Set<Object> seen = plan.index().definition.isMultiValued() && ranges.size() > 1 ? new HashSet<>() : null;
        for (IndexRange range : ranges) {
            long started = System.nanoTime();
            new ScanExecution<>(plan.index(), range, backwards).run(reader, null, 0, (entry, at) -> {
                if (matches.test(entry) && (seen == null || seen.add(entry.key()))) {
                    results.add(entry);
                }
                return results.size() < wanted;
            });
            plan.index().recordQuery(range, started);
            if (results.size() >= wanted) {
                return;
            }
        }
    }

    private Comparator<Entry<K, V>> byOrderField(FieldReader reader) {
        Comparator<Object> values = descending ? ValueOrder.INSTANCE.reversed() : ValueOrder.INSTANCE;
        Comparator<Object> missingLast = Comparator.nullsLast(values);
        return Comparator.comparing(entry -> first(entry.value(), reader), missingLast);
    }

    private Object first(Object value, FieldReader reader) {
        List<Object> found = orderBy.values(value, reader);
        return found.isEmpty() || !ValueOrder.isOrderable(found.get(0)) ? null : found.get(0);
    }

    @Override
    public String toString() {
        return "Query" + conditions + (orderBy == null ? "" : " orderBy " + orderBy + (descending ? " desc" : ""))
                + " offset " + offset + " limit " + limit;
    }

    /** The second half of a condition: what the value at the path must be. */
    public final class Where {
        private final FieldPath path;

        private Where(FieldPath path) {
            this.path = path;
        }

        public Query<K, V> eq(Object value) {
            return add(Condition.Operator.EQ, value);
        }

        public Query<K, V> in(Object... values) {
            return add(Condition.Operator.IN, values);
        }

        public Query<K, V> gt(Object value) {
            return add(Condition.Operator.GT, value);
        }

        public Query<K, V> gte(Object value) {
            return add(Condition.Operator.GTE, value);
        }

        public Query<K, V> lt(Object value) {
            return add(Condition.Operator.LT, value);
        }

        public Query<K, V> lte(Object value) {
            return add(Condition.Operator.LTE, value);
        }

        /** Both ends included. */
        public Query<K, V> between(Object low, Object high) {
            return add(Condition.Operator.BETWEEN, low, high);
        }

        public Query<K, V> startsWith(String prefix) {
            return add(Condition.Operator.STARTS_WITH, prefix);
        }

        private Query<K, V> add(Condition.Operator operator, Object... values) {
            Objects.requireNonNull(values, "values must not be null");
            return where(new Condition(path, operator, Arrays.asList(values)));
        }
    }
}
