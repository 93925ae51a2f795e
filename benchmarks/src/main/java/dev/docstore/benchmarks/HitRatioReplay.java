package dev.docstore.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.docstore.eviction.WindowTinyLfuPolicy;
import dev.docstore.jcache.DocstoreConfiguration;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.tukaani.xz.XZInputStream;

/**
 * Hit ratios of docstore's eviction policy ({@link WindowTinyLfuPolicy}) driven directly, of a bounded docstore cache
 * through the JCache API, of Caffeine and of an LRU on recorded cache access traces, each replayed at 1%, 5% and 20% of
 * its distinct keys, printed as a Markdown table with two bars for each docstore column: at most 1 point below
 * Caffeine on average over all rows, and no row more than 2 points below LRU.
 *
 * <p>Every trace is a sequence of integer keys, replayed single-threaded against a cache of that many entries: a key
 * present is a hit, a key absent a miss, after which it is stored. Two formats are read, by file name:
 * {@code *.trace.gz}, gzip text with one key per line (lines starting with {@code *} are comments), and
 * {@code *.trace.xz}, xz-compressed big-endian 32-bit ints. Every trace under the directory given is replayed, in
 * path order.
 *
 * <p>Usage, from the repository root (the traces are not part of the repository; pass where they are):
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package dependency:build-classpath -DskipTests \
 *     -Dmdep.outputFile=$PWD/benchmarks/target/classpath.txt
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
 *     dev.docstore.benchmarks.HitRatioReplay path/to/traces
 * </pre>
 */
public final class HitRatioReplay {
    /** The cache sizes replayed, in percent of a trace's distinct keys (rounded down). */
    static final int[] PERCENTS_OF_DISTINCT_KEYS = {1, 5, 20};
    /** Fixes the policy's random admissions, so every run prints the same table. */
    static final long POLICY_SEED = 16;
    static final double MAXIMUM_POINTS_BELOW_CAFFEINE_ON_AVERAGE = 1;
    static final double MAXIMUM_POINTS_BELOW_LRU_PER_ROW = 2;

    private HitRatioReplay() {
    }

