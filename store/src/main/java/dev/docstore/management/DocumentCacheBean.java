package dev.docstore.management;

import dev.docstore.engine.StoreFigures;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.jcache.EvictionBound;
import dev.docstore.jcache.IndexChange;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;
import javax.management.StandardEmitterMBean;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;

/**
 * The {@link DocumentCacheMBean} of one cache. Emits a notification (type {@code dev.docstore.index.created},
 * {@code .dropped} or {@code .rebuilt}, a sequence number, the time, a message, and the index's summary as user data)
 * for every index change, whether made over JMX or through the Java API.
 *
 * <p>Export and import are {@link CacheTransfers}'; their temporary files go to {@code java.io.tmpdir} and are
 * deleted, with every open transfer, when the bean is detached (its cache closed or no longer managed).
 *
 * <p>Thread-safe: reads go to the thread-safe cache; notifications are numbered with an atomic counter; transfers are
 * thread-safe.
 */
final class DocumentCacheBean implements DocumentCacheMBean {
    static final String CREATED = "dev.docstore.index.created";
    static final String DROPPED = "dev.docstore.index.dropped";
    static final String REBUILT = "dev.docstore.index.rebuilt";

    private final DocstoreCache<?, ?> cache;
    private final DocumentCache<?, ?> documents;
    private final ObjectName name;
    private final NotificationBroadcasterSupport emitter = new NotificationBroadcasterSupport(
            new MBeanNotificationInfo(new String[] {CREATED, DROPPED, REBUILT}, Notification.class.getName(),
                    "an index of the cache was created, dropped or rebuilt"));
    private final AtomicLong sequence = new AtomicLong();
    private final Consumer<IndexChange> announcer = this::announce;
    private final CacheTransfers transfers;

    DocumentCacheBean(DocstoreCache<?, ?> cache, ObjectName name) {
        this.cache = cache;
        this.documents = cache.documents();
        this.name = name;
        this.transfers = new CacheTransfers(documents, Path.of(System.getProperty("java.io.tmpdir")),
                new TransferSessions(System::nanoTime));
        documents.addIndexListener(announcer);
    }

    /**
     * The bean as the MBeanServer gets it: a standard MBean (so {@link TabularData} attributes pass as they are,
     * which an MXBean would not allow) that emits this bean's notifications.
     */
    StandardEmitterMBean asMBean() {
        return new StandardEmitterMBean(this, DocumentCacheMBean.class, false, emitter);
    }

    /** Stops listening to the cache; called when the bean is unregistered. */
    void detach() {
        documents.removeIndexListener(announcer);
        transfers.closeAll();
    }

    private void announce(IndexChange change) {
        String type = switch (change.kind()) {
            case CREATED -> CREATED;
            case DROPPED -> DROPPED;
            case REBUILT -> REBUILT;
        };
        // the object name is the source: it travels to remote listeners, which the bean itself cannot
        Notification notification = new Notification(type, name, sequence.incrementAndGet(), change.atMillis(),
                "index '" + change.index().name() + "' " + change.kind().name().toLowerCase(Locale.ROOT)
                        + " on cache '" + change.cacheName() + "'");
        notification.setUserData(summary(change.index()));
        emitter.sendNotification(notification);
    }

    @Override
    public String getName() {
        return cache.getName();
    }

    @Override
    public String getCacheManagerUri() {
        return cache.getCacheManager().getURI().toString();
    }

    @Override
    public long getDocumentCount() {
        return figures().documents();
    }

    @Override
    public long getRetainedVersions() {
        return figures().retainedVersions();
    }

    @Override
    public int getOpenSnapshots() {
        return figures().openSnapshots();
    }

    @Override
    public long getEstimatedDocumentBytes() {
        return call(() -> SizeEstimator.estimate(cache));
    }

    @Override
    public long getEstimatedIndexBytes() {
        return call(() -> documents.indexes().stream().mapToLong(IndexInfo::estimatedBytes).sum());
    }

    @Override
    public boolean isBounded() {
        return bound().isPresent();
    }

    @Override
    public String getBoundKind() {
        return bound().map(bound -> bound.kind().name().toLowerCase(Locale.ROOT)).orElse("none");
    }

    @Override
    public long getMaximum() {
        return bound().map(EvictionBound::maximum).orElse(0L);
    }

    @Override
    public void setMaximum(long maximum) {
        call(() -> {
            documents.setMaximum(maximum);
            return null;
        });
    }

    @Override
    public long getWeightedSize() {
        return bound().map(EvictionBound::weightedSize).orElse(0L);
    }

    private Optional<EvictionBound> bound() {
        return call(documents::evictionBound);
    }

    @Override
    public int getIndexCount() {
        return call(() -> documents.indexNames().size());
    }

