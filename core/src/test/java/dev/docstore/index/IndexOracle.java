package dev.docstore.index;

import dev.docstore.engine.Entry;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A brute-force reading of the documented index and query semantics, written without the index code: paths are walked
 * by hand, tuples are lists, ranges are filters over a sorted list. For the semantics it relies on {@link ValueOrder}
 * alone, as the comparator of values (tested on its own in {@code ValueOrderTest}); {@link Bound} and
 * {@link IndexRange} appear only to turn a request into the API's terms.
 */
final class IndexOracle {
    private static final ValueOrder ORDER = ValueOrder.INSTANCE;

    /** Tuples compare element by element (all of one index have the same length). */
    static final Comparator<List<Object>> TUPLES = IndexOracle::compareTuples;

    private IndexOracle() {
    }

    /** One end of a range: {@code prefix == null} means unbounded. */
    record Side(List<Object> prefix, boolean inclusive) {
        static final Side OPEN = new Side(null, true);

        static Side inclusive(Object... prefix) {
            return new Side(List.of(prefix), true);
        }

        static Side exclusive(Object... prefix) {
            return new Side(List.of(prefix), false);
        }

        boolean isOpen() {
            return prefix == null;
        }

        Bound toBound() {
            if (prefix == null) {
                return Bound.unbounded();
            }
            return inclusive ? Bound.inclusive(prefix.toArray()) : Bound.exclusive(prefix.toArray());
        }

        @Override
        public String toString() {
            return prefix == null ? "open" : (inclusive ? "incl" : "excl") + describe(prefix);
        }
    }

    /** What one scan asks for. */
    record ScanSpec(Side lower, Side upper, boolean descending, long offset, int limit) {
        static ScanSpec all() {
            return new ScanSpec(Side.OPEN, Side.OPEN, false, 0, Integer.MAX_VALUE);
        }

        IndexRange toRange() {
            return new IndexRange(lower.toBound(), upper.toBound());
        }
    }

    /** The values a path reaches: walks maps, fans out over the list of a {@code name[]} segment, skips nulls. */
    static List<Object> read(Object document, String path) {
        List<Object> out = new ArrayList<>(1);
        walk(document, path.split("\\.", -1), 0, out);
        return out;
    }

    private static void walk(Object current, String[] segments, int at, List<Object> out) {
        if (at == segments.length) {
            if (current != null) {
                out.add(current);
            }
            return;
        }
        if (!(current instanceof Map<?, ?> map)) {
            return;
        }
        String segment = segments[at];
        boolean fans = segment.endsWith("[]");
        Object next = map.get(fans ? segment.substring(0, segment.length() - 2) : segment);
        if (next == null) {
            return;
        }
        if (!fans) {
            walk(next, segments, at + 1, out);
            return;
        }
        if (next instanceof List<?> list) {
            for (Object element : list) {
                if (element != null) {
                    walk(element, segments, at + 1, out);
                }
            }
        }
    }

    /** The distinct tuples (by value order) a document has in an index on {@code paths}, sorted. */
    static List<List<Object>> tuples(List<String> paths, Object document) {
        List<List<Object>> tuples = new ArrayList<>();
        tuples.add(List.of());
        for (String path : paths) {
            List<Object> values = read(document, path);
            List<List<Object>> longer = new ArrayList<>();
            for (List<Object> tuple : tuples) {
                for (Object value : values) {
                    List<Object> grown = new ArrayList<>(tuple);
                    grown.add(value);
                    longer.add(grown);
                }
            }
            tuples = longer;
        }
        tuples.sort(TUPLES);
        List<List<Object>> distinct = new ArrayList<>();
        for (List<Object> tuple : tuples) {
            if (distinct.isEmpty() || compareTuples(distinct.get(distinct.size() - 1), tuple) != 0) {
                distinct.add(tuple);
            }
        }
        return distinct;
    }

