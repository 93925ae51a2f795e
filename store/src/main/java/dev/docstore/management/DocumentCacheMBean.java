package dev.docstore.management;

import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * docstore's own management interface of one cache, in the {@code dev.docstore} domain: store figures, indexes with
 * their figures, index administration and queries. Registered as a standard MBean whose every attribute and operation
 * uses open types (strings, numbers, booleans, string arrays and {@link TabularData}, passed through as they are), so
 * JConsole, VisualVM or any JMX client with nothing but the JDK can use all of it. {@code Maximum} is the one writable
 * attribute: an operator moves a bounded cache's bound with it. Errors come back as {@link IllegalArgumentException} or {@link IllegalStateException} with a message and
 * no cause, for the same reason. The bean also emits a notification when an index is created, dropped or rebuilt.
 *
 * <p><b>Export and import.</b> {@link #exportTo} and {@link #importFrom} write and read a path on the cache's machine.
 * A client elsewhere moves the file in chunks instead, so neither side ever holds it whole in memory:
 * <ul>
 *   <li>export: {@link #beginExport} writes the export to a private temporary file on the cache's machine and returns
 *       its id and size; {@link #readExport} reads it chunk by chunk, at offsets the client chooses (so a chunk can be
 *       read again); {@link #endExport} deletes it;</li>
 *   <li>import: {@link #beginImport} opens an empty private temporary file; {@link #appendImport} adds chunks in
 *       order; {@link #finishImport} imports the whole file and deletes it, whatever the outcome;
 *       {@link #abortImport} deletes it without importing, so a broken upload changes nothing.</li>
 * </ul>
 * A cache has at most four transfers open at once; one left
 * untouched for 15 minutes is closed when another begins, and all are ended, their files deleted, when the cache
 * closes or stops being managed. An unknown or ended id is refused with a message that says so. Chunks are at most
 * {@value #MAX_CHUNK} bytes; a megabyte is a good size.
 */
public interface DocumentCacheMBean {
    /**
     * The most entries one call returns ({@link #query}, {@link #queryPage}, {@link #find}): a larger limit is refused
     * with a message that says so; page through larger results with an offset.
     */
    int MAX_RESULTS = 1_000;

    /** The most bytes one {@link #readExport} returns or one {@link #appendImport} takes (8 MiB). */
    int MAX_CHUNK = CacheTransfers.MAX_CHUNK;

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

    /**
     * Writes the cache's documents to {@code path} on the cache's machine, as {@code DocumentCache.exportTo(Path)}:
     * JSON Lines, one snapshot, the file replaced atomically (a failure leaves the previous file whole). Returns the
     * number of documents written.
     */
    long exportTo(String path);

    /**
     * Imports the export at {@code path} on the cache's machine, as {@code DocumentCache.importFrom}, in
     * {@code mode} {@code ALL_OR_NOTHING} or {@code SKIP_AND_REPORT} (any case; {@code -} for {@code _}). Returns the
     * report: {@code imported}, {@code expired}, {@code skipped} (rows of {@code line} and {@code message}) and
     * {@code indexesCreated}. A file that cannot be imported is refused with {@link IllegalArgumentException} naming
     * its first bad line; in all-or-nothing mode the cache is then unchanged.
     */
    CompositeData importFrom(String path, String mode);

    /**
     * Exports the cache to a private temporary file on its machine, to be read with {@link #readExport}; returns
     * {@code id}, {@code bytes} (the file's size) and {@code documents}. End it with {@link #endExport}.
     */
    CompositeData beginExport();

    /**
     * Up to {@code length} bytes (at most {@link #MAX_CHUNK}) of export {@code id} from {@code offset}: fewer only at
     * the end, none at the end.
     */
    byte[] readExport(String id, long offset, int length);

    /** Ends export {@code id} and deletes its file. */
    void endExport(String id);

    /** Opens an import to be sent in chunks with {@link #appendImport}; returns its id. */
    String beginImport();

    /** Appends {@code chunk} (1 to {@link #MAX_CHUNK} bytes) to import {@code id}; returns the bytes received so far. */
    long appendImport(String id, byte[] chunk);

    /**
     * Imports what import {@code id} received, in {@code mode}, as {@link #importFrom}, and ends it whatever the
     * outcome. An unknown mode is refused before anything else, and leaves the import open.
     */
    CompositeData finishImport(String id, String mode);

    /** Ends import {@code id} without importing anything, and deletes its file. */
    void abortImport(String id);
}
