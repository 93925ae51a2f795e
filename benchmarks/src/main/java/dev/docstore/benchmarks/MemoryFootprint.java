package dev.docstore.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docstore.engine.DocumentStore;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.Indexes;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * Heap per entry, beyond key and value: each structure is filled with the same {@code n} keys and frozen documents
 * ({@link Dataset}), which are created (and measured in the baseline) before it, so the growth of the heap after full
 * garbage collections is what the structure itself costs. Measured: {@link ConcurrentHashMap}, Caffeine's JCache
 * adapter (by reference, statistics off), a docstore JCache cache (by reference), and the docstore engine with 0 and
 * 3 indexes. Each structure is checked to return every key's document before it is measured.
 *
 * <p>Usage: {@code MemoryFootprint entries output.json}; run with a heap large enough for all of it (3 GB for 1M).
 * Writes {@code [{"structure", "entries", "indexes", "bytesPerEntry"}...]}.
 */
public final class MemoryFootprint {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private MemoryFootprint() {
    }

    /** One measured structure: fills itself with the documents and returns a way to read a key back. */
    interface Structure {
        Filled fill(Integer[] keys, List<Map<String, Object>> documents);
    }

    /** A filled structure: how to read key {@code i} back, and how to let go of it (closing caches and stores). */
    record Filled(IntFunction<Object> reader, Runnable close) {
    }

    public static void main(String[] args) throws IOException {
        int entries = Integer.parseInt(args[0]);
        Path output = Path.of(args[1]);
        Dataset dataset = new Dataset(entries);
        Integer[] keys = new Integer[entries];
        for (int i = 0; i < entries; i++) {
            keys[i] = i;
        }
        Map<String, Structure> structures = new LinkedHashMap<>();
        structures.put("ConcurrentHashMap", (k, d) -> {
            ConcurrentHashMap<Integer, Object> map = new ConcurrentHashMap<>();
            for (int i = 0; i < k.length; i++) {
                map.put(k[i], d.get(i));
            }
            return new Filled(i -> map.get(k[i]), map::clear);
        });
        structures.put("caffeine JCache", (k, d) -> jcache("caffeine", k, d));
        structures.put("docstore JCache", (k, d) -> jcache("docstore", k, d));
        structures.put("docstore engine", (k, d) -> engine(0, k, d));
        structures.put("docstore engine, 3 indexes", (k, d) -> engine(3, k, d));

        List<Map<String, Object>> results = new ArrayList<>();
        Filled filled = null;
        for (Map.Entry<String, Structure> structure : structures.entrySet()) {
            long before = usedAfterGc();
            filled = structure.getValue().fill(keys, dataset.documents);
            for (int i = 0; i < entries; i++) {
                if (filled.reader().apply(i) != dataset.documents.get(i)) {
                    throw new IllegalStateException(structure.getKey() + ": key " + i + " is missing or wrong");
                }
            }
            long after = usedAfterGc();
            double perEntry = (after - before) / (double) entries;
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("structure", structure.getKey());
            result.put("entries", entries);
            result.put("bytesPerEntry", Math.round(perEntry * 10) / 10.0);
            results.add(result);
            System.out.printf("%-28s %8.1f B per entry beyond key and value%n", structure.getKey(), perEntry);
            filled.close().run(); // only now: the structure stays reachable until it has been measured
            filled = null;
        }
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(output.toFile(), results);
    }

    private static Filled jcache(String provider, Integer[] keys, List<Map<String, Object>> documents) {
        CachingProvider cachingProvider = Caching.getCachingProvider(JCacheBenchmark.PROVIDERS.get(provider));
        CacheManager manager = cachingProvider.getCacheManager(cachingProvider.getDefaultURI(),
                cachingProvider.getDefaultClassLoader());
        Cache<Integer, Object> cache = manager.createCache("memory-" + provider,
                new MutableConfiguration<Integer, Object>().setTypes(Integer.class, Object.class)
                        .setStoreByValue(false).setStatisticsEnabled(false));
        for (int i = 0; i < keys.length; i++) {
            cache.put(keys[i], documents.get(i));
        }
        return new Filled(i -> cache.get(keys[i]), () -> {
            manager.destroyCache("memory-" + provider);
            manager.close();
        });
    }

    private static Filled engine(int indexCount, Integer[] keys, List<Map<String, Object>> documents) {
        DocumentStore<Integer, Map<String, Object>> store = DocumentStore.create();
        if (indexCount == 3) {
            Indexes<Integer, Map<String, Object>> indexes = Indexes.attach(store);
            indexes.create(IndexDefinition.of("byTown", "address.city"));
            indexes.create(IndexDefinition.of("byAge", "age"));
            indexes.create(IndexDefinition.of("byCityAge", "city", "age"));
        }
        for (int i = 0; i < keys.length; i++) {
            store.put(keys[i], documents.get(i));
        }
        return new Filled(i -> store.value(keys[i]), store::close);
    }

    /** Heap in use after full collections, repeated until it stops shrinking. */
    static long usedAfterGc() {
        long used = Long.MAX_VALUE;
        for (int round = 0; round < 10; round++) {
            System.gc();
            long now = MEMORY.getHeapMemoryUsage().getUsed();
            if (now >= used - 1024) {
                return Math.min(now, used);
            }
            used = now;
        }
        return used;
    }
}
