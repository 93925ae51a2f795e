package dev.docstore.cluster.query;

import dev.docstore.index.Bound;
import dev.docstore.index.Condition;
import dev.docstore.index.FieldPath;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexRange;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the index a query's results are ordered by, by the rules of the local planner, so that a cluster cache
 * returns a query's results in the order the local store would: an index serves only a query with a condition on each
 * of its paths; the one whose leading paths the query fixes with equalities the most (two points each), and whose next
 * path it bounds with a range (one point), wins; on a tie, the one whose order serves {@code orderBy}, then the one
 * created first. (Unique indexes, the local tie-breaker after that, do not exist on a cluster.) Stateless.
 */
final class ClusterQueryPlanner {
    /**
     * A chosen plan.
     *
     * @param index    the index whose order the results follow, or {@code null} for none
     * @param ranges   its ranges, in order (one per combination of {@code IN} values)
     * @param residual the conditions the ranges do not settle
     * @param ordered  whether the index order serves {@code orderBy} (true when there is none)
     */
    record Plan(@Nullable IndexDefinition index, List<IndexRange> ranges, List<Condition> residual, boolean ordered,
                int score) {
    }

    private ClusterQueryPlanner() {
    }

    /** The best plan over {@code indexes}, given in creation order. */
    static Plan plan(List<IndexDefinition> indexes, List<Condition> conditions, @Nullable FieldPath orderBy) {
        Plan best = null;
        for (IndexDefinition index : indexes) {
            Plan candidate = planFor(index, conditions, orderBy);
            if (candidate != null && (best == null || candidate.score() > best.score()
                    || (candidate.score() == best.score() && candidate.ordered() && !best.ordered()))) {
                best = candidate;
            }
        }
        return best != null ? best : new Plan(null, List.of(), conditions, orderBy == null, 0);
    }

    private static @Nullable Plan planFor(IndexDefinition index, List<Condition> conditions,
                                          @Nullable FieldPath orderBy) {
        List<FieldPath> paths = index.paths();
        // an index holds only documents with a value on every path: without a condition on each it would lose some
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
            // one IN fans the scan out; a second would multiply the ranges, so it stays a residual filter
            if (equality == null || (equality.operator() == Condition.Operator.IN && prefixes.size() > 1)) {
                break;
            }
            List<List<Object>> longer = new ArrayList<>();
            for (List<Object> prefix : prefixes) {
                for (IndexRange value : equality.ranges()) {
                    List<Object> extended = new ArrayList<>(prefix);
                    extended.add(value.lower().values().get(0));
                    longer.add(extended);
                }
            }
            prefixes = longer;
            covered.add(equality);
            fixed++;
        }
        Condition range = fixed < paths.size() ? find(conditions, paths.get(fixed), false) : null;
        if (range != null) {
            covered.add(range);
        }
        int score = fixed * 2 + (range != null ? 1 : 0);
        if (score == 0) {
            return null;
        }
        boolean ordered = orderBy == null || (prefixes.size() == 1 && !orderBy.isMultiValued()
                && (covered.stream().anyMatch(c -> c.isEquality() && c.path().equals(orderBy))
                        || (fixed < paths.size() && paths.get(fixed).equals(orderBy))));
        List<IndexRange> ranges = new ArrayList<>();
        for (List<Object> prefix : prefixes) {
            ranges.add(range == null ? prefixRange(prefix) : boundedRange(prefix, range.ranges().get(0)));
        }
        List<Condition> residual = new ArrayList<>(conditions);
        residual.removeAll(covered);
        return new Plan(index, ranges, residual, ordered, score);
    }

    private static @Nullable Condition find(List<Condition> conditions, FieldPath path, boolean equality) {
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

    private static IndexRange boundedRange(List<Object> prefix, IndexRange bounds) {
        return new IndexRange(extend(prefix, bounds.lower()), extend(prefix, bounds.upper()));
    }

    private static Bound extend(List<Object> prefix, Bound bound) {
        if (bound.isUnbounded()) {
            return prefix.isEmpty() ? Bound.unbounded() : Bound.inclusive(prefix.toArray());
        }
        List<Object> values = new ArrayList<>(prefix);
        values.add(bound.values().get(0));
        return bound.isInclusive() ? Bound.inclusive(values.toArray()) : Bound.exclusive(values.toArray());
    }
}
