package dev.docstore.management;

import dev.docstore.engine.StoreFigures;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.EstimatedBytesWeigher;
import dev.docstore.jcache.Weigher;
import javax.cache.Cache;

/**
 * Estimates the heap a cache's entries hold: a fixed cost per version (the 56-byte version record and its hash-map
 * node) plus the keys and values, each entry weighed by {@link EstimatedBytesWeigher} (the estimate a cache bounded by
 * weight with the built-in weigher counts, so an operator and the bound see one figure) on a sample of up to 256
 * entries and scaled to the document count. An estimate for an operator, not an accounting.
 *
 * <p>Thread-safe: stateless; the sample is read from the cache like any other read.
 */
final class SizeEstimator {
    private static final long PER_VERSION = 56 + 40;
    private static final int SAMPLE = 256;
    private static final Weigher<Object, Object> ENTRY = new EstimatedBytesWeigher<>();

    private SizeEstimator() {
    }

    static long estimate(DocstoreCache<?, ?> cache) {
        StoreFigures figures = cache.figures();
        long sampled = 0;
        long bytes = 0;
        for (Cache.Entry<?, ?> entry : cache.documents().sample(SAMPLE)) {
            bytes += ENTRY.weigh(entry.getKey(), entry.getValue());
            sampled++;
        }
        long values = sampled == 0 ? 0 : bytes * figures.documents() / sampled;
        return figures.versions() * PER_VERSION + values;
    }
}
