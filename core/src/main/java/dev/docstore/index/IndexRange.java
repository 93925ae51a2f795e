package dev.docstore.index;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which tuples of an index a scan visits: a lower and an upper {@link Bound}. Immutable.
 *
 * <p>go-store's {@code LookupRange(index, min, max)} is {@link #between(Object, Object)}: from {@code min} included to
 * {@code max} excluded, each a tuple prefix, {@code null} for no limit.
 *
 * @param lower the lower end
 * @param upper the upper end
 */
public record IndexRange(Bound lower, Bound upper) {
    private static final IndexRange ALL = new IndexRange(Bound.unbounded(), Bound.unbounded());

    public IndexRange {
        Objects.requireNonNull(lower, "lower bound must not be null; use Bound.unbounded()");
        Objects.requireNonNull(upper, "upper bound must not be null; use Bound.unbounded()");
    }

    /** Every tuple. */
    public static IndexRange all() {
        return ALL;
    }

    /** Tuples equal to {@code values}, which must name every field of the index. */
    public static IndexRange exact(Object... values) {
        return new IndexRange(Bound.inclusive(values), Bound.inclusive(values));
    }

    /** Tuples starting with {@code values} (fewer values than the index has fields, or all of them). */
    public static IndexRange prefix(Object... values) {
        return exact(values);
    }

    /**
     * go-store's default range: {@code [min, max)}. A {@code List} bound is a tuple prefix (on any index, so a
     * field holding lists is bounded with {@link Bound} instead); {@code null} leaves that end open.
     */
    public static IndexRange between(@Nullable Object min, @Nullable Object max) {
        return new IndexRange(min == null ? Bound.unbounded() : Bound.inclusive(asPrefix(min)),
                max == null ? Bound.unbounded() : Bound.exclusive(asPrefix(max)));
    }

    private static Object[] asPrefix(Object bound) {
        return bound instanceof List<?> list ? list.toArray() : new Object[] {bound};
    }

    /** Whether both ends name the same full tuple, inclusively: an exact lookup. */
    boolean isExact(int arity) {
        return lower.isInclusive() && upper.isInclusive() && lower.prefix().length == arity
                && upper.prefix().length == arity && Tuples.compareToPrefix(lower.prefix(), upper.prefix()) == 0;
    }

    @Override
    public String toString() {
        return "[" + lower + " .. " + upper + "]";
    }
}