    @Override
    public TabularData getIndexes() {
        return call(() -> OpenTypes.indexTable(documents.indexes()));
    }

    @Override
    public String createIndex(String name, String[] paths, boolean unique) {
        return call(() -> {
            if (paths == null) {
                throw new IllegalArgumentException("paths must not be null");
            }
            IndexDefinition definition = IndexDefinition.of(name, paths);
            return summary(documents.createIndex(unique ? definition.asUnique() : definition));
        });
    }

    @Override
    public void dropIndex(String name) {
        call(() -> {
            documents.dropIndex(name);
            return null;
        });
    }

    @Override
    public String rebuildIndex(String name) {
        return call(() -> summary(documents.rebuildIndex(name)));
    }

    @Override
    public void clear() {
        call(() -> {
            documents.clear();
            return null;
        });
    }

    @Override
    public String query(String index, String boundsJson, int limit) {
        return call(() -> {
            requireLimit(limit);
            JsonRequests.Scan scan = JsonRequests.scan(boundsJson);
            return JsonRequests.entries(documents.scan(index, scan.range(), scan.descending(), limit));
        });
    }

    @Override
    public String queryPage(String index, String boundsJson, int offset, int limit) {
        return call(() -> {
            if (offset < 0) {
                throw new IllegalArgumentException("offset must not be negative, was " + offset);
            }
            requireLimit(limit);
            JsonRequests.Scan scan = JsonRequests.scan(boundsJson);
            long total = documents.count(index, scan.range());
            return JsonRequests.page(documents.scan(index, scan.range(), scan.descending(), offset, limit), offset,
                    total);
        });
    }

    @Override
    public String find(String queryJson) {
        return call(() -> {
            int[] limit = new int[1];
            // one entry more than the limit tells whether there are more
            List<? extends DocstoreCacheEntry<?, ?>> found = documents.query(query -> {
                JsonRequests.query(queryJson, query, MAX_RESULTS);
                limit[0] = query.currentLimit();
                return query.limit(limit[0] + 1);
            });
            boolean more = found.size() > limit[0];
            return JsonRequests.entries(more ? found.subList(0, limit[0]) : found, limit[0], more);
        });
    }

    private static void requireLimit(int limit) {
        if (limit < 0 || limit > MAX_RESULTS) {
            throw new IllegalArgumentException("limit must be from 0 to " + MAX_RESULTS + " (the most one call returns;"
                    + " page through larger results with an offset), was " + limit);
        }
    }

    @Override
    public String explain(String queryJson) {
        return call(() -> JsonRequests.plan(documents.explain(query -> JsonRequests.query(queryJson, query, MAX_RESULTS))));
    }

    @Override
    public long exportTo(String path) {
        return call(() -> transfers.exportTo(path));
    }

    @Override
    public CompositeData importFrom(String path, String mode) {
        return call(() -> transfers.importFrom(path, mode));
    }

    @Override
    public CompositeData beginExport() {
        return call(transfers::beginExport);
    }

    @Override
    public byte[] readExport(String id, long offset, int length) {
        return call(() -> transfers.readExport(id, offset, length));
    }

    @Override
    public void endExport(String id) {
        call(() -> {
            transfers.endExport(id);
            return null;
        });
    }

    @Override
    public String beginImport() {
        return call(transfers::beginImport);
    }

    @Override
    public long appendImport(String id, byte[] chunk) {
        return call(() -> transfers.appendImport(id, chunk));
    }

    @Override
    public CompositeData finishImport(String id, String mode) {
        return call(() -> transfers.finishImport(id, mode));
    }

    @Override
    public void abortImport(String id) {
        call(() -> {
            transfers.abortImport(id);
            return null;
        });
    }

    private StoreFigures figures() {
        return call(cache::figures);
    }

    static String summary(IndexInfo index) {
        return "index '" + index.name() + "' on " + index.paths() + (index.unique() ? ", unique" : "") + ": "
                + index.entries() + " entries, " + index.distinctTuples() + " distinct keys";
    }

    /**
     * Runs an operation for a JMX client, turning every failure into a JDK exception type with the message and no
     * cause: a client with only the JDK must be able to read it.
     */
    private static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (IllegalStateException e) {
            throw new IllegalStateException(describe(e));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(describe(e));
        }
    }

    private static String describe(RuntimeException e) {
        String kind = e.getClass().getSimpleName();
        if (e.getMessage() == null) {
            return kind;
        }
        // a JDK type needs no naming (the client sees it); docstore's own types say what kind of problem it was
        boolean jdkType = e.getClass().getName().startsWith("java.");
        return jdkType ? e.getMessage() : kind + ": " + e.getMessage();
    }
}
