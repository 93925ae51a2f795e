package dev.docstore.index;

import java.util.Comparator;

/**
 * Orders the store's keys inside an index, after the tuple: document-value keys (strings, numbers, UUIDs...) by
 * {@link ValueOrder}, ties between unequal keys (5 and 5L, 1.0 and 1.00) broken by class name then text; other
 * {@link Comparable} keys of one class by {@code compareTo}, which must be consistent with {@code equals}; keys of
 * different classes by class name. Keys of a class that is neither cannot be indexed.
 */
public final class KeyOrder implements Comparator<Object> {
    /** The single instance. */
    public static final KeyOrder INSTANCE = new KeyOrder();

    private KeyOrder() {
    }

    /** Throws when {@code key} cannot take a place in an index. */
    static void requireOrderable(Object key) {
        if (!ValueOrder.isOrderable(key) && !(key instanceof Comparable<?>)) {
            throw new IllegalArgumentException("key " + key + " of type " + key.getClass().getName()
                    + " cannot be indexed: index keys must be document values (String, number, UUID...) or Comparable");
        }
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"}) // same class on both sides, checked Comparable by requireOrderable
    public int compare(Object left, Object right) {
        // the usual keys first, in the order ValueOrder gives them, without ranking them: this runs in every search
        // of an index's keys
        if (left instanceof Integer l && right instanceof Integer r) {
            return Integer.compare(l, r);
        }
        if (left instanceof Long l && right instanceof Long r) {
            return Long.compare(l, r);
        }
        if (left instanceof String l && right instanceof String r) {
            return ValueOrder.compareCodePoints(l, r);
        }
        if (left.equals(right)) {
            return 0;
        }
        boolean leftValue = ValueOrder.isOrderable(left);
        boolean rightValue = ValueOrder.isOrderable(right);
        if (leftValue && rightValue) {
            int c = ValueOrder.INSTANCE.compare(left, right);
            return c != 0 ? c : tieBreak(left, right);
        }
        if (leftValue != rightValue) {
            return leftValue ? -1 : 1;
        }
        if (left.getClass() != right.getClass()) {
            return left.getClass().getName().compareTo(right.getClass().getName());
        }
        return ((Comparable) left).compareTo(right);
    }

    private static int tieBreak(Object left, Object right) {
        int c = left.getClass().getName().compareTo(right.getClass().getName());
        return c != 0 ? c : left.toString().compareTo(right.toString());
    }
}
