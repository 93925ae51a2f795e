package dev.docstore.benchmarks;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import dev.docstore.jcache.DocstoreConfiguration;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.spi.CachingProvider;
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
 * What a bound costs, through the JCache API (store by reference, statistics off, 2 threads):
 * <ul>
 *   <li>{@code get} on a docstore cache of 100k keys, unbounded or bounded by a maximum size of 100k (so nothing is
 *       evicted and the figure is what recording reads for the policy costs), Zipf or uniform keys; the report gives
 *       bounded over unbounded;</li>
 *   <li>{@code put} of uniform keys over 200k into a cache bounded to 50k entries, so most puts evict, by docstore
 *       and by Caffeine's JCache adapter with the same {@code maximum.size}; the report gives docstore over
 *       Caffeine.</li>
 * </ul>
 * Setup checks that a bounded {@code get} cache still holds every key, and that an evicting cache holds fewer keys
 * than were put and no more than twice its bound (Caffeine evicts on its executor, so its count may lag the bound
 * for a moment), so a cache that does not evict fails the run instead of measuring something else.
 */
public class BoundedCacheBenchmark {
    static final int KEYS = 100_000;
    static final int PUT_KEYS = 200_000;
    static final int PUT_BOUND = 50_000;

    /** A docstore cache of {@value #KEYS} keys, bounded to exactly that many or not at all. */
    @State(Scope.Benchmark)
    public static class Reads {
        @Param({"false", "true"})
        public boolean bounded;

        @Param({"zipf", "uniform"})
        public String distribution;

        CacheManager manager;
        Cache<Integer, String> cache;
        Integer[] keys;
        int[] sequence;

        @Setup(Level.Trial)
        public void fill() {
            manager = DocstoreCaches.manager("bounded-reads");
            DocstoreConfiguration<Integer, String> configuration = new DocstoreConfiguration<>();
            configuration.setTypes(Integer.class, String.class).setStoreByValue(false);
            if (bounded) {
                configuration.setMaximumSize(KEYS);
            }
            cache = manager.createCache("reads", configuration);
            keys = new Integer[KEYS];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = i;
                cache.put(keys[i], "value-" + i);
            }
            for (int i = 0; i < KEYS; i++) {
                if (!("value-" + i).equals(cache.get(keys[i]))) {
                    throw new IllegalStateException("bounded=" + bounded + ": key " + i + " is missing after setup");
                }
            }
            sequence = KeySequences.of(distribution, KEYS);
        }

        @TearDown(Level.Trial)
        public void close() {
            manager.destroyCache("reads");
            manager.close();
        }
    }

    /** A cache bounded to {@value #PUT_BOUND} entries, by docstore or by Caffeine, that {@code put} overfills. */
    @State(Scope.Benchmark)
    public static class Writes {
        @Param({"docstore", "caffeine"})
        public String provider;

        CacheManager manager;
        Cache<Integer, String> cache;
        Integer[] keys;
        String[] values;
        int[] sequence;

        @Setup(Level.Trial)
        public void fill() {
            CachingProvider caching = Caching.getCachingProvider(
                    Objects.requireNonNull(JCacheBenchmark.PROVIDERS.get(provider), provider));
            manager = caching.getCacheManager(caching.getDefaultURI(), caching.getDefaultClassLoader());
            cache = manager.createCache("writes", configuration(provider));
            keys = new Integer[PUT_KEYS];
            values = new String[PUT_KEYS];
            for (int i = 0; i < PUT_KEYS; i++) {
                keys[i] = i;
                values[i] = "value-" + i;
                cache.put(keys[i], values[i]);
            }
            long held = 0;
            for (Cache.Entry<Integer, String> ignored : cache) {
                held++;
            }
            if (held >= PUT_KEYS || held > 2L * PUT_BOUND) {
                throw new IllegalStateException(provider + " holds " + held + " of " + PUT_KEYS
                        + " keys put with a bound of " + PUT_BOUND + ": it does not evict");
            }
            sequence = KeySequences.of("uniform", PUT_KEYS);
        }

        private static CompleteConfiguration<Integer, String> configuration(String provider) {
            if (provider.equals("caffeine")) {
                CaffeineConfiguration<Integer, String> caffeine = new CaffeineConfiguration<>();
                caffeine.setTypes(Integer.class, String.class).setStoreByValue(false);
                caffeine.setMaximumSize(OptionalLong.of(PUT_BOUND));
                return caffeine;
            }
            DocstoreConfiguration<Integer, String> docstore = new DocstoreConfiguration<>();
            docstore.setTypes(Integer.class, String.class).setStoreByValue(false);
            docstore.setMaximumSize(PUT_BOUND);
            return docstore;
        }

        @TearDown(Level.Trial)
        public void close() {
            manager.destroyCache("writes");
            manager.close();
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public String get(Reads state, JCacheBenchmark.Cursor cursor) {
        return state.cache.get(state.keys[cursor.next(state.sequence)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public void put(Writes state, JCacheBenchmark.Cursor cursor) {
        int i = cursor.next(state.sequence);
        state.cache.put(state.keys[i], state.values[i]);
    }
}
