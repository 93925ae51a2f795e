package dev.docstore.jcache;

import dev.docstore.engine.StoreFigures;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.index.IndexRange;
import dev.docstore.index.Query;
import dev.docstore.index.QueryPlan;
import dev.docstore.transfer.ExportException;
import dev.docstore.transfer.ImportException;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The index-aware side of a docstore cache: {@code cache.unwrap(DocumentCache.class)}. Indexes read document fields
 * ({@code Map} values) and the bean properties of plain objects and records. Every query reads one snapshot of the
 * cache; expired entries are left out; store-by-value caches hand out copies of mutable values, as {@code get} does.
 *
 * <pre>{@code
 * DocumentCache<String, Order> orders = cache.unwrap(DocumentCache.class);
 * orders.createIndex(IndexDefinition.of("byCity", "address.city"));
 * List<DocstoreCacheEntry<String, Order>> lisbon = orders.lookup("byCity", "Lisbon");
 * }</pre>
 *
 * <p><b>The bound.</b> A cache created with a maximum size or weight reports it with {@link #evictionBound()}, and an
 * operator can move it with {@link #setMaximum} while the cache runs; whether a cache is bounded, and by what, is
 * fixed when it is created.
 *
 * <p><b>Scans and queries</b> follow {@link dev.docstore.index.Indexes}: a null argument (index name, path, value)
 * is a {@link NullPointerException} naming it; an unknown index an {@link dev.docstore.index.IndexNotFoundException};
 * bounds whose minimum lies above their maximum select nothing; a list index ({@code tags[]}) holds one entry per
 * element (what {@link IndexInfo#entries()} counts) but returns each document once.
 *
 * <p><b>Export and import.</b> {@link #exportTo(OutputStream)} writes the cache's documents, as one snapshot sees them,
 * in the JSON Lines format of {@link dev.docstore.transfer.JsonLines} (a header with the cache's types and index
 * definitions, a line per document with its version and expiry time, an end line), keeping every value's Java type;
 * {@link #importFrom(InputStream, ImportOptions)} reads such a file back, all or nothing or skipping bad lines. The
 * README's "Export and warm restart" shows the format.
 *
 * <p><b>Unique indexes through the Cache API.</b> A write that a unique index refuses changes nothing and never
 * reaches the cache writer:
 * <ul>
 *   <li>{@code put}, {@code getAndPut}, {@code putIfAbsent}, both {@code replace}s, {@code getAndReplace}: a
 *       {@link javax.cache.CacheException} whose cause is the {@link dev.docstore.index.UniqueConstraintException};</li>
 *   <li>{@code putAll}: the whole batch is checked first, against the cache and against itself (two of its keys with
 *       one value), and refused whole with that {@code CacheException}: nothing of it is stored or written. (A
 *       conflict that only a concurrent write creates after that check is still refused for its key alone.)</li>
 *   <li>{@code invoke}: an {@link javax.cache.processor.EntryProcessorException} caused by the refusal;
 *       {@code invokeAll}: that exception from the refused key's result, the other keys processed;</li>
 *   <li>read-through of a value the index refuses: {@code get} and {@code getAll} throw the {@code CacheException}
 *       ({@code getAll} after storing the loaded values the index accepts); {@code loadAll} passes a
 *       {@link javax.cache.integration.CacheLoaderException} caused by it to its listener, after storing the rest.</li>
 * </ul>
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface DocumentCache<K, V> {
    /** The cache's name. */
    String getName();

    /** Creates an index over the cache's current and future entries; see {@code Indexes.create}. */
    IndexInfo createIndex(IndexDefinition definition);

    /** Drops an index. */
    void dropIndex(String name);

    /** Rebuilds an index from the cache's contents. */
    IndexInfo rebuildIndex(String name);

    /** The indexes and their figures. */
    List<IndexInfo> indexes();

    /** The names of the indexes, ready or being built; cheaper than {@link #indexes()}, which computes figures. */
    List<String> indexNames();

    /** Entries whose tuple in {@code index} equals {@code values}. */
    List<DocstoreCacheEntry<K, V>> lookup(String index, Object... values);

    /** go-store's range: tuples from {@code min} included to {@code max} excluded ({@code null}: open). */
    List<DocstoreCacheEntry<K, V>> range(String index, @Nullable Object min, @Nullable Object max);

    /** Entries in {@code range} of {@code index}, in index order (or reversed), at most {@code limit}. */
    default List<DocstoreCacheEntry<K, V>> scan(String index, IndexRange range, boolean descending, int limit) {
        return scan(index, range, descending, 0, limit);
    }

    /** The same scan, skipping its first {@code offset} entries: one page of it. */
    List<DocstoreCacheEntry<K, V>> scan(String index, IndexRange range, boolean descending, long offset, int limit);

    /** How many entries {@code range} of {@code index} holds, without reading them. */
    long count(String index, IndexRange range);

    /** Runs a query built by {@code spec} on a fresh {@link Query}: {@code q -> q.where("city").eq("Porto")}. */
    List<DocstoreCacheEntry<K, V>> query(UnaryOperator<Query<K, Object>> spec);

    /** How the query built by {@code spec} would run. */
    QueryPlan explain(UnaryOperator<Query<K, Object>> spec);

    /** Up to {@code limit} entries, read without counting as hits or accesses (for inspection and sizing). */
    List<DocstoreCacheEntry<K, V>> sample(int limit);

    /** Removes the expired entries now, as the background sweep does; returns how many it removed. */
    int evictExpired();

    /** The store's figures: documents, versions held, open snapshots. */
    StoreFigures figures();

    /** Calls {@code listener} after every index change made through this view (on the changing thread). */
    void addIndexListener(Consumer<IndexChange> listener);

    /** Stops calling {@code listener}. */
    void removeIndexListener(Consumer<IndexChange> listener);

    /** Removes every entry (as {@code Cache.clear()}: no events, no write-through). */
    void clear();

    /**
     * The cache's bound as it is now (by size or by weight, its maximum, and what the entries take of it), or empty
     * when the cache is unbounded.
     *
     * @throws IllegalStateException if the cache is closed
     */
    Optional<EvictionBound> evictionBound();

    /**
     * Changes the maximum of the cache's bound, in the unit it was created with (entries, or weight), while the cache
     * runs. The configuration reports the new maximum ({@code getConfiguration(DocstoreConfiguration.class)}). A lower
     * maximum is enforced before this returns: the entries the policy gives up are evicted as any eviction is
     * (REMOVED to listeners, counted in {@code CacheEvictions}); a victim whose key another thread holds at that
     * moment is passed over for another, as in any eviction. A higher maximum evicts nothing and lets the cache grow.
     *
     * @throws UnboundedCacheException  if the cache has no bound: that is chosen when it is created
     * @throws IllegalArgumentException if {@code maximum} is not positive; nothing changes
     * @throws IllegalStateException    if the cache is closed
     */
    void setMaximum(long maximum);

    /**
     * Writes the cache's documents, as one snapshot taken now sees them, to {@code out} as JSON Lines; entries expired
     * at that moment are left out. Writes continue meanwhile and do not appear in it; memory does not grow with the
     * cache's size. Flushes {@code out} but does not close it.
     *
     * @return the number of documents written
     * @throws ExportException       if a value cannot be written (a plain object Jackson cannot serialize)
     * @throws UncheckedIOException  if {@code out} fails
     * @throws IllegalStateException if the cache is closed
     */
    long exportTo(OutputStream out);

    /**
     * {@link #exportTo(OutputStream)} to {@code file}, replaced atomically: the export goes to a temporary file beside
     * it, forced to disk and renamed over it, so a failure or a crash leaves the previous file whole.
     *
     * @return the number of documents written
     */
    long exportTo(Path file);

    /**
     * Reads an export from {@code in} (to its end; not closed) and stores its documents, as
     * {@link ImportOptions#mode()} says: all or nothing, or skipping and reporting bad lines. Every line is checked
     * first: the header's format and version, each key and value against the cache's types, repeated keys, the end
     * line, and each document against the unique indexes (the cache's, and those of the header, which are created
     * when the cache lacks them), against the cache and the rest of the file. The documents are then stored in the
     * order of their exported versions, keeping their expiry times; they are not written through to a cache writer
     * and not counted as puts, and listeners get CREATED or UPDATED events. Documents whose expiry time has passed
     * are left out and counted.
     *
     * @throws ImportException       naming the line (from 1) and what is wrong with it, in all-or-nothing mode for
     *                               any bad line, and in either mode for a file that is not a docstore export or has
     *                               an unknown format version; the cache is then unchanged
     * @throws UncheckedIOException  if {@code in} fails
     * @throws IllegalStateException if the cache is closed
     */
    ImportReport importFrom(InputStream in, ImportOptions options);

    /** {@link #importFrom(InputStream, ImportOptions)} from {@code file}. */
    ImportReport importFrom(Path file, ImportOptions options);
}
