package dev.docstore.cluster.query;

import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import dev.docstore.index.Bound;
import dev.docstore.index.Condition;
import dev.docstore.index.FieldPath;
import dev.docstore.index.IndexRange;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The Hazelcast predicates that let the members pick the candidates of a scan or a query on the {@code doc[...]}
 * attributes (through the SORTED indexes where there are some). A predicate only narrows: it keeps every document the
 * local store would return and maybe some more (a composite bound is tested on its first field only; a range keeps
 * values of other kinds that the value order places inside it), and the caller checks each candidate exactly.
 * Stateless.
 */
final class Candidates {
    private Candidates() {
    }

    /** Documents with a value at {@code path} inside one of {@code ranges} (on their first field). */
    static <K, V> Predicate<K, V> inRanges(FieldPath path, List<IndexRange> ranges) {
        String attribute = DocumentExtractor.attribute(path);
        List<Predicate<K, V>> any = new ArrayList<>(ranges.size());
        for (IndexRange range : ranges) {
            Predicate<K, V> one = inRange(attribute, range);
            if (one == null) {
                return Predicates.alwaysTrue();
            }
            any.add(one);
        }
        return any.size() == 1 ? any.get(0) : Predicates.or(array(any));
    }

    /**
     * Documents that may satisfy every one of {@code conditions}: the first condition on each path only, because
     * Hazelcast merges several predicates on one attribute as if it held one value ({@code tags[] = a and tags[] = e}
     * would select nothing), where a list path holds many.
     */
    static <K, V> Predicate<K, V> satisfying(List<Condition> conditions) {
        List<Predicate<K, V>> all = new ArrayList<>(conditions.size());
        Set<FieldPath> constrained = new HashSet<>();
        for (Condition condition : conditions) {
            if (constrained.add(condition.path())) {
                all.add(inRanges(condition.path(), condition.ranges()));
            }
        }
        if (all.isEmpty()) {
            return Predicates.alwaysTrue();
        }
        return all.size() == 1 ? all.get(0) : Predicates.and(array(all));
    }

    /** The first field of {@code range} on {@code attribute}; {@code null} when the range is not bounded at all. */
    private static <K, V> Predicate<K, V> inRange(String attribute, IndexRange range) {
        Bound lower = range.lower();
        Bound upper = range.upper();
        if (lower.isUnbounded() && upper.isUnbounded()) {
            return null;
        }
        if (!lower.isUnbounded() && !upper.isUnbounded() && lower.isInclusive() && upper.isInclusive()
                && lower.values().size() == 1 && upper.values().size() == 1
                && OrderedValue.of(lower.values().get(0)).equals(OrderedValue.of(upper.values().get(0)))) {
            return Predicates.equal(attribute, OrderedValue.of(lower.values().get(0)));
        }
        Predicate<K, V> from = lower.isUnbounded() ? null : strict(lower)
                ? Predicates.greaterThan(attribute, first(lower)) : Predicates.greaterEqual(attribute, first(lower));
        Predicate<K, V> to = upper.isUnbounded() ? null : strict(upper)
                ? Predicates.lessThan(attribute, first(upper)) : Predicates.lessEqual(attribute, first(upper));
        if (from == null || to == null) {
            return from == null ? to : from;
        }
        return Predicates.and(from, to);
    }

    /** A bound that excludes its own first value: only an exclusive bound of one value does. */
    private static boolean strict(Bound bound) {
        return !bound.isInclusive() && bound.values().size() == 1;
    }

    private static OrderedValue first(Bound bound) {
        return OrderedValue.of(bound.values().get(0));
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // Predicates.and/or take an array of a generic type
    private static <K, V> Predicate<K, V>[] array(List<Predicate<K, V>> predicates) {
        return predicates.toArray(new Predicate[0]);
    }
}
