package dev.docstore.cluster.query;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.index.Bound;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexRange;
import dev.docstore.index.Query;
import dev.docstore.index.QueryPlan;
import dev.docstore.index.ValueOrder;
import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocumentCache;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Random documents and random look-ups, ranges, scans, counts and queries, run on a cluster view and on a local
 * docstore view (the oracle) holding the same documents; every answer must be equal, keys and values in order.
 */
final class QueryModel {
    static final List<IndexDefinition> INDEXES = List.of(IndexDefinition.of("byN", "n"),
            IndexDefinition.of("byCity", "city"), IndexDefinition.of("byZone", "addr.geo.zone"),
            IndexDefinition.of("byTags", "tags[]"), IndexDefinition.of("byCityN", "city", "n"),
            IndexDefinition.of("byCityTags", "city", "tags[]"));
    private static final List<String> CITIES = List.of("Lisbon", "Porto", "Braga", "Faro", "5", "Lis");
    private static final List<String> TAGS = List.of("a", "b", "c", "d", "e");
    private static final List<String> ORDER_PATHS = List.of("n", "city", "addr.geo.zone", "tags[]");

    private final Random random;
    /** Answers compared that held something, and queries the local store ran on an index: proof the test bites. */
    int nonEmpty;
    int indexedQueries;

    QueryModel(long seed) {
        this.random = new Random(seed);
    }

    /** A value of mixed type, where equal numbers of different classes and numeric strings meet. */
    Object mixed() {
        int n = random.nextInt(12);
        return switch (random.nextInt(7)) {
            case 0 -> n;
            case 1 -> (long) n;
            case 2 -> new BigDecimal(n + ".00");
            case 3 -> n + 0.5;
            case 4 -> String.valueOf(n);
            case 5 -> random.nextBoolean();
            default -> n * 3;
        };
    }

    Map<String, Object> document() {
        Map<String, Object> document = new HashMap<>();
        if (random.nextInt(8) != 0) {
            document.put("n", mixed());
        }
        if (random.nextInt(6) != 0) {
            document.put("city", CITIES.get(random.nextInt(CITIES.size())));
        }
        if (random.nextInt(3) != 0) {
            document.put("addr", Map.of("geo", random.nextInt(4) == 0 ? Map.of() : Map.of("zone", mixed())));
        }
        if (random.nextInt(4) != 0) {
            List<Object> tags = new ArrayList<>();
            for (int i = random.nextInt(4); i > 0; i--) {
                tags.add(random.nextInt(6) == 0 ? mixed() : TAGS.get(random.nextInt(TAGS.size())));
            }
            document.put("tags", tags);
        }
        return document;
    }

    /** Runs {@code operations} random reads on both views and compares each answer. */
    void compare(DocumentCache<String, Object> cluster, DocumentCache<String, Object> local, int operations) {
        for (int i = 0; i < operations; i++) {
            switch (random.nextInt(6)) {
                case 0 -> {
                    Object value = mixed();
                    same("lookup byN " + value, cluster.lookup("byN", value), local.lookup("byN", value));
                    String city = CITIES.get(random.nextInt(CITIES.size()));
                    same("lookup byCityN " + city + " " + value, cluster.lookup("byCityN", city, value),
                            local.lookup("byCityN", city, value));
                }
                case 1 -> {
                    Object min = random.nextInt(4) == 0 ? null : mixed();
                    Object max = random.nextInt(4) == 0 ? null : mixed();
                    String index = random.nextBoolean() ? "byN" : "byTags";
                    same("range " + index + " " + min + " " + max, cluster.range(index, min, max),
                            local.range(index, min, max));
                }
                case 2, 3 -> {
                    String index = INDEXES.get(random.nextInt(INDEXES.size())).name();
                    IndexRange range = range(index);
                    boolean descending = random.nextBoolean();
                    long offset = random.nextInt(3) == 0 ? random.nextInt(20) : 0;
                    int limit = random.nextInt(3) == 0 ? random.nextInt(30) : Integer.MAX_VALUE;
                    String what = "scan " + index + " " + range + (descending ? " desc" : "") + " offset " + offset
                            + " limit " + limit;
                    same(what, cluster.scan(index, range, descending, offset, limit),
                            local.scan(index, range, descending, offset, limit));
                    assertThat(cluster.count(index, range)).as("count " + what).isEqualTo(local.count(index, range));
                }
                default -> query(cluster, local);
            }
        }
    }

    private IndexRange range(String index) {
        boolean composite = index.startsWith("byCity") && !index.equals("byCity");
        Object first = index.startsWith("byCity") ? CITIES.get(random.nextInt(CITIES.size()))
                : index.equals("byTags") && random.nextBoolean() ? TAGS.get(random.nextInt(TAGS.size())) : mixed();
        return switch (random.nextInt(5)) {
            case 0 -> IndexRange.all();
            case 1 -> IndexRange.prefix(first);
            case 2 -> composite ? IndexRange.exact(first, secondOf(index)) : IndexRange.exact(first);
            case 3 -> new IndexRange(random.nextBoolean() ? Bound.exclusive(first) : Bound.inclusive(first),
                    Bound.unbounded());
            default -> IndexRange.between(first, composite ? List.of(first, secondOf(index)) : mixed());
        };
    }

