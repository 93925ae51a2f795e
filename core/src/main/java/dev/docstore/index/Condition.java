package dev.docstore.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One condition of a {@link Query} on one field path. Values compare by {@link ValueOrder}, so {@code eq(5)} matches
 * {@code 5.0}; range conditions ({@code gt}, {@code between}...) hold only between values of one kind (a number is
 * never greater than a string). On a list path ({@code tags[]}) a condition holds when any element satisfies it.
 * Immutable.
 *
 * @param path     the field path
 * @param operator what to test
 * @param values   the operands: one, two for {@code BETWEEN}, any number for {@code IN}
 */
public record Condition(FieldPath path, Operator operator, List<Object> values) {
    /** The tests a condition can make. */
    public enum Operator { EQ, IN, GT, GTE, LT, LTE, BETWEEN, STARTS_WITH }

    public Condition {
        Objects.requireNonNull(path, "path must not be null");
        Objects.requireNonNull(operator, "operator must not be null");
        Objects.requireNonNull(values, "values must not be null");
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new NullPointerException("condition " + operator + " on '" + path + "': value " + (i + 1)
                        + " is null; null is never matched (a null or missing field is in no index and matches no"
                        + " condition)");
            }
        }
        values = List.copyOf(values);
        for (Object value : values) {
            if (!ValueOrder.isOrderable(value)) {
                throw new IllegalArgumentException("condition on '" + path + "': " + value
                        + " cannot be compared; use a document value (null is never matched)");
            }
        }
        int expected = operator == Operator.BETWEEN ? 2 : 1;
        if (operator == Operator.IN ? values.isEmpty() : values.size() != expected) {
            throw new IllegalArgumentException("condition " + operator + " on '" + path + "' takes "
                    + (operator == Operator.IN ? "at least one value" : expected + " value(s)") + ", got " + values);
        }
        if (operator == Operator.STARTS_WITH && !(values.get(0) instanceof String)) {
            throw new IllegalArgumentException("startsWith on '" + path + "' needs a String, got " + values.get(0));
        }
    }

    /** Whether {@code value} (a stored value) satisfies the condition. */
    public boolean matches(Object value, FieldReader reader) {
        List<Object> found = new ArrayList<>(1);
        path.read(value, reader, found::add);
        for (Object candidate : found) {
            if (holds(candidate)) {
                return true;
            }
        }
        return false;
    }

    private boolean holds(Object candidate) {
        ValueOrder order = ValueOrder.INSTANCE;
        Object first = values.get(0);
        switch (operator) {
            case EQ:
                return ValueOrder.isOrderable(candidate) && order.compare(candidate, first) == 0;
            case IN:
                return ValueOrder.isOrderable(candidate)
                        && values.stream().anyMatch(v -> order.compare(candidate, v) == 0);
            case STARTS_WITH:
                return candidate instanceof String text && text.startsWith((String) first);
            default:
                break;
        }
        if (!ValueOrder.sameKind(candidate, first)) {
            return false;
        }
        int c = order.compare(candidate, first);
        switch (operator) {
            case GT:
                return c > 0;
            case GTE:
                return c >= 0;
            case LT:
                return c < 0;
            case LTE:
                return c <= 0;
            default:
                return c >= 0 && ValueOrder.sameKind(candidate, values.get(1))
                        && order.compare(candidate, values.get(1)) <= 0;
        }
    }

    /** The range of values this condition admits, for an index scan; {@code IN} has one range per value. */
    public List<IndexRange> ranges() {
        Object first = values.get(0);
        switch (operator) {
            case EQ:
                return List.of(IndexRange.exact(first));
            case IN:
                return distinctInOrder(values).stream().map(IndexRange::exact).toList();
            case GT:
                return List.of(new IndexRange(Bound.exclusive(first), Bound.unbounded()));
            case GTE:
                return List.of(new IndexRange(Bound.inclusive(first), Bound.unbounded()));
            case LT:
                return List.of(new IndexRange(Bound.unbounded(), Bound.exclusive(first)));
            case LTE:
                return List.of(new IndexRange(Bound.unbounded(), Bound.inclusive(first)));
            case BETWEEN:
                return List.of(new IndexRange(Bound.inclusive(first), Bound.inclusive(values.get(1))));
            default:
                String successor = Strings.successorOfPrefix((String) first);
                return List.of(new IndexRange(Bound.inclusive(first),
                        successor == null ? Bound.unbounded() : Bound.exclusive(successor)));
        }
    }

    /** The values sorted and made distinct by the value order (so 30, 30L and 30.0 are one value). */
    private static List<Object> distinctInOrder(List<Object> values) {
        List<Object> sorted = new ArrayList<>(values);
        sorted.sort(ValueOrder.INSTANCE);
        List<Object> distinct = new ArrayList<>(sorted.size());
        for (Object value : sorted) {
            if (distinct.isEmpty() || ValueOrder.INSTANCE.compare(distinct.get(distinct.size() - 1), value) != 0) {
                distinct.add(value);
            }
        }
        return distinct;
    }

    /** Whether the condition fixes one value (so an index can go on to its next field). */
    public boolean isEquality() {
        return operator == Operator.EQ || operator == Operator.IN;
    }

    @Override
    public String toString() {
        return path + " " + operator.name().toLowerCase(Locale.ROOT) + " " + (values.size() == 1
                ? Tuples.describe(values.get(0)) : values.toString());
    }
}
