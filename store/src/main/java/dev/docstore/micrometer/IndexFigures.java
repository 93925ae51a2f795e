package dev.docstore.micrometer;

import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocumentCache;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A cache's index figures, read at most once per max age and shared by the per-index meters of one binding: reading
 * them counts every index's distinct keys, a walk over its entries, so one scrape should read them once.
 *
 * <p>Thread-safe: a reading is an immutable map behind a volatile field. Two threads finding it stale at once may both
 * read afresh; either reading is right, so that costs one extra walk and nothing else.
 */
final class IndexFigures {
    private final DocstoreCache<?, ?> cache;
    private final DocumentCache<?, ?> documents;
    private final long maxAgeNanos;
    private volatile Reading last;

    private record Reading(Map<String, IndexInfo> byName, long atNanos) {
    }

    IndexFigures(DocstoreCache<?, ?> cache, DocumentCache<?, ?> documents, Duration maxAge) {
        this.cache = cache;
        this.documents = documents;
        // saturate: a max age beyond ~292 years means "never re-read unless an index changes"
        this.maxAgeNanos = maxAge.compareTo(Duration.ofNanos(Long.MAX_VALUE)) >= 0 ? Long.MAX_VALUE : maxAge.toNanos();
    }

    /** A gauge's figure of one index: {@code NaN} once the cache is closed or the index is gone. */
    double read(String index, ToDoubleFunction<IndexInfo> figure) {
        return cache.isClosed() ? Double.NaN : figure(current(), index, figure);
    }

    /**
     * A counter's figure of one index. Once the cache is closed it stays at the last reading rather than turning
     * {@code NaN} or dropping to 0, as Micrometer's function counters keep their last count once their object is gone.
     */
    double count(String index, ToDoubleFunction<IndexInfo> figure) {
        return figure(cache.isClosed() ? last : current(), index, figure);
    }

    /** Reads afresh (an index changed) and returns the names of the indexes; none once the cache is closed. */
    Set<String> refresh() {
        return readNow(System.nanoTime()).byName().keySet();
    }

    private static double figure(Reading reading, String index, ToDoubleFunction<IndexInfo> figure) {
        IndexInfo info = reading == null ? null : reading.byName().get(index);
        return info == null ? Double.NaN : figure.applyAsDouble(info);
    }

    private Reading current() {
        Reading reading = last;
        long now = System.nanoTime();
        return reading == null || now - reading.atNanos() >= maxAgeNanos ? readNow(now) : reading;
    }

    private Reading readNow(long now) {
        Map<String, IndexInfo> byName = new HashMap<>();
        try {
            // while an index is rebuilt the list holds it twice, the old one ready: the ready one serves queries
            for (IndexInfo info : documents.indexes()) {
                byName.merge(info.name(), info, (held, other) -> held.ready() ? held : other);
            }
        } catch (IllegalStateException closedMeanwhile) {
            // keep the last reading: the counters go on reporting it
            return new Reading(Map.of(), now);
        }
        Reading reading = new Reading(Map.copyOf(byName), now);
        last = reading;
        return reading;
    }
}
