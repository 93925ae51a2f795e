package dev.docstore.index;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One end of an index range: every tuple starting with a prefix included, every such tuple excluded, or no limit.
 * A prefix shorter than the index's tuples stands for all tuples that start with it, so on an index of
 * {@code (city, age)}, {@code inclusive("Lisbon")} as an upper bound includes every Lisbon tuple and
 * {@code exclusive("Lisbon")} as a lower bound starts after the last one. Immutable.
 */
public final class Bound {
    private static final Bound UNBOUNDED = new Bound(new Object[0], true);

    private final Object[] prefix;
    private final boolean inclusive;

    private Bound(Object[] prefix, boolean inclusive) {
        this.prefix = prefix;
        this.inclusive = inclusive;
    }

    /** Tuples starting with {@code prefix} are inside the range. */
    public static Bound inclusive(Object... prefix) {
        return new Bound(checked(prefix), true);
    }

    /** Tuples starting with {@code prefix} are outside the range. */
    public static Bound exclusive(Object... prefix) {
        return new Bound(checked(prefix), false);
    }

    /** No limit on this side. */
    public static Bound unbounded() {
        return UNBOUNDED;
    }

    private static Object[] checked(Object[] prefix) {
        Objects.requireNonNull(prefix, "bound values must not be null");
        if (prefix.length == 0) {
            throw new IllegalArgumentException("a bound needs at least one value; use Bound.unbounded() for none");
        }
        for (int i = 0; i < prefix.length; i++) {
            if (!ValueOrder.isOrderable(prefix[i])) {
                throw new IllegalArgumentException("bound value " + (i + 1) + " (" + prefix[i]
                        + ") is not an indexable value: null is never indexed, and only document values are ordered");
            }
        }
        return prefix.clone();
    }

    public boolean isUnbounded() {
        return prefix.length == 0;
    }

    public boolean isInclusive() {
        return inclusive;
    }

    Object[] prefix() {
        return prefix;
    }

    /** The prefix's values, empty when unbounded (for a provider that runs scans on another engine). */
    public List<Object> values() {
        return List.of(prefix);
    }

    /** The bound as a key of the index map, seen as a lower ({@code lower == true}) or upper end. */
    IndexKey.BoundKey toKey(boolean lower) {
        return new IndexKey.BoundKey(prefix, lower != inclusive);
    }

    @Override
    public String toString() {
        if (isUnbounded()) {
            return "unbounded";
        }
        return (inclusive ? "inclusive" : "exclusive") + Arrays.toString(prefix);
    }
}
