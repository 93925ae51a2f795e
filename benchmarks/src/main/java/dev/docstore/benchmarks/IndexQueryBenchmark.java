package dev.docstore.benchmarks;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexRange;
import dev.docstore.index.Indexes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
 * Indexed queries on 100k and 1M documents ({@link Dataset}), 2 threads, each engine with the same indexes:
 * <ul>
 *   <li>{@code exact}: {@code address.city = ?}, exactly {@value Dataset#HITS} hits;</li>
 *   <li>{@code range}: {@code age} in a window of {@value Dataset#HITS} ({@code [low, low + 100)}), 100 hits;</li>
 *   <li>{@code prefix}: the prefix {@code city = ?} of a composite index on {@code (city, age)}, n / 1000 hits;</li>
 *   <li>{@code count}: how many ages fall in a window of 1% of n, without reading the documents.</li>
 * </ul>
 * Every hit of {@code exact}, {@code range} and {@code prefix} is visited: its {@code score} is summed and returned.
 * Engines: docstore ({@link Indexes} on a {@link DocumentStore}); the hand-rolled ceiling ({@code ceiling*}:
 * {@link ConcurrentHashMap}s of lists and a {@link ConcurrentSkipListMap}); H2 in memory ({@link H2Anchor}) and
 * CQEngine ({@link CqengineAnchor}). Scores are microseconds per query; the report divides them by the hits.
 *
 * <p>Each engine's state checks it against a brute-force scan of the documents on sample queries (the edges and a
 * middle) and throws on any missing hit or differing sum. The 1M forks get a larger heap.
 *
 * <p>This is the engine's side of the picture: it calls {@link Indexes} directly, and its documents are {@code Map}s,
 * so its ceiling pays a {@code Map.get} per hit as docstore does. What users see, through JCache and
 * {@code DocumentCache}, against a ceiling whose hit costs a field read, is {@link DocumentCacheQueryBenchmark}; the
 * gap between the two is what the JCache layer adds.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class IndexQueryBenchmark {

    /** The documents, generated the same way in every fork. */
    @State(Scope.Benchmark)
    public static class Documents {
        @Param({"100000", "1000000"})
        public int documents;

        Dataset dataset;

        @Setup(Level.Trial)
        public void generate() {
            dataset = new Dataset(documents);
        }

        int randomLow(int width) {
            return ThreadLocalRandom.current().nextInt(dataset.size - width + 1);
        }

        String randomTown() {
            return dataset.towns[ThreadLocalRandom.current().nextInt(dataset.towns.length)];
        }

        String randomCity() {
            return dataset.cities[ThreadLocalRandom.current().nextInt(Dataset.CITIES)];
        }
    }

    /** docstore: the documents in a store with three indexes. */
    @State(Scope.Benchmark)
    public static class Docstore {
        DocumentStore<Integer, Map<String, Object>> store;
        Indexes<Integer, Map<String, Object>> indexes;

        @Setup(Level.Trial)
        public void fill(Documents documents) {
            Dataset dataset = documents.dataset;
            store = DocumentStore.create();
            indexes = Indexes.attach(store);
            indexes.create(IndexDefinition.of("byTown", "address.city"));
            indexes.create(IndexDefinition.of("byAge", "age"));
            indexes.create(IndexDefinition.of("byCityAge", "city", "age"));
            for (Map<String, Object> document : dataset.documents) {
                store.put((Integer) document.get("id"), document);
            }
            new Checks(dataset) {
                @Override
                long exact(String town) {
                    return sum(indexes.lookup("byTown", town));
                }

                @Override
                long range(int low) {
                    return sum(indexes.range("byAge", low, low + Dataset.HITS));
                }

                @Override
                long prefix(String city) {
                    return sum(prefixScan(city));
                }

                @Override
                long count(int low) {
                    return countScan(low, dataset.countWidth());
                }
            }.run();
        }

        List<Entry<Integer, Map<String, Object>>> prefixScan(String city) {
            return indexes.scan("byCityAge").range(IndexRange.prefix(city)).list();
        }

        long countScan(int low, int width) {
            return indexes.scan("byAge").range(IndexRange.between(low, low + width)).count();
        }

        static long sum(List<Entry<Integer, Map<String, Object>>> hits) {
            long sum = 0;
            for (Entry<Integer, Map<String, Object>> hit : hits) {
                sum += (Integer) hit.value().get("score");
            }
            return sum;
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
        }
    }

    /** The ceiling: what one would write by hand, a hash map per equality and a skip list for the range. */
    @State(Scope.Benchmark)
    public static class Ceiling {
        ConcurrentHashMap<String, List<Map<String, Object>>> byTown;
        ConcurrentHashMap<String, List<Map<String, Object>>> byCity;
        ConcurrentSkipListMap<Integer, List<Map<String, Object>>> byAge;

        @Setup(Level.Trial)
        public void fill(Documents documents) {
            Dataset dataset = documents.dataset;
            byTown = new ConcurrentHashMap<>();
            byCity = new ConcurrentHashMap<>();
            byAge = new ConcurrentSkipListMap<>();
            for (Map<String, Object> document : dataset.documents) {
                byTown.computeIfAbsent((String) ((Map<?, ?>) document.get("address")).get("city"),
                        town -> new ArrayList<>()).add(document);
                byCity.computeIfAbsent((String) document.get("city"), city -> new ArrayList<>()).add(document);
                byAge.computeIfAbsent((Integer) document.get("age"), age -> new ArrayList<>()).add(document);
            }
            // the composite (city, age) order, as a hand-rolled composite index would keep it
            byCity.values().forEach(list -> list.sort(Comparator.comparing(document -> (Integer) document.get("age"))));
            new Checks(dataset) {
                @Override
                long exact(String town) {
                    return sum(byTown.get(town));
                }

                @Override
                long range(int low) {
                    return Ceiling.this.range(low, low + Dataset.HITS);
                }

                @Override
                long prefix(String city) {
                    return sum(byCity.get(city));
                }

                @Override
                long count(int low) {
                    return Ceiling.this.count(low, low + dataset.countWidth());
                }
            }.run();
        }

        static long sum(List<Map<String, Object>> hits) {
            long sum = 0;
            for (Map<String, Object> hit : hits) {
                sum += (Integer) hit.get("score");
            }
            return sum;
        }

        long range(int low, int high) {
            long sum = 0;
            for (List<Map<String, Object>> ofAge : byAge.subMap(low, true, high, false).values()) {
                sum += sum(ofAge);
            }
            return sum;
        }

        long count(int low, int high) {
            long count = 0;
            for (List<Map<String, Object>> ofAge : byAge.subMap(low, true, high, false).values()) {
                count += ofAge.size();
            }
            return count;
        }
    }

    /**
     * The setup check every engine runs: each sample query's answer (the score sum, or the count) against the same
     * query answered by a brute-force scan of the documents.
     */
    abstract static class Checks {
        final Dataset dataset;

        Checks(Dataset dataset) {
            this.dataset = dataset;
        }

        abstract long exact(String town) throws SQLException;

        abstract long range(int low) throws SQLException;

        abstract long prefix(String city) throws SQLException;

        abstract long count(int low) throws SQLException;

        final void run() {
            try {
                String engine = getClass().getEnclosingClass().getSimpleName();
                for (String town : new String[] {dataset.towns[0], dataset.towns[dataset.towns.length - 1]}) {
                    TreeSet<Integer> expected = dataset.scanTown(town);
                    Dataset.expectHits("exact " + town, Dataset.HITS, expected);
                    Dataset.expect(engine + " exact " + town, dataset.scoreSum(expected), exact(town));
                }
                for (int low : dataset.sampleLows(Dataset.HITS)) {
                    TreeSet<Integer> expected = dataset.scanAges(low, low + Dataset.HITS);
                    Dataset.expectHits("range " + low, Dataset.HITS, expected);
                    Dataset.expect(engine + " range " + low, dataset.scoreSum(expected), range(low));
                }
                for (String city : new String[] {dataset.cities[0], dataset.cities[Dataset.CITIES - 1]}) {
                    TreeSet<Integer> expected = dataset.scanCity(city);
                    Dataset.expectHits("prefix " + city, dataset.prefixHits(), expected);
                    Dataset.expect(engine + " prefix " + city, dataset.scoreSum(expected), prefix(city));
                }
                for (int low : dataset.sampleLows(dataset.countWidth())) {
                    TreeSet<Integer> expected = dataset.scanAges(low, low + dataset.countWidth());
                    Dataset.expect(engine + " count " + low, (long) dataset.countWidth(), (long) expected.size());
                    Dataset.expect(engine + " count " + low, (long) expected.size(), count(low));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("a check query failed", e);
            }
        }
    }

    @Benchmark
    public long docstoreExact(Documents documents, Docstore docstore) {
        return Docstore.sum(docstore.indexes.lookup("byTown", documents.randomTown()));
    }

    @Benchmark
    public long docstoreRange(Documents documents, Docstore docstore) {
        int low = documents.randomLow(Dataset.HITS);
        return Docstore.sum(docstore.indexes.range("byAge", low, low + Dataset.HITS));
    }

    @Benchmark
    public long docstorePrefix(Documents documents, Docstore docstore) {
        return Docstore.sum(docstore.prefixScan(documents.randomCity()));
    }

    @Benchmark
    public long docstoreCount(Documents documents, Docstore docstore) {
        int width = documents.dataset.countWidth();
        return docstore.countScan(documents.randomLow(width), width);
    }

    @Benchmark
    public long ceilingExact(Documents documents, Ceiling ceiling) {
        return Ceiling.sum(ceiling.byTown.get(documents.randomTown()));
    }

    @Benchmark
    public long ceilingRange(Documents documents, Ceiling ceiling) {
        int low = documents.randomLow(Dataset.HITS);
        return ceiling.range(low, low + Dataset.HITS);
    }

    @Benchmark
    public long ceilingPrefix(Documents documents, Ceiling ceiling) {
        return Ceiling.sum(ceiling.byCity.get(documents.randomCity()));
    }

    @Benchmark
    public long ceilingCount(Documents documents, Ceiling ceiling) {
        int width = documents.dataset.countWidth();
        int low = documents.randomLow(width);
        return ceiling.count(low, low + width);
    }

    @Benchmark
    public long h2Exact(Documents documents, H2Anchor.Session session) throws SQLException {
        return session.exact(documents.randomTown());
    }

    @Benchmark
    public long h2Range(Documents documents, H2Anchor.Session session) throws SQLException {
        return session.range(documents.randomLow(Dataset.HITS));
    }

    @Benchmark
    public long h2Prefix(Documents documents, H2Anchor.Session session) throws SQLException {
        return session.prefix(documents.randomCity());
    }

    @Benchmark
    public long h2Count(Documents documents, H2Anchor.Session session) throws SQLException {
        int width = documents.dataset.countWidth();
        return session.count(documents.randomLow(width), width);
    }

    @Benchmark
    public long cqengineExact(Documents documents, CqengineAnchor cqengine) {
        return cqengine.exact(documents.randomTown());
    }

    @Benchmark
    public long cqengineRange(Documents documents, CqengineAnchor cqengine) {
        return cqengine.range(documents.randomLow(Dataset.HITS));
    }

    @Benchmark
    public long cqenginePrefix(Documents documents, CqengineAnchor cqengine) {
        return cqengine.prefix(documents.randomCity());
    }

    @Benchmark
    public long cqengineCount(Documents documents, CqengineAnchor cqengine) {
        return cqengine.count(documents.randomLow(documents.dataset.countWidth()));
    }
}
