package dev.docstore.index;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses how to run a query: the ready index whose leading fields the query fixes with equalities (and whose next
 * field it bounds with a range) the most, preferring one whose order serves {@code orderBy}, then a unique one;
 * otherwise a scan.
 *
 * <p>An index holds only documents that have a value on every one of its paths, so it may serve a query only when the
 * query has a condition on every one of its paths (any condition requires a value): otherwise documents lacking a
 * later field would be lost. For the same reason an index never serves {@code orderBy} alone, as documents without
 * the field must still come (last) in the results.
 */
final class QueryPlanner {
    /** A chosen way to run a query. */
    record Plan<K, V>(OrderedIndex<K, V> index, List<IndexRange> ranges, List<Condition> residual, boolean ordered,
                      int score) {
    }

    private QueryPlanner() {
    }

    static <K, V> Plan<K, V> plan(List<OrderedIndex<K, V>> indexes, List<Condition> conditions, FieldPath orderBy) {
        Plan<K, V> best = null;
        for (OrderedIndex<K, V> index : indexes) {
            Plan<K, V> candidate = planFor(index, conditions, orderBy);
            if (candidate != null && (best == null || better(candidate, best))) {
                best = candidate;
            }
        }
        if (best != null) {
            return best;
        }
        return new Plan<>(null, List.of(), conditions, orderBy == null, 0);
    }

    private static boolean better(Plan<?, ?> a, Plan<?, ?> b) {
        if (a.score() != b.score()) {
            return a.score() > b.score();
        }
        if (a.ordered() != b.ordered()) {
            return a.ordered();
        }
        return a.index().definition.unique() && !b.index().definition.unique();
    }

    private static <K, V> Plan<K, V> planFor(OrderedIndex<K, V> index, List<Condition> conditions,
                                             FieldPath orderBy) {
        List<FieldPath> paths = index.definition.paths();
        for (FieldPath path : paths) {
            if (conditions.stream().noneMatch(condition -> condition.path().equals(path))) {
                return null;
            }
        }
        List<Condition> covered = new ArrayList<>();
        List<List<Object>> prefixes = new ArrayList<>();
        prefixes.add(List.of());
        int fixed = 0;
        while (fixed < paths.size()) {
            Condition equality = find(conditions, paths.get(fixed), true);
            if (equality == null || (equality.operator() == Condition.Operator.IN && prefixes.size() > 1)) {
                break;
            }
            List<List<Object>> extended = new ArrayList<>();
            for (List<Object> prefix : prefixes) {
                for (IndexRange value : equality.ranges()) {
                    List<Object> longer = new ArrayList<>(prefix);
                    longer.add(value.lower().prefix()[0]);
                    extended.add(longer);
                }
            }
            prefixes = extended;
            covered.add(equality);
            fixed++;
        }
        Condition range = fixed < paths.size() ? find(conditions, paths.get(fixed), false) : null;
        if (range != null) {
            covered.add(range);
        }
        boolean single = prefixes.size() == 1;
        boolean ordered = orderBy == null
                || (single && !orderBy.isMultiValued() && (covered.stream()
                        .anyMatch(c -> c.isEquality() && c.path().equals(orderBy))
                        || (fixed < paths.size() && paths.get(fixed).equals(orderBy))));
        int score = fixed * 2 + (range != null ? 1 : 0);
        if (score == 0) {
            return null;
        }
        List<IndexRange> ranges = new ArrayList<>();
        for (List<Object> prefix : prefixes) {
            ranges.add(range == null ? prefixRange(prefix) : boundedRange(prefix, range.ranges().get(0)));
        }
        List<Condition> residual = new ArrayList<>(conditions);
        residual.removeAll(covered);
        return new Plan<>(index, ranges, residual, ordered, score);
    }

    private static Condition find(List<Condition> conditions, FieldPath path, boolean equality) {
        for (Condition condition : conditions) {
            if (condition.path().equals(path) && condition.isEquality() == equality) {
                return condition;
            }
        }
        return null;
    }

    private static IndexRange prefixRange(List<Object> prefix) {
        return prefix.isEmpty() ? IndexRange.all() : IndexRange.prefix(prefix.toArray());
    }

    /** The range of {@code bounds} on the field after {@code prefix}. */
    private static IndexRange boundedRange(List<Object> prefix, IndexRange bounds) {
        return new IndexRange(extend(prefix, bounds.lower()), extend(prefix, bounds.upper()));
    }

    private static Bound extend(List<Object> prefix, Bound bound) {
        if (bound.isUnbounded()) {
            return prefix.isEmpty() ? Bound.unbounded() : Bound.inclusive(prefix.toArray());
        }
        List<Object> values = new ArrayList<>(prefix);
        values.add(bound.prefix()[0]);
        return bound.isInclusive() ? Bound.inclusive(values.toArray()) : Bound.exclusive(values.toArray());
    }
}
