package dev.docstore.management;

import javax.management.openmbean.TabularData;

/**
 * docstore's own management interface of one cache, in the {@code dev.docstore} domain: store figures, indexes with
 * their figures, index administration and queries. Registered as a standard MBean whose every attribute and operation
 * uses open types (strings, numbers, booleans, string arrays and {@link TabularData}, passed through as they are), so
 * JConsole, VisualVM or any JMX client with nothing but the JDK can use all of it. {@code Maximum} is the one writable
 * attribute: an operator moves a bounded cache's bound with it. Errors come back as {@link IllegalArgumentException} or {@link IllegalStateException} with a message and
 * no cause, for the same reason. The bean also emits a notification when an index is created, dropped or rebuilt.
 */
public interface DocumentCacheMBean {
    /**
     * The most entries one call returns ({@link #query}, {@link #queryPage}, {@link #find}): a larger limit is refused
     * with a message that says so; page through larger results with an offset.
     */
    int MAX_RESULTS = 1_000;

    /** The cache's name. */
    String getName();

    /** The URI of the cache's manager. */
    String getCacheManagerUri();

    /** Documents (entries) in the cache now. */
    long getDocumentCount();

    /** Old versions and deletions kept for open snapshots. */
    long getRetainedVersions();

    /** Snapshots open on the cache's store (queries, iterators, streams). */
    int getOpenSnapshots();

    /** Estimated heap held by the entries: version records, map nodes and values (sampled). */
    long getEstimatedDocumentBytes();

    /** Estimated heap held by all indexes. */
    long getEstimatedIndexBytes();

    /** Whether the cache has a bound (a maximum size or weight, chosen when it was created). */
    boolean isBounded();

    /** What the bound counts: {@code "size"} (entries), {@code "weight"} (a weigher's weights) or {@code "none"}. */
    String getBoundKind();

    /** The bound's maximum, in entries or weight; 0 for an unbounded cache (0 is never a bound's maximum). */
    long getMaximum();

    /**
     * Changes the bound's maximum while the cache runs, as {@code DocumentCache.setMaximum} does: a lower maximum
     * evicts down to it before the call returns (REMOVED events, {@code CacheEvictions}). Refused, with nothing
     * changed, on an unbounded cache ({@link IllegalStateException}: the bound is chosen when the cache is created)
     * and for a maximum that is not positive ({@link IllegalArgumentException} naming the setting).
     */
    void setMaximum(long maximum);

    /** What the entries take of the bound: their number (bounded by size) or total weight; 0 when unbounded. */
    long getWeightedSize();

    /** How many indexes the cache has (ready or being built); cheap, unlike {@link #getIndexes()}. */
    int getIndexCount();

    /**
     * One row per index: name, paths, unique, ready, entries, distinctKeys, estimatedBytes, unindexable, lookups,
     * rangeScans, meanQueryMicros, p99QueryMicros.
     */
    TabularData getIndexes();

    /** Creates an index over the cache's current and future entries; returns a one-line summary. */
    String createIndex(String name, String[] paths, boolean unique);

    /** Drops an index. */
    void dropIndex(String name);

    /** Rebuilds an index from the cache's contents; returns a one-line summary. */
    String rebuildIndex(String name);

    /** Removes every entry, as {@code Cache.clear()}. */
    void clear();

    /**
     * Scans {@code index} within the bounds given as JSON (see the management section of ARCHITECTURE.md:
     * {@code {"eq": [...]}}, {@code {"prefix": [...]}}, {@code {"min": [...], "max": [...]}} or explicit
     * {@code from}/{@code to}) and returns at most {@code limit} entries as JSON. {@code limit} is at most
     * {@link #MAX_RESULTS}.
     */
    String query(String index, String boundsJson, int limit);

    /**
     * One page of the scan {@link #query} makes: skips {@code offset} entries, returns at most {@code limit}, and
     * adds {@code "offset"} and {@code "total"} (the entries within the bounds) to the result, so a client can page
     * through a large result. Each page is read afresh: between pages, writes may shift what a page holds.
     * {@code limit} is at most {@link #MAX_RESULTS}.
     */
    String queryPage(String index, String boundsJson, int offset, int limit);

    /**
     * Runs a query given as JSON ({@code {"where": [...], "orderBy": ..., "offset": ..., "limit": ...}}); returns
     * the entries, with {@code "more": true} when the query has entries beyond the limit. The limit is at most
     * {@link #MAX_RESULTS}, and {@link #MAX_RESULTS} when the JSON gives none.
     */
    String find(String queryJson);

    /** How the query given as JSON would run: the index, its ranges, the residual filter, the order. */
    String explain(String queryJson);
}
