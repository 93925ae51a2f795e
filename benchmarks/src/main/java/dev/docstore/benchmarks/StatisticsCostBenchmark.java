package dev.docstore.benchmarks;

import java.net.URI;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What JCache statistics cost: get and put on a store-by-reference docstore cache of 100k keys, with statistics off
 * and on, in one run. The cache is filled and checked in setup (every key present, the hit count moving only when
 * statistics are on).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class StatisticsCostBenchmark {
    private static final int KEYS = 100_000;

    @Param({"false", "true"})
    public boolean statistics;

    private CacheManager manager;
    private Cache<Integer, String> cache;
    private Integer[] keys;
    private String[] values;

    @Setup(Level.Trial)
    public void fill() {
        manager = Caching.getCachingProvider(JCacheBenchmark.PROVIDERS.get("docstore")).getCacheManager(URI.create("urn:docstore:bench:statistics"), null);
        MutableConfiguration<Integer, String> configuration = new MutableConfiguration<Integer, String>()
                .setTypes(Integer.class, String.class)
                .setStoreByValue(false)
                .setStatisticsEnabled(statistics);
        cache = manager.createCache("statistics-" + statistics, configuration);
        keys = new Integer[KEYS];
        values = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = i;
            values[i] = "value-" + i;
            cache.put(keys[i], values[i]);
        }
        for (int i = 0; i < KEYS; i++) {
            if (!values[i].equals(cache.get(keys[i]))) {
                throw new IllegalStateException("key " + i + " is missing after setup");
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        manager.close();
    }

    @Benchmark
    public String get() {
        return cache.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
    }

    @Benchmark
    public void put() {
        int i = ThreadLocalRandom.current().nextInt(KEYS);
        cache.put(keys[i], values[i]);
    }
}
