package dev.docstore.cluster.query;

import dev.docstore.cluster.StoredEntry;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexRange;
import dev.docstore.index.KeyOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Puts candidates in the order a scan of a local index over one range returns them: by tuple in the value order, then
 * by key in {@link KeyOrder}, all reversed for a descending scan. A document appears once, at the first of its tuples
 * inside the range (its last, descending), as a local list index returns it; a document without a tuple there is left
 * out. Stateless.
 */
final class IndexOrder {
    private IndexOrder() {
    }

    /** One document at the tuple it is found under. */
    private record Hit<K>(Map.Entry<K, StoredEntry> entry, Object tuple) {
    }

    /**
     * The candidates inside {@code range}, in index order.
     *
     * @throws IllegalArgumentException if a bound has more values than the index has fields
     */
    static <K> List<Map.Entry<K, StoredEntry>> scan(Collection<Map.Entry<K, StoredEntry>> candidates,
                                                    IndexDefinition index, IndexRange range, boolean descending) {
        checkArity(index, range);
        List<Hit<K>> hits = new ArrayList<>();
        for (Map.Entry<K, StoredEntry> candidate : candidates) {
            Object at = null;
            for (Object tuple : DocumentTuples.of(index, candidate.getValue().value())) {
                if (DocumentTuples.inside(tuple, range)) {
                    at = tuple;
                    if (!descending) {
                        break;
                    }
                }
            }
            if (at != null) {
                hits.add(new Hit<>(candidate, at));
            }
        }
        Comparator<Hit<K>> order = Comparator.<Hit<K>, Object>comparing(Hit::tuple, DocumentTuples::compare)
                .thenComparing(hit -> hit.entry().getKey(), KeyOrder.INSTANCE);
        hits.sort(descending ? order.reversed() : order);
        return hits.stream().map(Hit::entry).toList();
    }

    private static void checkArity(IndexDefinition index, IndexRange range) {
        for (var bound : List.of(range.lower(), range.upper())) {
            if (bound.values().size() > index.arity()) {
                throw new IllegalArgumentException("index '" + index.name() + "' has " + index.arity()
                        + " field(s) " + index.pathNames() + " but the bound " + bound + " has "
                        + bound.values().size());
            }
        }
    }
}
