package dev.docstore.cluster.query;

import dev.docstore.index.Bound;
import dev.docstore.index.FieldPath;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexRange;
import dev.docstore.index.ValueOrder;
import dev.docstore.jcache.PropertyFieldReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The tuples a document has in an index, worked out in the calling JVM as the local store's indexes work them out: for
 * a one-field index the field's value, otherwise an {@code Object[]} with one value per path; none when a path is
 * missing; none, and {@link #UNINDEXABLE}, when a value has no place in {@link ValueOrder}; one per list element on a
 * {@code tags[]} path, sorted and distinct. Also the order of tuples and whether a tuple lies inside an
 * {@link IndexRange}. Stateless.
 */
final class DocumentTuples {
    /**
     * What {@link #of} returns for a document with a value that has no place in the value order: empty, and an
     * instance of its own, told apart from a document without the fields by identity.
     */
    static final List<Object> UNINDEXABLE = Collections.unmodifiableList(new ArrayList<>(0));

    private DocumentTuples() {
    }

    /** The tuples of {@code value} in an index of {@code definition}, sorted and distinct. */
    static List<Object> of(IndexDefinition definition, Object value) {
        List<FieldPath> paths = definition.paths();
        List<List<Object>> columns = new ArrayList<>(paths.size());
        for (FieldPath path : paths) {
            List<Object> values = path.values(value, PropertyFieldReader.INSTANCE);
            if (values.isEmpty()) {
                return List.of();
            }
            for (Object field : values) {
                if (!ValueOrder.isOrderable(field)) {
                    return UNINDEXABLE;
                }
            }
            columns.add(values);
        }
        List<Object> tuples = new ArrayList<>();
        product(columns, 0, new Object[paths.size()], tuples);
        tuples.sort(DocumentTuples::compare);
        List<Object> distinct = new ArrayList<>(tuples.size());
        for (Object tuple : tuples) {
            if (distinct.isEmpty() || compare(distinct.get(distinct.size() - 1), tuple) != 0) {
                distinct.add(tuple);
            }
        }
        return distinct;
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

    /** Orders two tuples of one index, field by field in the value order. */
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

    /** Whether {@code tuple} lies inside {@code range}: its bounds are tuple prefixes, each included or excluded. */
    static boolean inside(Object tuple, IndexRange range) {
        Bound lower = range.lower();
        Bound upper = range.upper();
        if (!lower.isUnbounded()) {
            int c = compareToPrefix(tuple, lower.values());
            if (lower.isInclusive() ? c < 0 : c <= 0) {
                return false;
            }
        }
        if (!upper.isUnbounded()) {
            int c = compareToPrefix(tuple, upper.values());
            return upper.isInclusive() ? c <= 0 : c < 0;
        }
        return true;
    }

    /** Compares a tuple with a prefix over the prefix's length: 0 when the tuple starts with it. */
    private static int compareToPrefix(Object tuple, List<Object> prefix) {
        if (tuple instanceof Object[] values) {
            for (int i = 0; i < prefix.size(); i++) {
                int c = ValueOrder.INSTANCE.compare(values[i], prefix.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return 0;
        }
        return ValueOrder.INSTANCE.compare(tuple, prefix.get(0));
    }
}
