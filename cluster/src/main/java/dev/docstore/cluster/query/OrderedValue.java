package dev.docstore.cluster.query;

import dev.docstore.index.ValueOrder;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * A document value as a Hazelcast index and predicate see it: {@link Comparable} in docstore's {@link ValueOrder}, so
 * one SORTED index holds values of every type side by side ({@code 5}, {@code 5.0} and {@code "5"} in the local
 * store's order) where Hazelcast's own comparison of an {@code Integer} with a {@code String} throws. Equal in the value
 * order means equal here, and hash codes agree with that (numbers hash by their exact value).
 */
public final class OrderedValue implements Comparable<OrderedValue>, Serializable {
    private static final long serialVersionUID = 1L;

    private final Object value;

    private OrderedValue(Object value) {
        this.value = value;
    }

    /**
     * {@code value} wrapped.
     *
     * @throws IllegalArgumentException if {@code value} has no place in the value order
     */
    public static OrderedValue of(Object value) {
        Objects.requireNonNull(value, "value must not be null");
        if (!ValueOrder.isOrderable(value)) {
            throw new IllegalArgumentException("a value of type " + value.getClass().getName()
                    + " has no place in docstore's value order and cannot be indexed or compared");
        }
        return new OrderedValue(value);
    }

    /** The wrapped value. */
    public Object value() {
        return value;
    }

    @Override
    public int compareTo(OrderedValue other) {
        return ValueOrder.INSTANCE.compare(value, other.value);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OrderedValue that && compareTo(that) == 0;
    }

    @Override
    public int hashCode() {
        if (value instanceof Number number) {
            return numberHash(number);
        }
        if (value instanceof String || value instanceof Boolean || value instanceof java.util.UUID) {
            return value.hashCode();
        }
        // lists, maps and temporals: equal values may differ in class or representation; a constant is always right
        return value.getClass().isEnum() ? value.hashCode() : 0;
    }

    /** Equal numbers (5, 5L, 5.0, 5.00) hash alike: by the double nearest to them, or by their exact value. */
    private static int numberHash(Number number) {
        double approximate = number.doubleValue();
        if (Double.isNaN(approximate) || Double.isInfinite(approximate)) {
            return Double.hashCode(approximate);
        }
        if (number instanceof BigDecimal decimal && decimal.signum() == 0) {
            return 0;
        }
        return Double.hashCode(approximate == 0.0 ? 0.0 : approximate);
    }

    @Override
    public String toString() {
        return String.valueOf(value);
    }
}
