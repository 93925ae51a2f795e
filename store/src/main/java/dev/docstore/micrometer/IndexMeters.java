package dev.docstore.micrometer;

import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.jcache.IndexChange;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The per-index meters of one cache in one registry, kept in step with the cache's indexes: registered for the indexes
 * there are when bound, then reconciled with the cache's index list after every index change the cache announces.
 * Reconciling with the list, rather than applying each change, stays right when two threads' announcements of changes
 * to one index arrive out of order: the last reconciliation runs after the last change and sees it.
 *
 * <p>Thread-safe: {@link #reconcile()} is synchronized; it runs when bound and on the thread that changed an index.
 * The cache's listener list holds this object (and through it the {@link IndexFigures} the meters read), so it lives
 * exactly as long as the cache; the registry holds the figures only weakly.
 */
final class IndexMeters {
    private static final System.Logger LOG = System.getLogger(IndexMeters.class.getName());

    private final MeterRegistry registry;
    private final Tags tags;
    private final IndexFigures figures;
    private final Map<String, List<Meter>> byIndex = new HashMap<>();

    private IndexMeters(MeterRegistry registry, Tags tags, IndexFigures figures) {
        this.registry = registry;
        this.tags = tags;
        this.figures = figures;
    }

    /** Registers the meters of {@code cache}'s indexes in {@code registry} and keeps them in step from now on. */
    static void follow(DocstoreCache<?, ?> cache, MeterRegistry registry, Tags tags, Duration maxAge) {
        DocumentCache<?, ?> documents;
        try {
            documents = cache.documents();
        } catch (IllegalStateException closedMeanwhile) {
            return;
        }
        IndexMeters meters = new IndexMeters(registry, tags, new IndexFigures(cache, documents, maxAge));
        // listen first, then read the list: an index changed in between is seen by the read or by a later event
        documents.addIndexListener(meters::onIndexChange);
        meters.reconcile();
    }

    private void onIndexChange(IndexChange change) {
        try {
            reconcile();
        } catch (RuntimeException e) {
            // this runs inside the caller's createIndex/dropIndex, after the change is made: a metrics failure must
            // not fail that call
            LOG.log(System.Logger.Level.WARNING, "cannot update the index meters of cache '" + change.cacheName()
                    + "' after index '" + change.index().name() + "' was " + change.kind(), e);
        }
    }

    synchronized void reconcile() {
        Set<String> present = figures.refresh();
        byIndex.entrySet().removeIf(indexMeters -> {
            if (present.contains(indexMeters.getKey())) {
                return false;
            }
            indexMeters.getValue().forEach(registry::remove);
            return true;
        });
        for (String index : present) {
            if (!byIndex.containsKey(index)) {
                add(index);
            }
        }
    }

    /** Registers one index's meters, all or none: a registry refusing one affects neither that index's others
     *  (rolled back, tried again on the next change) nor other indexes. */
    private void add(String index) {
        List<Meter> added = new ArrayList<>();
        try {
            register(index, added);
            byIndex.put(index, List.copyOf(added));
        } catch (RuntimeException e) {
            added.forEach(registry::remove);
            LOG.log(System.Logger.Level.WARNING, "cannot register the meters of index '" + index + "'", e);
        }
    }

    private void register(String index, List<Meter> added) {
        Tags indexTags = tags.and("index", index);
        added.add(gauge("docstore.index.entries", index, indexTags, IndexInfo::entries,
                "Index entries: one per tuple per version, versions kept for snapshots included"));
        added.add(gauge("docstore.index.distinct.keys", index, indexTags, IndexInfo::distinctTuples,
                "Distinct keys (tuples) in the index"));
        added.add(Gauge.builder("docstore.index.bytes", figures, f -> f.read(index, IndexInfo::estimatedBytes))
                .tags(indexTags).baseUnit(BaseUnits.BYTES)
                .description("Estimated heap held by the index's entries").register(registry));
        added.add(FunctionCounter.builder("docstore.index.lookups", figures, f -> f.count(index, IndexInfo::lookups))
                .tags(indexTags).description("Exact lookups the index served").register(registry));
        added.add(FunctionCounter.builder("docstore.index.range.scans", figures,
                        f -> f.count(index, IndexInfo::rangeScans))
                .tags(indexTags).description("Range, prefix and count scans the index served").register(registry));
        added.add(TimeGauge.builder("docstore.index.query.time.mean", figures, TimeUnit.NANOSECONDS,
                        f -> f.read(index, IndexInfo::meanQueryNanos))
                .tags(indexTags).description("Mean time of the index's lookups and scans").register(registry));
        added.add(TimeGauge.builder("docstore.index.query.time.p99", figures, TimeUnit.NANOSECONDS,
                        f -> f.read(index, IndexInfo::p99QueryNanos))
                .tags(indexTags)
                .description("Time 99% of the index's lookups and scans took at most (within a factor of 2)")
                .register(registry));
    }

    private Gauge gauge(String name, String index, Tags indexTags, ToDoubleFunction<IndexInfo> figure,
                        String description) {
        // the lambdas capture the index name and a method reference, never this: the registry holds only the figures,
        // and those weakly
        return Gauge.builder(name, figures, f -> f.read(index, figure)).tags(indexTags).description(description)
                .register(registry);
    }
}
