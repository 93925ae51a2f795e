package dev.docstore.index;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Query} will run, as {@link Query#explain()} tells it.
 *
 * @param index    the index used, or {@code null} for a scan of every entry
 * @param ranges   the index ranges visited, in order (one per value of an {@code IN} on the index)
 * @param residual the conditions the index does not settle, tested on each candidate
 * @param order    how results are ordered: {@code "index"} (the scan order serves), {@code "sort by <path>"} (sorted
 *                 in memory after filtering), or {@code "none"}
 */
public record QueryPlan(@Nullable String index, List<String> ranges, List<String> residual, String order) {
    public QueryPlan {
        ranges = List.copyOf(ranges);
        residual = List.copyOf(residual);
    }

    /** Whether the query visits every entry instead of using an index. */
    public boolean isScan() {
        return index == null;
    }

    @Override
    public String toString() {
        return (index == null ? "scan all entries" : "index " + index + " ranges " + ranges)
                + (residual.isEmpty() ? "" : ", then filter " + residual) + ", order: " + order;
    }
}
