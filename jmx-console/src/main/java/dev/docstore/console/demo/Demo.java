package dev.docstore.console.demo;

import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * The embedded docstore of {@code --demo}: a cache manager ({@code urn:docstore:demo}) with an {@code orders} cache
 * (indexed by city, status, amount and creation time) and a {@code customers} cache (indexed by country), both with
 * statistics and management on, filled with {@link DemoData}, and a {@link DemoWorkload} running against them.
 * {@code customers} is bounded to {@link #CUSTOMER_SHARE} of the customers, so it never holds them all: the fill
 * already evicts, and the workload's customer look-ups keep missing, reloading and evicting, so the console's
 * evictions chart moves and its bound can be changed on a cache that feels it.
 *
 * <p>Thread-safe: the caches are; {@link #close()} stops the workload before closing the manager.
 */
public final class Demo implements AutoCloseable {
    public static final URI MANAGER = URI.create("urn:docstore:demo");
    /** The data set's seed: package-private so a test can generate the same documents. */
    static final long SEED = 20261127L;
    static final int BATCH = 2_000;
    /** The share of the customers that the {@code customers} cache's bound holds. */
    static final double CUSTOMER_SHARE = 0.8;

    private final CacheManager manager;
    private final DemoWorkload workload;

    private Demo(CacheManager manager, DemoWorkload workload) {
        this.manager = manager;
        this.workload = workload;
    }

    /**
     * Creates and fills the caches, then starts the workload at about {@code operationsPerSecond} spread over
     * {@code threads} threads (0 operations per second: no workload).
     */
    public static Demo start(int orders, int operationsPerSecond, int threads) {
        if (orders < 1) {
            throw new IllegalArgumentException("the demo needs at least one order, was " + orders);
        }
        CachingProvider provider = Caching.getCachingProvider(DocstoreCachingProvider.class.getName());
        CacheManager manager = provider.getCacheManager(MANAGER, Demo.class.getClassLoader());
        if (manager.getCacheNames().iterator().hasNext()) {
            // the provider hands out the running demo's manager: closing it on failure would end that demo
            throw new IllegalStateException("a demo already runs in this JVM: manager " + MANAGER + " has caches "
                    + manager.getCacheNames());
        }
        try {
            int customers = Math.max(1, orders / 10);
            Cache<String, Map<String, Object>> orderCache = manager.createCache("orders", configuration()
                    .addIndex(IndexDefinition.of("byCity", "address.city"))
                    .addIndex(IndexDefinition.of("byStatus", "status"))
                    .addIndex(IndexDefinition.of("byAmount", "amount"))
                    .addIndex(IndexDefinition.of("byCreated", "created")));
            Cache<String, Map<String, Object>> customerCache = manager.createCache("customers", configuration()
                    .addIndex(IndexDefinition.of("byCountry", "country"))
                    .setMaximumSize(customerBound(customers)));
            fill(customerCache, customers, customers, DemoData::customer, DemoData::customerKey);
            fill(orderCache, orders, customers, DemoData::order, DemoData::orderKey);
            DemoWorkload workload = DemoWorkload.start(orderCache, customerCache, orders, customers,
                    operationsPerSecond, threads, SEED + 1);
            return new Demo(manager, workload);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @SuppressWarnings("unchecked") // the caches hold documents: string keys, Map values
    private static DocstoreConfiguration<String, Map<String, Object>> configuration() {
        DocstoreConfiguration<String, Map<String, Object>> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(String.class, (Class<Map<String, Object>>) (Class<?>) Map.class);
        configuration.setStatisticsEnabled(true);
        configuration.setManagementEnabled(true);
        return configuration;
    }

    /**
     * Puts {@code count} documents in batches, the batches in parallel (the cache takes concurrent writers); each
     * batch has its own generator seeded from its number, so the data does not depend on thread timing.
     */
    private static void fill(Cache<String, Map<String, Object>> cache, int count, int customers,
            BiFunction<DemoData, Integer, Map<String, Object>> document, IntFunction<String> key) {
        int batches = (count + BATCH - 1) / BATCH;
        IntStream.range(0, batches).parallel().forEach(batch -> {
            DemoData data = new DemoData(batchSeed(batch), customers);
            Map<String, Map<String, Object>> documents = new HashMap<>();
            for (int i = batch * BATCH; i < Math.min(count, (batch + 1) * BATCH); i++) {
                documents.put(key.apply(i), document.apply(data, i));
            }
            cache.putAll(documents);
        });
        // filling is setup, not traffic: the statistics the console charts start from zero
        cache.unwrap(DocstoreCache.class).statistics().clear();
    }

    /** The maximum size of the {@code customers} cache, for {@code customers} customers: fewer, but one at least. */
    static int customerBound(int customers) {
        return Math.max(1, (int) (customers * CUSTOMER_SHARE));
    }

    /** The seed of the generator of batch {@code batch}. */
    static long batchSeed(int batch) {
        return SEED + 0x9E3779B97F4A7C15L * (batch + 1);
    }

    public CacheManager manager() {
        return manager;
    }

    /** Operations the workload has run so far. */
    public long operations() {
        return workload.operations();
    }

    /** Operations the cache refused (after an index was dropped, say); the workload goes on. */
    public long refused() {
        return workload.refused();
    }

    @Override
    public void close() {
        workload.close();
        manager.close();
    }
}
