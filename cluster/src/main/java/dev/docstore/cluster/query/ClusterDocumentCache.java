package dev.docstore.cluster.query;

import static java.util.Objects.requireNonNull;

import dev.docstore.cluster.ClusterCache;
import dev.docstore.cluster.ClusterUnsupportedException;
import dev.docstore.cluster.StoredEntry;
import dev.docstore.engine.StoreFigures;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.index.IndexRange;
import dev.docstore.index.Query;
import dev.docstore.index.QueryPlan;
import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.jcache.EvictionBound;
import dev.docstore.jcache.IndexChange;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * {@link DocumentCache} on a cluster cache ({@code cache.unwrap(DocumentCache.class)}): the same look-ups, scans,
 * counts and queries as a local docstore cache, returning the same entries in the same order for the same documents.
 * Index definitions are cluster-wide ({@link IndexRegistry}); the members pick candidates through their SORTED indexes
 * and this JVM checks, orders and pages them ({@link ClusterQueries}). Values are read as {@code get} reads them:
 * deserialized copies; expired entries are left out.
 *
 * <p>Refused with {@link ClusterUnsupportedException}, before anything changes: unique indexes (no atomic check across
 * partitions), dropping an index (Hazelcast cannot drop one), a new maximum (a map's bound is fixed when the cluster
 * first declares it), export and import. Rebuilding an index has nothing to do (the members maintain their indexes on
 * every write) and only reports it.
 *
 * <p>What differs from a local cache, by nature: a query reads each partition at its own moment, not one snapshot;
 * index figures count the documents at the call; index listeners hear of the changes made through this view.
 *
 * <p>Thread-safe: the state is the cluster's; listeners are a copy-on-write list; usage counters are adders.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ClusterDocumentCache<K, V> implements DocumentCache<K, V> {
    private final ClusterCache<K, V> cache;
    private final IndexRegistry registry;
    private final ClusterQueries<K> queries;
    private final IndexFigures figures = new IndexFigures();
    private final List<Consumer<IndexChange>> indexListeners = new CopyOnWriteArrayList<>();

    /** The view of {@code cache}, over its map and its index registry. */
    public ClusterDocumentCache(ClusterCache<K, V> cache) {
        this.cache = requireNonNull(cache, "cache must not be null");
        this.registry = new IndexRegistry(cache.instance(), cache.qualifiedName(), cache.map());
        this.queries = new ClusterQueries<>(cache);
    }

    @Override
    public String getName() {
        return cache.getName();
    }

    @Override
    public IndexInfo createIndex(IndexDefinition definition) {
        requireNonNull(definition, "definition must not be null");
        cache.ensureOpen();
        if (definition.unique()) {
            throw new ClusterUnsupportedException("the unique index '" + definition.name() + "'",
                    "no write can check a value against every partition atomically");
        }
        registry.create(definition);
        return announce(IndexChange.Kind.CREATED, info(definition));
    }

    @Override
    public void dropIndex(String name) {
        requireNonNull(name, "index name must not be null");
        cache.ensureOpen();
        throw new ClusterUnsupportedException("dropping index '" + name + "'",
                "Hazelcast cannot remove an index from a map; destroy the cache to start again");
    }

    /** Checks that the index exists and reports it: the members keep their indexes current on every write. */
    @Override
    public IndexInfo rebuildIndex(String name) {
        cache.ensureOpen();
        return announce(IndexChange.Kind.REBUILT, info(registry.find(name)));
    }

    private IndexInfo info(IndexDefinition index) {
        return figures.of(List.of(index), liveDocuments()).get(0);
    }

    private IndexInfo announce(IndexChange.Kind kind, IndexInfo index) {
        IndexChange change = new IndexChange(kind, getName(), index, System.currentTimeMillis());
        for (Consumer<IndexChange> listener : indexListeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                // the change is made; one listener's failure must not hide it from the others or the caller
            }
        }
        return index;
    }

    @Override
    public List<IndexInfo> indexes() {
        cache.ensureOpen();
        return figures.of(registry.all(), liveDocuments());
    }

    private List<StoredEntry> liveDocuments() {
        return queries.live(com.hazelcast.query.Predicates.alwaysTrue()).stream().map(Map.Entry::getValue).toList();
    }

    @Override
    public List<String> indexNames() {
        cache.ensureOpen();
        return registry.names();
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> lookup(String index, Object... values) {
        requireNonNull(index, "index name must not be null");
        cache.ensureOpen();
        IndexDefinition definition = registry.find(index);
        if (values == null || values.length != definition.arity()) {
            throw new IllegalArgumentException("an exact lookup on index '" + index + "' needs "
                    + definition.arity() + " value(s), one per field; use scan with IndexRange.prefix for a prefix");
        }
        return run(definition, IndexRange.exact(values), false, 0, Integer.MAX_VALUE, true);
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> range(String index, @Nullable Object min, @Nullable Object max) {
        requireNonNull(index, "index name must not be null");
        cache.ensureOpen();
        IndexDefinition definition = registry.find(index);
        return run(definition, IndexRange.between(min, max), false, 0, Integer.MAX_VALUE, false);
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> scan(String index, IndexRange range, boolean descending, long offset,
                                               int limit) {
        requireNonNull(index, "index name must not be null");
        requireNonNull(range, "range must not be null");
        cache.ensureOpen();
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative, was " + offset);
        }
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        return run(registry.find(index), range, descending, offset, limit, false);
    }

    @Override
    public long count(String index, IndexRange range) {
        requireNonNull(index, "index name must not be null");
        requireNonNull(range, "range must not be null");
        cache.ensureOpen();
        IndexDefinition definition = registry.find(index);
        long started = System.nanoTime();
        long count = queries.scan(definition, range, false, 0, Integer.MAX_VALUE).size();
        figures.record(index, false, started);
        return count;
    }

    private List<DocstoreCacheEntry<K, V>> run(IndexDefinition index, IndexRange range, boolean descending,
                                               long offset, int limit, boolean exact) {
        long started = System.nanoTime();
        List<DocstoreCacheEntry<K, V>> results = entries(queries.scan(index, range, descending, offset, limit));
        figures.record(index.name(), exact, started);
        return results;
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> query(UnaryOperator<Query<K, Object>> spec) {
        requireNonNull(spec, "query specification must not be null");
        cache.ensureOpen();
        return entries(queries.query(built(spec), registry.all()));
    }

    @Override
    public QueryPlan explain(UnaryOperator<Query<K, Object>> spec) {
        requireNonNull(spec, "query specification must not be null");
        cache.ensureOpen();
        return queries.explain(built(spec), registry.all());
    }

    private static <K> Query<K, Object> built(UnaryOperator<Query<K, Object>> spec) {
        return requireNonNull(spec.apply(Query.specification()), "the query specification returned null");
    }

    @Override
    public List<DocstoreCacheEntry<K, V>> sample(int limit) {
        cache.ensureOpen();
        if (limit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + limit);
        }
        long now = cache.now();
        List<Map.Entry<K, StoredEntry>> sample = new ArrayList<>(Math.min(limit, 64));
        Iterator<Map.Entry<K, StoredEntry>> all = cache.map().iterator();
        while (sample.size() < limit && all.hasNext()) {
            Map.Entry<K, StoredEntry> entry = all.next();
            if (!entry.getValue().isExpiredAt(now)) {
                sample.add(entry);
            }
        }
        return entries(sample);
    }

    @Override
    public int evictExpired() {
        return cache.evictExpired();
    }

    /** Documents: the map's size on the cluster, expired entries not yet removed included; one version each. */
    @Override
    public StoreFigures figures() {
        cache.ensureOpen();
        int documents = cache.map().size();
        return new StoreFigures(documents, documents, 0, 0, 0);
    }

    @Override
    public void addIndexListener(Consumer<IndexChange> listener) {
        indexListeners.add(requireNonNull(listener, "listener must not be null"));
    }

    @Override
    public void removeIndexListener(Consumer<IndexChange> listener) {
        indexListeners.remove(listener);
    }

    @Override
    public void clear() {
        cache.clear();
    }

    /** The bound by entries the cache was created with (Hazelcast enforces it per member), with the map's size. */
    @Override
    public Optional<EvictionBound> evictionBound() {
        cache.ensureOpen();
        @SuppressWarnings("unchecked") // the configuration of a cluster cache is a DocstoreConfiguration
        DocstoreConfiguration<K, V> configuration = cache.getConfiguration(DocstoreConfiguration.class);
        var maximum = configuration.getMaximumSize();
        return maximum.isPresent()
                ? Optional.of(new EvictionBound(EvictionBound.Kind.SIZE, maximum.getAsLong(), cache.map().size()))
                : Optional.empty();
    }

    @Override
    public void setMaximum(long maximum) {
        cache.ensureOpen();
        throw new ClusterUnsupportedException("setMaximum",
                "a map's bound is fixed when the cluster first declares it");
    }

    @Override
    public long exportTo(OutputStream out) {
        throw refusedTransfer("exportTo");
    }

    @Override
    public long exportTo(Path file) {
        throw refusedTransfer("exportTo");
    }

    @Override
    public ImportReport importFrom(InputStream in, ImportOptions options) {
        throw refusedTransfer("importFrom");
    }

    @Override
    public ImportReport importFrom(Path file, ImportOptions options) {
        throw refusedTransfer("importFrom");
    }

    private ClusterUnsupportedException refusedTransfer(String what) {
        cache.ensureOpen();
        return new ClusterUnsupportedException(what, "an export is one snapshot of the cache, and the cluster has "
                + "no snapshot across partitions; iterate the cache instead");
    }

    private List<DocstoreCacheEntry<K, V>> entries(List<Map.Entry<K, StoredEntry>> found) {
        List<DocstoreCacheEntry<K, V>> entries = new ArrayList<>(found.size());
        for (Map.Entry<K, StoredEntry> entry : found) {
            @SuppressWarnings("unchecked") // the map holds the cache's values
            V value = (V) entry.getValue().value();
            entries.add(DocstoreCacheEntry.of(entry.getKey(), value, entry.getValue().version()));
        }
        return List.copyOf(entries);
    }

    @Override
    public String toString() {
        return "ClusterDocumentCache[" + getName() + "]";
    }
}