    /**
     * One trace at one size: the hit ratio of each, in percent: docstore's policy driven directly, a bounded docstore
     * cache through the JCache API (its reads reach the policy through the lossy read buffer), Caffeine, an LRU.
     */
    record Row(String trace, long size, double docstore, double docstoreCache, double caffeine, double lru) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: HitRatioReplay <traces directory>");
            System.exit(2);
        }
        List<Row> rows = new ArrayList<>();
        for (Path file : traceFiles(Path.of(args[0]))) {
            rows.addAll(replay(traceName(file), readTrace(file)));
        }
        System.out.println("Replayed on " + LocalDate.now() + ", Java " + Runtime.version() + ".");
        System.out.println();
        System.out.print(table(rows));
    }

    /** The traces under {@code directory}, in path order. */
    static List<Path> traceFiles(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(file -> {
                String name = file.getFileName().toString();
                return name.endsWith(".trace.gz") || name.endsWith(".trace.xz");
            }).sorted().toList();
        }
    }

    static String traceName(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.indexOf(".trace."));
    }

    /** The keys of a trace, in order, in the format its file name says. */
    static long[] readTrace(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return file.getFileName().toString().endsWith(".xz")
                    ? readInts(new XZInputStream(in))
                    : readLines(new GZIPInputStream(in));
        }
    }

    /** Big-endian 32-bit ints up to the end of the stream. */
    static long[] readInts(InputStream in) throws IOException {
        LongList keys = new LongList();
        DataInputStream data = new DataInputStream(new BufferedInputStream(in));
        while (true) {
            try {
                keys.add(data.readInt());
            } catch (EOFException end) {
                return keys.toArray();
            }
        }
    }

    /** One key per line; lines starting with {@code *} and blank lines are skipped. */
    static long[] readLines(InputStream in) throws IOException {
        LongList keys = new LongList();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            String key = line.trim();
            if (!key.isEmpty() && !key.startsWith("*")) {
                keys.add(Long.parseLong(key));
            }
        }
        return keys.toArray();
    }

    /** The trace replayed at each size of {@link #PERCENTS_OF_DISTINCT_KEYS}, through the three policies. */
    static List<Row> replay(String name, long[] trace) {
        Set<Long> distinct = new HashSet<>();
        for (long key : trace) {
            distinct.add(key);
        }
        List<Row> rows = new ArrayList<>();
        for (int percent : PERCENTS_OF_DISTINCT_KEYS) {
            long size = (long) distinct.size() * percent / 100;
            rows.add(new Row(name, size, docstoreHitRatio(trace, size), docstoreCacheHitRatio(trace, size),
                    caffeineHitRatio(trace, size), lruHitRatio(trace, size)));
        }
        return rows;
    }

    static double docstoreHitRatio(long[] trace, long size) {
        WindowTinyLfuPolicy<Long> policy = WindowTinyLfuPolicy.boundedBySize(size, POLICY_SEED);
        long hits = 0;
        for (long key : trace) {
            if (policy.contains(key)) {
                hits++;
                policy.recordAccess(key);
            } else {
                policy.recordInsert(key, 1);
                for (Long victim = policy.nextVictim(); victim != null; victim = policy.nextVictim()) {
                    policy.recordRemoval(victim);
                }
            }
        }
        return percent(hits, trace.length);
    }

    /**
     * The same replay through a bounded docstore cache ({@code get}, then {@code put} on a miss), as an application
     * drives it: what the read buffer drops, and where the cache evicts, count here.
     */
    static double docstoreCacheHitRatio(long[] trace, long size) {
        if (size == 0) {
            return 0; // a bound of 0 is refused at configuration; with no room every request misses
        }
        CachingProvider provider = Caching.getCachingProvider(JCacheBenchmark.PROVIDERS.get("docstore"));
        try (CacheManager manager = provider.getCacheManager(URI.create("urn:docstore:hit-ratio"),
                provider.getDefaultClassLoader())) {
            DocstoreConfiguration<Long, Boolean> configuration = new DocstoreConfiguration<>();
            configuration.setTypes(Long.class, Boolean.class).setStoreByValue(false);
            configuration.setMaximumSize(size);
            javax.cache.Cache<Long, Boolean> cache = manager.createCache("replay", configuration);
            long hits = 0;
            for (long key : trace) {
                if (cache.get(key) != null) {
                    hits++;
                } else {
                    cache.put(key, Boolean.TRUE);
                }
            }
            manager.destroyCache("replay");
            return percent(hits, trace.length);
        }
    }

    static double caffeineHitRatio(long[] trace, long size) {
        // maintenance on the calling thread: the replay is deterministic and single-threaded, as the policy's is
        Cache<Long, Boolean> cache = Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
        long hits = 0;
        for (long key : trace) {
            if (cache.getIfPresent(key) != null) {
                hits++;
            } else {
                cache.put(key, Boolean.TRUE);
            }
        }
        return percent(hits, trace.length);
    }

    static double lruHitRatio(long[] trace, long size) {
        Map<Long, Boolean> lru = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Boolean> eldest) {
                return size() > size;
            }
        };
        long hits = 0;
        for (long key : trace) {
            if (lru.get(key) != null) {
                hits++;
            } else {
                lru.put(key, Boolean.TRUE);
            }
        }
        return percent(hits, trace.length);
    }

    private static double percent(long hits, long requests) {
        return requests == 0 ? 0 : 100.0 * hits / requests;
    }

    /** The rows as a Markdown table, then the two bars for each docstore column: the figure and whether it is met. */
    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder("| trace | size | docstore policy | docstore cache | Caffeine | LRU |\n")
                .append("|---|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            table.append(String.format(Locale.ROOT, "| %s | %d | %.2f %% | %.2f %% | %.2f %% | %.2f %% |%n",
                    row.trace(), row.size(), row.docstore(), row.docstoreCache(), row.caffeine(), row.lru()));
        }
        if (rows.isEmpty()) {
            return table.append("\nNo trace found.\n").toString();
        }
        table.append('\n');
        bars(table, "docstore policy", rows, Row::docstore);
        bars(table, "docstore cache", rows, Row::docstoreCache);
        return table.toString();
    }

    private static void bars(StringBuilder table, String name, List<Row> rows, ToDoubleFunction<Row> ratio) {
        double sumAgainstCaffeine = 0;
        Row worstAgainstLru = rows.get(0);
        for (Row row : rows) {
            sumAgainstCaffeine += ratio.applyAsDouble(row) - row.caffeine();
            if (ratio.applyAsDouble(row) - row.lru() < ratio.applyAsDouble(worstAgainstLru) - worstAgainstLru.lru()) {
                worstAgainstLru = row;
            }
        }
        double averageAgainstCaffeine = sumAgainstCaffeine / rows.size();
        double worstLruDifference = ratio.applyAsDouble(worstAgainstLru) - worstAgainstLru.lru();
        table.append(String.format(Locale.ROOT,
                "Average of %s − Caffeine over %d rows: %+.2f points (bar: ≥ −%.0f): %s.%n",
                name, rows.size(), averageAgainstCaffeine, MAXIMUM_POINTS_BELOW_CAFFEINE_ON_AVERAGE,
                averageAgainstCaffeine >= -MAXIMUM_POINTS_BELOW_CAFFEINE_ON_AVERAGE ? "met" : "missed"));
        table.append(String.format(Locale.ROOT,
                "Worst %s − LRU: %+.2f points, %s at %d (bar: ≥ −%.0f in every row): %s.%n",
                name, worstLruDifference, worstAgainstLru.trace(), worstAgainstLru.size(),
                MAXIMUM_POINTS_BELOW_LRU_PER_ROW,
                worstLruDifference >= -MAXIMUM_POINTS_BELOW_LRU_PER_ROW ? "met" : "missed"));
    }

    /** A growable array of longs: a trace has up to millions of keys, which a List would box one by one. */
    private static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
