package dev.docstore.benchmarks;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;
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
 * JCache {@code get} and {@code put} over 100k {@code Integer} keys, 2 threads, Zipf (exponent 1) or uniform keys, for
 * docstore and the anchors (Caffeine's JCache adapter, Ehcache 3, the JSR-107 reference implementation), with a bare
 * {@link ConcurrentHashMap} as the ceiling in the same run ({@code mapGet}/{@code mapPut}, which only vary with the
 * distribution). Read the scores as ratios to the ceiling.
 *
 * <p>Each provider is selected by class name, since all of them are on the class path. Setup fills the cache and
 * checks every key reads back its value, so a provider that silently caps capacity fails the run instead of measuring
 * misses.
 *
 * <p>{@code mode}: {@code byReference} (statistics off, the headline), {@code byValue} (the spec default, with a
 * mutable {@link Serializable} value), {@code byValueDocument} (by value, {@code Map} documents), {@code expiry} (by
 * reference, {@link ModifiedExpiryPolicy} of one hour), {@code statistics} (by reference, statistics on),
 * {@code listener} (by reference, one synchronous created/updated listener).
 */
public class JCacheBenchmark {
    static final int KEYS = 100_000;

    /** The class names of the providers measured; chosen explicitly because several share the class path. */
    static final Map<String, String> PROVIDERS = Map.of(
            "docstore", "dev.docstore.jcache.DocstoreCachingProvider",
            "caffeine", "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider",
            "ehcache", "org.ehcache.jsr107.EhcacheCachingProvider",
            "ri", "org.jsr107.ri.spi.RICachingProvider");

    /** One cache under test. */
    @State(Scope.Benchmark)
    public static class Caches {
        @Param({"docstore", "caffeine", "ehcache", "ri"})
        public String provider;

        @Param({"zipf", "uniform"})
        public String distribution;

        @Param({"byReference", "byValue", "byValueDocument", "expiry", "statistics", "listener"})
        public String mode;

        CachingProvider cachingProvider;
        CacheManager manager;
        Cache<Integer, Object> cache;
        Integer[] keys;
        Object[] values;
        int[] sequence;

        @Setup(Level.Trial)
        public void fill() {
            cachingProvider = Caching.getCachingProvider(Objects.requireNonNull(PROVIDERS.get(provider), provider));
            // the default URI: Ehcache reads any other URI as the location of an XML configuration
            manager = cachingProvider.getCacheManager(cachingProvider.getDefaultURI(),
                    cachingProvider.getDefaultClassLoader());
            cache = manager.createCache("jcache-benchmark", configuration(mode));
            keys = new Integer[KEYS];
            values = new Object[KEYS];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = i;
                values[i] = "byValueDocument".equals(mode) ? document(i) : new Payload(i);
                cache.put(keys[i], values[i]);
            }
            for (int i = 0; i < KEYS; i++) {
                if (!values[i].equals(cache.get(keys[i]))) {
                    throw new IllegalStateException(provider + "/" + mode + ": key " + i
                            + " is missing or wrong after setup (a capped capacity?)");
                }
            }
            if ("listener".equals(mode) && CountingListener.EVENTS.sum() < KEYS) {
                throw new IllegalStateException(provider + ": the listener saw " + CountingListener.EVENTS.sum()
                        + " events for " + KEYS + " puts");
            }
            sequence = KeySequences.of(distribution, KEYS);
        }

        @TearDown(Level.Trial)
        public void close() {
            manager.destroyCache("jcache-benchmark");
            manager.close();
        }
    }

    /** The ceiling: a bare map with the same keys, values and key sequence. */
    @State(Scope.Benchmark)
    public static class Ceiling {
        @Param({"zipf", "uniform"})
        public String distribution;

        ConcurrentHashMap<Integer, Object> map;
        Integer[] keys;
        Object[] values;
        int[] sequence;

        @Setup(Level.Trial)
        public void fill() {
            map = new ConcurrentHashMap<>();
            keys = new Integer[KEYS];
            values = new Object[KEYS];
            for (int i = 0; i < KEYS; i++) {
                keys[i] = i;
                values[i] = new Payload(i);
                map.put(keys[i], values[i]);
            }
            for (int i = 0; i < KEYS; i++) {
                if (!values[i].equals(map.get(keys[i]))) {
                    throw new IllegalStateException("key " + i + " is missing after setup");
                }
            }
            sequence = KeySequences.of(distribution, KEYS);
        }
    }

    /** Each thread's position in the shared key sequence, starting at a random point. */
    @State(Scope.Thread)
    public static class Cursor {
        int position = ThreadLocalRandom.current().nextInt(KeySequences.LENGTH);

        int next(int[] sequence) {
            return sequence[position++ & KeySequences.MASK];
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public Object get(Caches state, Cursor cursor) {
        return state.cache.get(state.keys[cursor.next(state.sequence)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public void put(Caches state, Cursor cursor) {
        int i = cursor.next(state.sequence);
        state.cache.put(state.keys[i], state.values[i]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public Object mapGet(Ceiling state, Cursor cursor) {
        return state.map.get(state.keys[cursor.next(state.sequence)]);
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Threads(2)
    public Object mapPut(Ceiling state, Cursor cursor) {
        int i = cursor.next(state.sequence);
        return state.map.put(state.keys[i], state.values[i]);
    }

    static MutableConfiguration<Integer, Object> configuration(String mode) {
        MutableConfiguration<Integer, Object> configuration = new MutableConfiguration<Integer, Object>()
                .setTypes(Integer.class, Object.class)
                .setStoreByValue(false)
                .setStatisticsEnabled(false);
        switch (mode) {
            case "byReference" -> {
                // the defaults above
            }
            case "byValue", "byValueDocument" -> configuration.setStoreByValue(true);
            case "expiry" -> configuration.setExpiryPolicyFactory(
                    ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.HOURS, 1)));
            case "statistics" -> configuration.setStatisticsEnabled(true);
            case "listener" -> configuration.addCacheEntryListenerConfiguration(
                    new MutableCacheEntryListenerConfiguration<>(
                            FactoryBuilder.factoryOf(new CountingListener()), null, false, true));
            default -> throw new IllegalArgumentException("unknown mode: " + mode);
        }
        return configuration;
    }

    /** A document of the shape the index benchmarks use, small and flat enough to serialize quickly. */
    static Map<String, Object> document(int i) {
        Map<String, Object> document = new HashMap<>();
        document.put("id", i);
        document.put("name", "user-" + i);
        document.put("age", i % 100);
        document.put("tags", List.of("t" + (i % 7), "t" + (i % 11)));
        return document;
    }

    /** A mutable, serializable value: a provider storing by value must copy it. */
    public static final class Payload implements Serializable {
        private static final long serialVersionUID = 1L;

        private int id;
        private String name;

        Payload(int id) {
            this.id = id;
            this.name = "value-" + id;
        }

        public void setName(String name) {
            this.name = name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Payload payload && payload.id == id && payload.name.equals(name);
        }

        @Override
        public int hashCode() {
            return id;
        }
    }

    /** One synchronous listener that counts created and updated events. */
    public static final class CountingListener implements CacheEntryCreatedListener<Integer, Object>,
            CacheEntryUpdatedListener<Integer, Object>, Serializable {
        private static final long serialVersionUID = 1L;
        static final LongAdder EVENTS = new LongAdder();

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends Integer, ? extends Object>> events) {
            for (CacheEntryEvent<? extends Integer, ? extends Object> ignored : events) {
                EVENTS.increment();
            }
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends Integer, ? extends Object>> events) {
            for (CacheEntryEvent<? extends Integer, ? extends Object> ignored : events) {
                EVENTS.increment();
            }
        }
    }
}
