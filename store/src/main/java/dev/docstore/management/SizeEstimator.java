package dev.docstore.management;

import dev.docstore.engine.StoreFigures;
import dev.docstore.jcache.DocstoreCache;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;

/**
 * Estimates the heap a cache's entries hold: a fixed cost per version (the 56-byte version record and its hash-map
 * node) plus the values, sized roughly (strings by length, maps and lists by their elements) on a sample of up to
 * 256 entries and scaled to the document count. An estimate for an operator, not an accounting.
 */
final class SizeEstimator {
    private static final long PER_VERSION = 56 + 40;
    private static final int SAMPLE = 256;

    private SizeEstimator() {
    }

    static long estimate(DocstoreCache<?, ?> cache) {
        StoreFigures figures = cache.figures();
        long sampled = 0;
        long bytes = 0;
        for (Cache.Entry<?, ?> entry : cache.documents().sample(SAMPLE)) {
            bytes += sizeOf(entry.getKey()) + sizeOf(entry.getValue());
            sampled++;
        }
        long values = sampled == 0 ? 0 : bytes * figures.documents() / sampled;
        return figures.versions() * PER_VERSION + values;
    }

    private static long sizeOf(Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof String text) {
            return 40 + text.length();
        }
        if (value instanceof Map<?, ?> map) {
            long size = 48 + 32L * map.size();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                size += sizeOf(field.getKey()) + sizeOf(field.getValue());
            }
            return size;
        }
        if (value instanceof List<?> list) {
            long size = 24 + 4L * list.size();
            for (Object element : list) {
                size += sizeOf(element);
            }
            return size;
        }
        return 24;
    }
}
