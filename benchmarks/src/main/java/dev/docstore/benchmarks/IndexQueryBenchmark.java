package dev.docstore.benchmarks;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.Indexes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Indexed queries on 100k documents {@code {id, age, city, score, address.city, tags}}, 2 threads: an exact lookup on
 * {@code city} (1,000 values, exactly 100 hits) and a range on {@code age} (distinct ages, a window of 100, exactly
 * 100 hits). Every hit is visited: its {@code score} is summed and returned. docstore ({@link Indexes} on a
 * {@link DocumentStore}) against the hand-rolled ceiling ({@code ceiling*}: a {@link ConcurrentHashMap} of city to
 * documents and a {@link ConcurrentSkipListMap} of age to documents) in the same run. Scores are microseconds per
 * query; divide by {@link #HITS} for ns per hit.
 *
 * <p>Setup checks both engines against a brute-force scan on a sample of queries and throws on any difference.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class IndexQueryBenchmark {
    static final int DOCUMENTS = 100_000;
    static final int CITIES = 1_000;
    /** Hits per query, for both the exact and the range query. */
    static final int HITS = 100;

    private List<Map<String, Object>> documents;
    private String[] cities;
    private DocumentStore<Integer, Map<String, Object>> store;
    private Indexes<Integer, Map<String, Object>> indexes;
    private ConcurrentHashMap<String, List<Map<String, Object>>> byCity;
    private ConcurrentSkipListMap<Integer, List<Map<String, Object>>> byAge;

    @Setup(Level.Trial)
    public void fill() {
        cities = new String[CITIES];
        for (int c = 0; c < CITIES; c++) {
            cities[c] = "city-" + c;
        }
        documents = new ArrayList<>(DOCUMENTS);
        store = DocumentStore.create();
        indexes = Indexes.attach(store);
        indexes.create(IndexDefinition.of("byCity", "city"));
        indexes.create(IndexDefinition.of("byAge", "age"));
        byCity = new ConcurrentHashMap<>();
        byAge = new ConcurrentSkipListMap<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            Map<String, Object> document = document(i);
            documents.add(document);
            store.put(i, document);
            Map<String, Object> stored = store.value(i);
            byCity.computeIfAbsent((String) stored.get("city"), city -> new ArrayList<>()).add(stored);
            byAge.computeIfAbsent((Integer) stored.get("age"), age -> new ArrayList<>()).add(stored);
        }
        check();
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    static Map<String, Object> document(int i) {
        String city = "city-" + (i % CITIES);
        return Map.of(
                "id", i,
                "age", (int) ((i * 7919L) % DOCUMENTS), // a permutation of [0, 100k): distinct ages
                "city", city,
                "score", i % 97,
                "address", Map.of("city", city, "street", "street-" + (i % 5_000)),
                "tags", List.of("t" + (i % 7), "t" + (i % 11)));
    }

    /** Brute force against both engines, on a sample of queries including the edges. */
    private void check() {
        for (int c : new int[] {0, 1, 499, CITIES - 1}) {
            String city = cities[c];
            TreeSet<Integer> expected = scan(document -> city.equals(document.get("city")));
            expectSame("docstore exact " + city, expected, ids(indexes.lookup("byCity", city)));
            expectSame("ceiling exact " + city, expected, idsOf(byCity.get(city)));
            if (exact(city) != ceilingExact(city)) {
                throw new IllegalStateException("exact " + city + ": the sums differ");
            }
        }
        for (int low : new int[] {0, 1, 50_000, DOCUMENTS - HITS}) {
            TreeSet<Integer> expected = scan(document -> {
                int age = (Integer) document.get("age");
                return age >= low && age < low + HITS;
            });
            expectSame("docstore range " + low, expected, ids(indexes.range("byAge", low, low + HITS)));
            List<Map<String, Object>> ceilingHits = new ArrayList<>();
            byAge.subMap(low, true, low + HITS, false).values().forEach(ceilingHits::addAll);
            expectSame("ceiling range " + low, expected, idsOf(ceilingHits));
            if (range(low) != ceilingRange(low)) {
                throw new IllegalStateException("range " + low + ": the sums differ");
            }
        }
    }

    private TreeSet<Integer> scan(Predicate<Map<String, Object>> filter) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (Map<String, Object> document : documents) {
            if (filter.test(document)) {
                ids.add((Integer) document.get("id"));
            }
        }
        return ids;
    }

    private static TreeSet<Integer> ids(List<Entry<Integer, Map<String, Object>>> entries) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (Entry<Integer, Map<String, Object>> entry : entries) {
            ids.add((Integer) entry.value().get("id"));
        }
        return ids;
    }

    private static TreeSet<Integer> idsOf(List<Map<String, Object>> documents) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (Map<String, Object> document : documents) {
            ids.add((Integer) document.get("id"));
        }
        return ids;
    }

    private static void expectSame(String query, TreeSet<Integer> expected, TreeSet<Integer> actual) {
        if (expected.size() != HITS || !expected.equals(actual)) {
            throw new IllegalStateException(query + ": expected " + expected.size() + " hits " + expected
                    + ", got " + actual.size() + " " + actual);
        }
    }

    private long exact(String city) {
        long sum = 0;
        for (Entry<Integer, Map<String, Object>> entry : indexes.lookup("byCity", city)) {
            sum += (Integer) entry.value().get("score");
        }
        return sum;
    }

    private long range(int low) {
        long sum = 0;
        for (Entry<Integer, Map<String, Object>> entry : indexes.range("byAge", low, low + HITS)) {
            sum += (Integer) entry.value().get("score");
        }
        return sum;
    }

    private long ceilingExact(String city) {
        long sum = 0;
        for (Map<String, Object> document : byCity.get(city)) {
            sum += (Integer) document.get("score");
        }
        return sum;
    }

    private long ceilingRange(int low) {
        long sum = 0;
        for (List<Map<String, Object>> documentsOfAge : byAge.subMap(low, true, low + HITS, false).values()) {
            for (Map<String, Object> document : documentsOfAge) {
                sum += (Integer) document.get("score");
            }
        }
        return sum;
    }

    @Benchmark
    public long docstoreExact() {
        return exact(cities[ThreadLocalRandom.current().nextInt(CITIES)]);
    }

    @Benchmark
    public long docstoreRange() {
        return range(ThreadLocalRandom.current().nextInt(DOCUMENTS - HITS + 1));
    }

    @Benchmark
    public long ceilingExact() {
        return ceilingExact(cities[ThreadLocalRandom.current().nextInt(CITIES)]);
    }

    @Benchmark
    public long ceilingRange() {
        return ceilingRange(ThreadLocalRandom.current().nextInt(DOCUMENTS - HITS + 1));
    }
}
