package dev.docstore.cluster.query;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicate;
import dev.docstore.cluster.ClusterCache;
import dev.docstore.cluster.StoredEntry;
import dev.docstore.index.Condition;
import dev.docstore.index.FieldPath;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexRange;
import dev.docstore.index.KeyOrder;
import dev.docstore.index.Query;
import dev.docstore.index.QueryPlan;
import dev.docstore.index.ValueOrder;
import dev.docstore.jcache.PropertyFieldReader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs scans and queries on a cluster cache: the members pick candidates with a {@link Candidates} predicate (each
 * partition read at its own moment: there is no snapshot across the cluster), and this JVM leaves out expired
 * entries, checks every candidate exactly, and orders and pages them as the local store does ({@link IndexOrder},
 * {@link ClusterQueryPlanner}). The cost is the candidates' transfer: a scan with a limit still reads its whole range.
 *
 * <p>Thread-safe: stateless apart from the cache it reads.
 *
 * @param <K> the key type
 */
final class ClusterQueries<K> {
    private final ClusterCache<K, ?> cache;
    private final IMap<K, StoredEntry> map;

    ClusterQueries(ClusterCache<K, ?> cache) {
        this.cache = cache;
        this.map = cache.map();
    }

    /** The live entries {@code predicate} selects, as the members hold them now. */
    List<Map.Entry<K, StoredEntry>> live(Predicate<K, StoredEntry> predicate) {
        long now = cache.now();
        List<Map.Entry<K, StoredEntry>> live = new ArrayList<>();
        for (Map.Entry<K, StoredEntry> entry : map.entrySet(predicate)) {
            if (!entry.getValue().isExpiredAt(now)) {
                live.add(entry);
            }
        }
        return live;
    }

    /** The live entries of {@code range} of {@code index}, in index order, from {@code offset}, at most {@code limit}. */
    List<Map.Entry<K, StoredEntry>> scan(IndexDefinition index, IndexRange range, boolean descending, long offset,
                                         int limit) {
        FieldPath leading = index.paths().get(0);
        List<Map.Entry<K, StoredEntry>> candidates = live(Candidates.inRanges(leading, List.of(range)));
        return page(IndexOrder.scan(candidates, index, range, descending), offset, limit);
    }

    /** The results of {@code query}, in the order the local store gives them. */
    List<Map.Entry<K, StoredEntry>> query(Query<K, Object> query, List<IndexDefinition> indexes) {
        List<Condition> conditions = query.conditions();
        FieldPath orderBy = query.orderPath();
        ClusterQueryPlanner.Plan plan = ClusterQueryPlanner.plan(indexes, conditions, orderBy);
        List<Map.Entry<K, StoredEntry>> matching = new ArrayList<>();
        for (Map.Entry<K, StoredEntry> candidate : live(Candidates.satisfying(conditions))) {
            Object value = candidate.getValue().value();
            if (conditions.stream().allMatch(c -> c.matches(value, PropertyFieldReader.INSTANCE))) {
                matching.add(candidate);
            }
        }
        List<Map.Entry<K, StoredEntry>> results = plan.index() == null ? byKey(matching)
                : inIndexOrder(matching, plan, orderBy != null && plan.ordered() && query.isDescending());
        if (orderBy != null && !plan.ordered()) {
            // stable: documents with equal values keep the order the plan gave them, as in the local store
            results.sort(Comparator.comparing(entry -> first(orderBy, entry.getValue().value()),
                    Comparator.nullsLast(query.isDescending() ? ValueOrder.INSTANCE.reversed() : ValueOrder.INSTANCE)));
        }
        return page(results, query.currentOffset(), query.currentLimit());
    }

    /** How {@code query} runs: the local plan's figures, and the predicate the members evaluate. */
    QueryPlan explain(Query<K, Object> query, List<IndexDefinition> indexes) {
        ClusterQueryPlanner.Plan plan = ClusterQueryPlanner.plan(indexes, query.conditions(), query.orderPath());
        FieldPath orderBy = query.orderPath();
        String order = orderBy == null ? "none" : plan.ordered() ? "index"
                : "sort by " + orderBy + (query.isDescending() ? " descending" : "");
        List<String> residual = new ArrayList<>(plan.residual().stream().map(Condition::toString).toList());
        residual.add("members select: " + Candidates.satisfying(query.conditions()));
        return new QueryPlan(plan.index() == null ? null : plan.index().name(),
                plan.ranges().stream().map(IndexRange::toString).toList(), residual, order);
    }

    private List<Map.Entry<K, StoredEntry>> inIndexOrder(List<Map.Entry<K, StoredEntry>> matching,
                                                         ClusterQueryPlanner.Plan plan, boolean backwards) {
        List<IndexRange> ranges = new ArrayList<>(plan.ranges());
        if (backwards) {
            Collections.reverse(ranges);
        }
        // several ranges of a list index may each hold one document: it is returned at the first
        Set<Object> seen = plan.index().isMultiValued() && ranges.size() > 1 ? new HashSet<>() : null;
        List<Map.Entry<K, StoredEntry>> results = new ArrayList<>();
        for (IndexRange range : ranges) {
            for (Map.Entry<K, StoredEntry> entry : IndexOrder.scan(matching, plan.index(), range, backwards)) {
                if (seen == null || seen.add(entry.getKey())) {
                    results.add(entry);
                }
            }
        }
        return results;
    }

    private static <K> List<Map.Entry<K, StoredEntry>> byKey(List<Map.Entry<K, StoredEntry>> entries) {
        List<Map.Entry<K, StoredEntry>> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(Map.Entry::getKey, KeyOrder.INSTANCE));
        return sorted;
    }

    /** The value results are sorted by: the first the path reaches, or {@code null} (last) when it has no order. */
    private static Object first(FieldPath path, Object value) {
        List<Object> found = path.values(value, PropertyFieldReader.INSTANCE);
        return found.isEmpty() || !ValueOrder.isOrderable(found.get(0)) ? null : found.get(0);
    }

    private static <T> List<T> page(List<T> all, long offset, int limit) {
        int from = (int) Math.min(offset, all.size());
        int to = (int) Math.min(all.size(), from + (long) limit);
        return new ArrayList<>(all.subList(from, to));
    }
}
