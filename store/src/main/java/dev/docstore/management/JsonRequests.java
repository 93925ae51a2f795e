package dev.docstore.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docstore.index.Bound;
import dev.docstore.index.Condition;
import dev.docstore.index.FieldPath;
import dev.docstore.index.IndexRange;
import dev.docstore.index.Query;
import dev.docstore.index.QueryPlan;
import dev.docstore.jcache.DocstoreCacheEntry;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON that management operations take and give, read and written with Jackson. Requests are checked strictly:
 * malformed JSON, unknown fields and wrong shapes fail with an {@link IllegalArgumentException} that says what was
 * expected. Stateless and thread-safe.
 *
 * <p>Bounds of an index scan, one of:
 * <ul>
 *   <li>{@code {"eq": [v1, ...]}}: the tuple equals these values;</li>
 *   <li>{@code {"prefix": [v1, ...]}}: tuples starting with these values;</li>
 *   <li>{@code {"min": [...], "max": [...]}}: go-store's default range, min included, max excluded, either optional;</li>
 *   <li>{@code {"from": {"values": [...], "inclusive": true}, "to": {...}}}: explicit ends, either optional;</li>
 * </ul>
 * each with optional {@code "descending": true}. A query: {@code {"where": [{"path": "city", "op": "eq", "values":
 * ["Lisbon"]}, ...], "orderBy": "age", "descending": false, "limit": 10}}, with the operators of {@link Condition}.
 */
final class JsonRequests {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final Set<String> END_FIELDS = Set.of("values", "inclusive");
    private static final Set<String> BOUND_FIELDS = Set.of("eq", "prefix", "min", "max", "from", "to", "descending");
    private static final Set<String> QUERY_FIELDS = Set.of("where", "orderBy", "descending", "limit", "offset");
    private static final Set<String> CONDITION_FIELDS = Set.of("path", "op", "values", "value");

    private JsonRequests() {
    }

    /** A parsed scan request: the range and the direction. */
    record Scan(IndexRange range, boolean descending) {
    }

    static Scan scan(String boundsJson) {
        JsonNode root = object(boundsJson, "bounds", BOUND_FIELDS);
        boolean descending = flag(root, "descending", false);
        int forms = (root.has("eq") ? 1 : 0) + (root.has("prefix") ? 1 : 0)
                + (root.has("min") || root.has("max") ? 1 : 0) + (root.has("from") || root.has("to") ? 1 : 0);
        if (forms > 1) {
            throw new IllegalArgumentException("the bounds JSON mixes forms; give one of eq, prefix, min/max or"
                    + " from/to, got: " + boundsJson);
        }
        if (root.has("eq") || root.has("prefix")) {
            Object[] values = values(root.has("eq") ? root.get("eq") : root.get("prefix"), "eq/prefix");
            return new Scan(IndexRange.exact(values), descending);
        }
        if (root.has("min") || root.has("max")) {
            Bound lower = root.has("min") ? Bound.inclusive(values(root.get("min"), "min")) : Bound.unbounded();
            Bound upper = root.has("max") ? Bound.exclusive(values(root.get("max"), "max")) : Bound.unbounded();
            return new Scan(new IndexRange(lower, upper), descending);
        }
        return new Scan(new IndexRange(end(root.get("from"), "from"), end(root.get("to"), "to")), descending);
    }

