package dev.docstore.benchmarks;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.Indexes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * query; divide by {@link #HITS} for ns per hit. H2 in memory with the same indexes ({@code h2Exact}, {@code h2Range})
 * is a further anchor.
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
            TreeSet<Integer> expected = scan(documents, document -> city.equals(document.get("city")));
            expectSame("docstore exact " + city, expected, ids(indexes.lookup("byCity", city)));
            expectSame("ceiling exact " + city, expected, idsOf(byCity.get(city)));
            if (exact(city) != ceilingExact(city)) {
                throw new IllegalStateException("exact " + city + ": the sums differ");
            }
        }
        for (int low : new int[] {0, 1, 50_000, DOCUMENTS - HITS}) {
            TreeSet<Integer> expected = scan(documents, document -> {
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

    private static TreeSet<Integer> scan(List<Map<String, Object>> documents, Predicate<Map<String, Object>> filter) {
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

    static void expectSame(String query, TreeSet<Integer> expected, TreeSet<Integer> actual) {
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

    /**
     * H2 in memory with the same two indexes (one table, a B-tree index on {@code city} and one on {@code age}); the
     * plans are checked with {@code EXPLAIN} and the answers against a scan.
     */
    @State(Scope.Benchmark)
    public static class H2Database {
        static final String URL = "jdbc:h2:mem:index-query-benchmark;DB_CLOSE_DELAY=-1";

        Connection owner;

        @Setup(Level.Trial)
        public void fill() throws SQLException {
            owner = DriverManager.getConnection(URL);
            try (Statement statement = owner.createStatement()) {
                statement.execute("CREATE TABLE docs (id INT PRIMARY KEY, age INT, city VARCHAR(32), score INT, "
                        + "address_city VARCHAR(32), tags VARCHAR(64))");
                statement.execute("CREATE INDEX docs_city ON docs(city)");
                statement.execute("CREATE INDEX docs_age ON docs(age)");
            }
            List<Map<String, Object>> documents = new ArrayList<>(DOCUMENTS);
            owner.setAutoCommit(false);
            try (PreparedStatement insert = owner.prepareStatement("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = 0; i < DOCUMENTS; i++) {
                    Map<String, Object> document = document(i);
                    documents.add(document);
                    insert.setInt(1, i);
                    insert.setInt(2, (Integer) document.get("age"));
                    insert.setString(3, (String) document.get("city"));
                    insert.setInt(4, (Integer) document.get("score"));
                    insert.setString(5, (String) ((Map<?, ?>) document.get("address")).get("city"));
                    insert.setString(6, String.join(",", ((List<?>) document.get("tags")).stream()
                            .map(String::valueOf).toList()));
                    insert.addBatch();
                    if (i % 1_000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            owner.commit();
            owner.setAutoCommit(true);
            expectPlan("EXPLAIN SELECT id, score FROM docs WHERE city = 'city-1'", "DOCS_CITY");
            expectPlan("EXPLAIN SELECT id, score FROM docs WHERE age >= 10 AND age < 110", "DOCS_AGE");
            try (H2Session session = new H2Session()) {
                session.open();
                for (int c : new int[] {0, 1, 499, CITIES - 1}) {
                    String city = "city-" + c;
                    expectSame("h2 exact " + city, scan(documents, document -> city.equals(document.get("city"))),
                            session.ids(session.exact, city));
                }
                for (int low : new int[] {0, 1, 50_000, DOCUMENTS - HITS}) {
                    TreeSet<Integer> expected = scan(documents, document -> {
                        int age = (Integer) document.get("age");
                        return age >= low && age < low + HITS;
                    });
                    session.range.setInt(2, low + HITS);
                    expectSame("h2 range " + low, expected, session.ids(session.range, low));
                }
            }
        }

        private void expectPlan(String explain, String index) throws SQLException {
            try (Statement statement = owner.createStatement(); ResultSet plan = statement.executeQuery(explain)) {
                plan.next();
                String text = plan.getString(1);
                if (!text.toUpperCase(Locale.ROOT).contains(index)) {
                    throw new IllegalStateException("H2 does not use " + index + ": " + text);
                }
            }
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            try (Statement statement = owner.createStatement()) {
                statement.execute("DROP ALL OBJECTS");
            }
            owner.close();
        }
    }

    /** One connection and its prepared statements per thread. */
    @State(Scope.Thread)
    public static class H2Session implements AutoCloseable {
        Connection connection;
        PreparedStatement exact;
        PreparedStatement range;

        /** Depends on {@link H2Database}, so JMH fills the table first. */
        @Setup(Level.Trial)
        public void open(H2Database database) throws SQLException {
            open();
        }

        void open() throws SQLException {
            connection = DriverManager.getConnection(H2Database.URL);
            exact = connection.prepareStatement("SELECT id, score FROM docs WHERE city = ?");
            range = connection.prepareStatement("SELECT id, score FROM docs WHERE age >= ? AND age < ?");
        }

        TreeSet<Integer> ids(PreparedStatement query, Object first) throws SQLException {
            query.setObject(1, first);
            TreeSet<Integer> ids = new TreeSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getInt(1));
                }
            }
            return ids;
        }

        long sum(PreparedStatement query) throws SQLException {
            long sum = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    sum += rows.getInt(2);
                }
            }
            return sum;
        }

        @TearDown(Level.Trial)
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    @Benchmark
    public long h2Exact(H2Session session) throws SQLException {
        session.exact.setString(1, "city-" + ThreadLocalRandom.current().nextInt(CITIES));
        return session.sum(session.exact);
    }

    @Benchmark
    public long h2Range(H2Session session) throws SQLException {
        int low = ThreadLocalRandom.current().nextInt(DOCUMENTS - HITS + 1);
        session.range.setInt(1, low);
        session.range.setInt(2, low + HITS);
        return session.sum(session.range);
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
