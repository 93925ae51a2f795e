package dev.docstore.index;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Index tuples: for a one-field index the field's value itself, otherwise an {@code Object[]} with one value per path.
 * Extraction, comparison, hashing consistent with the comparison, and display.
 */
final class Tuples {
    private Tuples() {
    }

    /**
     * Passes to {@code sink} each distinct tuple that {@code value} has in an index of {@code definition}: none when a
     * path is missing or null, several when a list path fans out. Values without a place in {@link ValueOrder} (only
     * possible for plain objects read through a {@link FieldReader}) make the value unindexable: {@code false} is
     * returned and nothing is passed.
     */
    static boolean forEach(IndexDefinition definition, FieldReader reader, Object value, Consumer<Object> sink) {
        List<FieldPath> paths = definition.paths();
        if (!definition.isMultiValued()) {
            Object tuple = single(definition, reader, value);
            if (tuple == UNINDEXABLE) {
                return false;
            }
            if (tuple != null) {
                sink.accept(tuple);
            }
            return true;
        }
        List<List<Object>> columns = new ArrayList<>(paths.size());
        for (FieldPath path : paths) {
            List<Object> values = path.values(value, reader);
            if (values.isEmpty()) {
                return true;
            }
            for (Object v : values) {
                if (!ValueOrder.isOrderable(v)) {
                    return false;
                }
            }
            columns.add(values);
        }
        List<Object> tuples = new ArrayList<>();
        product(columns, 0, new Object[paths.size()], tuples);
        if (tuples.size() > 1) {
            tuples.sort((a, b) -> compare(a, b));
            Object previous = null;
            for (Object tuple : tuples) {
                if (previous == null || compare(previous, tuple) != 0) {
                    sink.accept(tuple);
                }
                previous = tuple;
            }
        } else {
            tuples.forEach(sink);
        }
        return true;
    }

    /** What {@link #single} returns for a value that has no place in {@link ValueOrder}. */
    static final Object UNINDEXABLE = new Object();

    /**
     * The one tuple {@code value} has in an index without a list path: {@code null} when a path is missing or null,
     * {@link #UNINDEXABLE} when a value cannot be ordered. Allocates only a composite tuple's array: it runs for every
     * index on every write.
     */
    static Object single(IndexDefinition definition, FieldReader reader, Object value) {
        List<FieldPath> paths = definition.paths();
        int arity = paths.size();
        Object[] tuple = arity == 1 ? null : new Object[arity];
        for (int i = 0; i < arity; i++) {
            Object field = paths.get(i).readSingle(value, reader);
            if (field == null) {
                return null;
            }
            if (!ValueOrder.isOrderable(field)) {
                return UNINDEXABLE;
            }
            if (tuple == null) {
                return field;
            }
            tuple[i] = field;
        }
        return tuple;
    }

    private static void product(List<List<Object>> columns, int column, Object[] partial, List<Object> out) {
        if (column == columns.size()) {
            out.add(partial.length == 1 ? partial[0] : partial.clone());
            return;
        }
        for (Object value : columns.get(column)) {
            partial[column] = value;
            product(columns, column + 1, partial, out);
        }
    }

    /** The tuples of {@code value}, sorted and distinct; empty when it has none or is unindexable. */
    static List<Object> of(IndexDefinition definition, FieldReader reader, Object value) {
        List<Object> tuples = new ArrayList<>(1);
        forEach(definition, reader, value, tuples::add);
        return tuples;
    }

    /** Compares two tuples of one index. */
    static int compare(Object left, Object right) {
        if (left instanceof Object[] l) {
            Object[] r = (Object[]) right;
            for (int i = 0; i < l.length; i++) {
                int c = ValueOrder.INSTANCE.compare(l[i], r[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        return ValueOrder.INSTANCE.compare(left, right);
    }

    /**
     * Compares a tuple with a bound prefix over the prefix's length only: 0 means the tuple starts with the prefix.
     */
    static int compareToPrefix(Object tuple, Object[] prefix) {
        if (tuple instanceof Object[] t) {
            for (int i = 0; i < prefix.length; i++) {
                int c = ValueOrder.INSTANCE.compare(t[i], prefix[i]);
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        return prefix.length == 0 ? 0 : ValueOrder.INSTANCE.compare(tuple, prefix[0]);
    }

    /** A hash consistent with {@link ValueOrder} equality (5, 5L and 5.0 hash alike), for lock striping. */
    static int orderHash(Object value) {
        if (value instanceof Object[] tuple) {
            int hash = 1;
            for (Object element : tuple) {
                hash = 31 * hash + orderHash(element);
            }
            return hash;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            return d == 0.0 ? 0 : Double.hashCode(d);
        }
        if (value instanceof List<?> list) {
            int hash = 7;
            for (Object element : list) {
                hash = 31 * hash + (element == null ? 0 : orderHash(element));
            }
            return hash;
        }
        if (value instanceof Map<?, ?> map) {
            int hash = 11;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                hash += entry.getKey().hashCode() ^ (entry.getValue() == null ? 0 : orderHash(entry.getValue()));
            }
            return hash;
        }
        return value.hashCode();
    }

    /** A tuple as users see it: the value, or a list of values for a composite index. */
    static Object expose(Object tuple) {
        return tuple instanceof Object[] values ? List.of(values) : tuple;
    }

    static String describe(Object tuple) {
        return tuple instanceof Object[] values ? Arrays.toString(values) : String.valueOf(tuple);
    }
}