    private static Bound end(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return Bound.unbounded();
        }
        if (!node.isObject() || !node.has("values")) {
            throw new IllegalArgumentException("'" + name + "' must be an object like {\"values\": [...],"
                    + " \"inclusive\": true}");
        }
        requireFields(node, "'" + name + "'", END_FIELDS);
        Object[] values = values(node.get("values"), name + ".values");
        return flag(node, "inclusive", true) ? Bound.inclusive(values) : Bound.exclusive(values);
    }

    /** Builds the query a request describes onto {@code query}; its limit is at most, and by default, {@code max}. */
    static <K> Query<K, Object> query(String queryJson, Query<K, Object> query, int max) {
        JsonNode root = object(queryJson, "query", QUERY_FIELDS);
        JsonNode where = root.path("where");
        if (!where.isMissingNode() && !where.isArray()) {
            throw new IllegalArgumentException("'where' must be an array of conditions");
        }
        for (JsonNode condition : where) {
            query.where(condition(condition));
        }
        if (root.has("orderBy")) {
            if (!root.get("orderBy").isTextual()) {
                throw new IllegalArgumentException("'orderBy' must be a field path (a string), got "
                        + root.get("orderBy"));
            }
            String path = root.get("orderBy").asText();
            if (flag(root, "descending", false)) {
                query.orderByDescending(path);
            } else {
                query.orderBy(path);
            }
        }
        if (root.has("limit")) {
            JsonNode limit = root.get("limit");
            if (limit.isIntegralNumber() && limit.canConvertToLong() && limit.longValue() > max) {
                throw new IllegalArgumentException("'limit' must be at most " + max + " (the most one call returns;"
                        + " page through larger results with 'offset'), got " + limit);
            }
            query.limit((int) whole(root, "limit", max));
        } else {
            query.limit(max);
        }
        if (root.has("offset")) {
            query.offset(whole(root, "offset", Long.MAX_VALUE));
        }
        return query;
    }

    private static Condition condition(JsonNode node) {
        requireFields(node, "condition", CONDITION_FIELDS);
        if (!node.hasNonNull("path") || !node.hasNonNull("op")) {
            throw new IllegalArgumentException("a condition needs \"path\" and \"op\", got " + node);
        }
        Condition.Operator operator;
        try {
            operator = Condition.Operator.valueOf(node.get("op").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown operator '" + node.get("op").asText() + "'; expected one of "
                    + List.of(Condition.Operator.values()).toString().toLowerCase(Locale.ROOT));
        }
        Object[] values = node.has("values") ? values(node.get("values"), "values")
                : new Object[] {value(node.get("value"), "value")};
        return new Condition(FieldPath.parse(node.get("path").asText()), operator, List.of(values));
    }

    /** A boolean field, or {@code absent} when missing; anything but true/false is refused. */
    private static boolean flag(JsonNode node, String field, boolean absent) {
        JsonNode value = node.get(field);
        if (value == null) {
            return absent;
        }
        if (!value.isBoolean()) {
            throw new IllegalArgumentException("'" + field + "' must be true or false, got " + value);
        }
        return value.booleanValue();
    }

    /** A non-negative whole number field no larger than {@code max}. */
    private static long whole(JsonNode node, String field, long max) {
        JsonNode value = node.get(field);
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.longValue() < 0 || value.longValue() > max) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number from 0 to " + max + ", got "
                    + value);
        }
        return value.longValue();
    }

    private static JsonNode object(String json, String what, Set<String> allowed) {
        if (json == null || json.isBlank()) {
            throw new IllegalArgumentException("the " + what + " JSON is empty");
        }
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("malformed " + what + " JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the " + what + " JSON must be an object, got: " + json);
        }
        requireFields(root, what, allowed);
        return root;
    }

    private static void requireFields(JsonNode node, String what, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("unknown field '" + name + "' in the " + what + " JSON; expected "
                        + allowed);
            }
        }
    }

    private static Object[] values(JsonNode node, String name) {
        if (node == null || !node.isArray() || node.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' must be a non-empty array of values");
        }
        Object[] values = new Object[node.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = value(node.get(i), name + "[" + i + "]");
        }
        return values;
    }

    private static Object value(JsonNode node, String name) {
        if (node == null || node.isNull() || node.isContainerNode()) {
            throw new IllegalArgumentException("'" + name + "' must be a string, number or boolean");
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        return node.numberValue();
    }

    /** Entries as {@code {"count": n, "entries": [{"key": ..., "version": ..., "value": ...}]}}. */
    static String entries(List<? extends DocstoreCacheEntry<?, ?>> entries) {
        ObjectNode root = MAPPER.createObjectNode();
        addEntries(root, entries);
        return write(root);
    }

    /** A query's answer as {@code {"limit": l, "more": bool, "count": n, "entries": [...]}}. */
    static String entries(List<? extends DocstoreCacheEntry<?, ?>> entries, int limit, boolean more) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("limit", limit);
        root.put("more", more);
        addEntries(root, entries);
        return write(root);
    }

    /** A page as {@code {"offset": o, "total": t, "count": n, "entries": [...]}}. */
    static String page(List<? extends DocstoreCacheEntry<?, ?>> entries, int offset, long total) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("offset", offset);
        root.put("total", total);
        addEntries(root, entries);
        return write(root);
    }

    private static void addEntries(ObjectNode root, List<? extends DocstoreCacheEntry<?, ?>> entries) {
        root.put("count", entries.size());
        ArrayNode array = root.putArray("entries");
        for (DocstoreCacheEntry<?, ?> entry : entries) {
            ObjectNode item = array.addObject();
            item.set("key", MAPPER.valueToTree(entry.getKey()));
            item.put("version", entry.version());
            item.set("value", MAPPER.valueToTree(entry.getValue()));
        }
    }

    /** A plan as {@code {"index": ..., "scan": bool, "ranges": [...], "residual": [...], "order": ...}}. */
    static String plan(QueryPlan plan) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("index", plan.index());
        root.put("scan", plan.isScan());
        ArrayNode ranges = root.putArray("ranges");
        plan.ranges().forEach(ranges::add);
        ArrayNode residual = root.putArray("residual");
        plan.residual().forEach(residual::add);
        root.put("order", plan.order());
        root.put("text", plan.toString());
        return write(root);
    }

    static String write(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write JSON: " + e.getOriginalMessage());
        }
    }
}
