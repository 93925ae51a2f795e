package dev.docstore.jcache;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * The child JVM of {@link BoundedExportMemoryTest}: fills a cache with {@code count} small documents, measures the
 * heap they hold after a full collection, exports the cache to a file and prints what it measured as one line,
 * {@code documents=N dataBytes=B maxHeap=M}. Any failure (an {@link OutOfMemoryError} above all) ends it with a
 * non-zero status.
 *
 * <p>Usage: {@code SmallHeapExport count file}.
 */
final class SmallHeapExport {
    private SmallHeapExport() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        long empty = usedAfterFullCollection();
        try (CacheManager manager = JCacheTesting.newManager("small-heap-export")) {
            // by reference: the heap then holds the documents as they were put, with no frozen copy, so the figure
            // is what the documents themselves take beside the cache's own entries
            Cache<Integer, Map<String, Object>> cache = manager.createCache("documents",
                    new MutableConfiguration<Integer, Map<String, Object>>().setTypes(Integer.class, documentType())
                            .setStoreByValue(false));
            for (int id = 0; id < count; id++) {
                cache.put(id, document(id));
            }
            long dataBytes = usedAfterFullCollection() - empty;
            long exported = JCacheTesting.documents(cache).exportTo(file);
            System.out.println("documents=" + exported + " dataBytes=" + dataBytes + " maxHeap="
                    + Runtime.getRuntime().maxMemory());
        }
    }

    /**
     * A stock record of about 170 bytes of JSON (its line is about 195: {@code {"key":7,"value":{"sku":"SKU-00000007",
     * "quantity":7,"reserved":0,"inStock":true,"backordered":false,"warehouse":"south","aisle":7,"shelf":7,"bin":7,
     * "tags":["new","sale"]},"version":8}}): mostly small numbers and flags under repeated field names, as many
     * documents are, which JSON spells out in every line while the heap shares the names and the small boxed values.
     */
    private static Map<String, Object> document(int id) {
        return Map.of("sku", String.format("SKU-%08d", id), "quantity", id % 100, "reserved", id % 7,
                "inStock", id % 3 != 0, "backordered", id % 5 == 0, "warehouse", id % 2 == 0 ? "north" : "south",
                "aisle", id % 40, "shelf", id % 9, "bin", id % 30, "tags", List.of("new", "sale"));
    }

    /** Heap in use after a full collection: the serial collector's System.gc() is one, complete and synchronous. */
    private static long usedAfterFullCollection() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @SuppressWarnings("unchecked") // a class literal cannot carry Map's type arguments
    private static Class<Map<String, Object>> documentType() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }
}