    private Object secondOf(String index) {
        return index.equals("byCityTags") ? TAGS.get(random.nextInt(TAGS.size())) : mixed();
    }

    private void query(DocumentCache<String, Object> cluster, DocumentCache<String, Object> local) {
        List<UnaryOperator<Query<String, Object>>> parts = new ArrayList<>();
        for (int i = random.nextInt(3); i >= 0; i--) {
            parts.add(condition());
        }
        String orderBy = random.nextBoolean() ? null : ORDER_PATHS.get(random.nextInt(ORDER_PATHS.size()));
        boolean descending = random.nextBoolean();
        int limit = random.nextInt(3) == 0 ? random.nextInt(25) : Integer.MAX_VALUE;
        long offset = random.nextInt(4) == 0 ? random.nextInt(10) : 0;
        UnaryOperator<Query<String, Object>> spec = q -> {
            Query<String, Object> query = q;
            for (UnaryOperator<Query<String, Object>> part : parts) {
                query = part.apply(query);
            }
            if (orderBy != null) {
                query = descending ? query.orderByDescending(orderBy) : query.orderBy(orderBy);
            }
            return query.offset(offset).limit(limit);
        };
        QueryPlan localPlan = local.explain(spec);
        QueryPlan clusterPlan = cluster.explain(spec);
        String what = "query " + localPlan + " offset " + offset + " limit " + limit;
        assertThat(clusterPlan.index()).as(what).isEqualTo(localPlan.index());
        assertThat(clusterPlan.ranges()).as(what).isEqualTo(localPlan.ranges());
        assertThat(clusterPlan.order()).as(what).isEqualTo(localPlan.order());
        List<DocstoreCacheEntry<String, Object>> fromCluster = cluster.query(spec);
        List<DocstoreCacheEntry<String, Object>> fromLocal = local.query(spec);
        if (localPlan.index() != null) {
            indexedQueries++;
            same(what, fromCluster, fromLocal);
            return;
        }
        // the local store scans in hash order: only what the query fixes can be compared
        assertThat(fromCluster).as(what).hasSameSizeAs(fromLocal);
        boolean paged = limit != Integer.MAX_VALUE || offset != 0;
        if (orderBy != null) {
            assertThat(sortValues(fromCluster, orderBy)).as(what).isEqualTo(sortValues(fromLocal, orderBy));
        }
        if (!paged) {
            assertThat(pairs(fromCluster)).as(what).containsExactlyInAnyOrderElementsOf(pairs(fromLocal));
        }
    }

    private UnaryOperator<Query<String, Object>> condition() {
        Object value = mixed();
        Object other = mixed();
        String city = CITIES.get(random.nextInt(CITIES.size()));
        String tag = TAGS.get(random.nextInt(TAGS.size()));
        return switch (random.nextInt(11)) {
            case 0 -> q -> q.where("n").eq(value);
            case 1 -> q -> q.where("n").in(value, other, 7L);
            case 2 -> q -> q.where("n").gt(value);
            case 3 -> q -> q.where("n").lte(value);
            case 4 -> q -> q.where("n").between(value, other);
            case 5 -> q -> q.where("city").eq(city);
            case 6 -> q -> q.where("city").in(city, "Porto");
            case 7 -> q -> q.where("city").startsWith(city.substring(0, 1));
            case 8 -> q -> q.where("tags[]").eq(tag);
            case 9 -> q -> q.where("tags[]").in(tag, "a");
            default -> q -> q.where("addr.geo.zone").gte(value);
        };
    }

    private static List<Object> sortValues(List<DocstoreCacheEntry<String, Object>> entries, String path) {
        var field = dev.docstore.index.FieldPath.parse(path);
        List<Object> values = new ArrayList<>();
        for (DocstoreCacheEntry<String, Object> entry : entries) {
            List<Object> found = field.values(entry.getValue(), dev.docstore.jcache.PropertyFieldReader.INSTANCE);
            Object first = found.isEmpty() || !ValueOrder.isOrderable(found.get(0)) ? null : found.get(0);
            // equal in the value order is equal here, as 5 and 5.00 sort alike
            values.add(first == null ? "<none>" : OrderedValue.of(first));
        }
        return values;
    }

    private void same(String what, List<DocstoreCacheEntry<String, Object>> cluster,
                             List<DocstoreCacheEntry<String, Object>> local) {
        assertThat(pairs(cluster)).as(what).containsExactlyElementsOf(pairs(local));
        nonEmpty += local.isEmpty() ? 0 : 1;
    }

    private static List<Map.Entry<String, Object>> pairs(List<DocstoreCacheEntry<String, Object>> entries) {
        return entries.stream().map(entry -> Map.entry(entry.getKey(), entry.getValue())).toList();
    }
}
