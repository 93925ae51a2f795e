package dev.docstore.benchmarks;

import dev.docstore.jcache.DocstoreCache;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
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
 * What JCache statistics cost: {@code Cache.get} and {@code Cache.put} on a store-by-reference docstore cache of 100k
 * keys, uniform keys (the sequence {@link JCacheBenchmark} uses), 2 threads, with statistics off and on in one run.
 * The report gives each with statistics on over the same with statistics off.
 *
 * <p>Setup fills the cache, checks that every key reads back its value, and that the statistics counted those reads
 * as hits exactly when they are on.
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
    private int[] sequence;

    @Setup(Level.Trial)
    public void fill() {
        manager = DocstoreCaches.manager("statistics");
        cache = DocstoreCaches.byReference(manager, "statistics", String.class, statistics);
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
        long hits = cache.unwrap(DocstoreCache.class).statistics().getCacheHits();
        if (hits != (statistics ? KEYS : 0)) {
            throw new IllegalStateException("statistics " + (statistics ? "on" : "off") + " counted " + hits
                    + " hits for " + KEYS + " reads");
        }
        sequence = KeySequences.of("uniform", KEYS);
    }

    @TearDown(Level.Trial)
    public void close() {
        manager.destroyCache("statistics");
        manager.close();
    }

    @Benchmark
    public String get(JCacheBenchmark.Cursor cursor) {
        return cache.get(keys[cursor.next(sequence)]);
    }

    @Benchmark
    public void put(JCacheBenchmark.Cursor cursor) {
        int i = cursor.next(sequence);
        cache.put(keys[i], values[i]);
    }
}