    static int compareTuples(List<Object> left, List<Object> right) {
        for (int i = 0; i < Math.min(left.size(), right.size()); i++) {
            int c = ORDER.compare(left.get(i), right.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    /** Compares a tuple with a prefix over the prefix's length: 0 when the tuple starts with it. */
    static int comparePrefix(List<Object> tuple, List<Object> prefix) {
        for (int i = 0; i < prefix.size(); i++) {
            int c = ORDER.compare(tuple.get(i), prefix.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    static boolean inside(List<Object> tuple, Side lower, Side upper) {
        if (!lower.isOpen()) {
            int c = comparePrefix(tuple, lower.prefix());
            if (lower.inclusive() ? c < 0 : c <= 0) {
                return false;
            }
        }
        if (!upper.isOpen()) {
            int c = comparePrefix(tuple, upper.prefix());
            return upper.inclusive() ? c <= 0 : c < 0;
        }
        return true;
    }

    /**
     * What a scan of an index on {@code paths} returns over {@code documents}: every (tuple, entry) in range, ordered by
     * tuple then key, reversed when descending, each key kept at its first tuple in scan order, then offset and limit.
     */
    static <V> List<Entry<String, V>> scan(Collection<Entry<String, V>> documents, List<String> paths, ScanSpec spec) {
        record At<V>(List<Object> tuple, Entry<String, V> entry) {
        }
        List<At<V>> all = new ArrayList<>();
        for (Entry<String, V> entry : documents) {
            for (List<Object> tuple : tuples(paths, entry.value())) {
                if (inside(tuple, spec.lower(), spec.upper())) {
                    all.add(new At<>(tuple, entry));
                }
            }
        }
        Comparator<At<V>> order = Comparator.<At<V>, List<Object>>comparing(At::tuple, TUPLES)
                .thenComparing(at -> at.entry().key(), ORDER);
        all.sort(spec.descending() ? order.reversed() : order);
        Set<String> seen = new HashSet<>();
        List<Entry<String, V>> result = new ArrayList<>();
        long skipped = 0;
        for (At<V> at : all) {
            if (!seen.add(at.entry().key())) {
                continue;
            }
            if (skipped < spec.offset()) {
                skipped++;
                continue;
            }
            if (result.size() == spec.limit()) {
                break;
            }
            result.add(at.entry());
        }
        return result;
    }

    /** The number of (tuple, key) entries an index on {@code paths} holds for these documents. */
    static <V> long entryCount(Collection<Entry<String, V>> documents, List<String> paths) {
        return documents.stream().mapToLong(entry -> tuples(paths, entry.value()).size()).sum();
    }

    /** Two keys sharing a tuple of a unique index on {@code paths}, or null. */
    static <V> List<String> uniqueViolation(Collection<Entry<String, V>> documents, List<String> paths) {
        List<Entry<String, V>> list = new ArrayList<>(documents);
        for (int i = 0; i < list.size(); i++) {
            for (int j = i + 1; j < list.size(); j++) {
                if (shareTuple(paths, list.get(i).value(), list.get(j).value())) {
                    return List.of(list.get(i).key(), list.get(j).key());
                }
            }
        }
        return null;
    }

    static boolean shareTuple(List<String> paths, Object left, Object right) {
        for (List<Object> l : tuples(paths, left)) {
            for (List<Object> r : tuples(paths, right)) {
                if (compareTuples(l, r) == 0) {
                    return true;
                }
            }
        }
        return false;
    }

    // ---- queries ----

    /** A query condition as the oracle reads it. */
    record Cond(String path, Condition.Operator operator, List<Object> values) {
        boolean matches(Object document) {
            for (Object candidate : read(document, path)) {
                if (holds(candidate)) {
                    return true;
                }
            }
            return false;
        }

        private boolean holds(Object candidate) {
            Object first = values.get(0);
            switch (operator) {
                case EQ:
                    return ORDER.compare(candidate, first) == 0;
                case IN:
                    return values.stream().anyMatch(v -> ORDER.compare(candidate, v) == 0);
                case STARTS_WITH:
                    return candidate instanceof String text && text.startsWith((String) first);
                default:
                    break;
            }
            if (!kind(candidate).equals(kind(first))) {
                return false;
            }
            int c = ORDER.compare(candidate, first);
            switch (operator) {
                case GT:
                    return c > 0;
                case GTE:
                    return c >= 0;
                case LT:
                    return c < 0;
                case LTE:
                    return c <= 0;
                case BETWEEN:
                    Object high = values.get(1);
                    return c >= 0 && kind(candidate).equals(kind(high)) && ORDER.compare(candidate, high) <= 0;
                default:
                    throw new AssertionError(operator);
            }
        }

        @Override
        public String toString() {
            return path + " " + operator + " " + describe(values);
        }
    }

    /** The kind of a value for range conditions: values of one kind are comparable to users. */
    static String kind(Object value) {
        if (value instanceof Boolean) {
            return "boolean";
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double || value instanceof Float
                || value instanceof Short || value instanceof Byte || value instanceof BigDecimal
                || value instanceof BigInteger) {
            return "number";
        }
        if (value instanceof String) {
            return "string";
        }
        if (value instanceof UUID) {
            return "uuid";
        }
        if (value instanceof Enum<?>) {
            return "enum";
        }
        if (value instanceof List<?>) {
            return "list";
        }
        if (value instanceof Map<?, ?>) {
            return "map";
        }
        return "temporal:" + value.getClass().getName();
    }

    /** The value an entry is ordered by: the first value at the path, or null when it has none. */
    static Object orderValue(Object document, String path) {
        List<Object> values = read(document, path);
        return values.isEmpty() ? null : values.get(0);
    }

    /** Every document that satisfies every condition. */
    static <V> List<Entry<String, V>> matching(Collection<Entry<String, V>> documents, List<Cond> conditions) {
        return documents.stream().filter(entry -> conditions.stream().allMatch(c -> c.matches(entry.value())))
                .toList();
    }

    /** Sorted by the value at {@code path} (missing last in both directions). */
    static <V> List<Entry<String, V>> sortedBy(List<Entry<String, V>> entries, String path, boolean descending) {
        Comparator<Object> values = descending ? ORDER.reversed() : ORDER;
        Comparator<Entry<String, V>> order = Comparator.comparing(entry -> orderValue(entry.value(), path),
                Comparator.nullsLast(values));
        List<Entry<String, V>> sorted = new ArrayList<>(entries);
        sorted.sort(order);
        return sorted;
    }

    static boolean sameOrderValue(Object left, Object right) {
        if (left == null || right == null) {
            return left == right;
        }
        return ORDER.compare(left, right) == 0;
    }

    // ---- display ----

    static String describe(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object element : list) {
                parts.add(describe(element));
            }
            return parts.toString();
        }
        if (value instanceof String text) {
            StringBuilder out = new StringBuilder("\"");
            text.codePoints().forEach(cp -> {
                if (cp >= 0x20 && cp < 0x7f) {
                    out.appendCodePoint(cp);
                } else {
                    out.append(String.format("\\u{%X}", cp));
                }
            });
            return out.append('"').toString();
        }
        return value == null ? "null" : value + ":" + value.getClass().getSimpleName();
    }

    /** (key, version, value) triples, to compare results exactly. */
    static <V> List<String> triples(List<Entry<String, V>> entries) {
        List<String> out = new ArrayList<>(entries.size());
        for (Entry<String, V> entry : entries) {
            out.add(entry.key() + "@" + entry.version() + "=" + Objects.toString(entry.value()));
        }
        return out;
    }
}
