package dev.docstore.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * H2 in memory as an anchor of {@link IndexQueryBenchmark}: one table of the documents with the same indexes as
 * docstore (a B-tree on {@code address_city}, one on {@code age}, one on {@code (city, age)}). Setup checks with
 * {@code EXPLAIN} that every query uses its index, and checks the answers against a scan.
 */
@State(Scope.Benchmark)
public class H2Anchor {
    static final String URL = "jdbc:h2:mem:index-query-benchmark;DB_CLOSE_DELAY=-1";

    Connection owner;

    @Setup(Level.Trial)
    public void fill(IndexQueryBenchmark.Documents documents) throws SQLException {
        Dataset dataset = documents.dataset;
        owner = DriverManager.getConnection(URL);
        try (Statement statement = owner.createStatement()) {
            statement.execute("CREATE TABLE docs (id INT PRIMARY KEY, age INT, city VARCHAR(32), score INT, "
                    + "address_city VARCHAR(32), tags VARCHAR(64))");
        }
        owner.setAutoCommit(false);
        try (PreparedStatement insert = owner.prepareStatement("INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?)")) {
            int batched = 0;
            for (Map<String, Object> document : dataset.documents) {
                insert.setInt(1, (Integer) document.get("id"));
                insert.setInt(2, (Integer) document.get("age"));
                insert.setString(3, (String) document.get("city"));
                insert.setInt(4, (Integer) document.get("score"));
                insert.setString(5, (String) ((Map<?, ?>) document.get("address")).get("city"));
                insert.setString(6, String.join(",", ((List<?>) document.get("tags")).stream()
                        .map(String::valueOf).toList()));
                insert.addBatch();
                if (++batched % 1_000 == 0) {
                    insert.executeBatch();
                    owner.commit(); // one transaction of 1M rows takes minutes to commit
                }
            }
            insert.executeBatch();
        }
        owner.commit();
        owner.setAutoCommit(true);
        // indexes built after the load: row by row into three indexes, 1M rows take minutes
        try (Statement statement = owner.createStatement()) {
            statement.execute("CREATE INDEX docs_town ON docs(address_city)");
            statement.execute("CREATE INDEX docs_age ON docs(age)");
            statement.execute("CREATE INDEX docs_city_age ON docs(city, age)");
        }
        expectPlan(Session.EXACT.replace("?", "'town-1'"), "DOCS_TOWN");
        expectPlan(Session.RANGE.replaceFirst("\\?", "10").replace("?", "110"), "DOCS_AGE");
        expectPlan(Session.PREFIX.replace("?", "'city-1'"), "DOCS_CITY_AGE");
        expectPlan(Session.COUNT.replaceFirst("\\?", "10").replace("?", "1010"), "DOCS_AGE");
        try (Session session = new Session()) {
            session.open();
            new IndexQueryBenchmark.Checks(dataset) {
                @Override
                long exact(String town) throws SQLException {
                    return session.exact(town);
                }

                @Override
                long range(int low) throws SQLException {
                    return session.range(low);
                }

                @Override
                long prefix(String city) throws SQLException {
                    return session.prefix(city);
                }

                @Override
                long count(int low) throws SQLException {
                    return session.count(low, dataset.countWidth());
                }
            }.run();
        }
    }

    private void expectPlan(String query, String index) throws SQLException {
        try (Statement statement = owner.createStatement();
             ResultSet plan = statement.executeQuery("EXPLAIN " + query)) {
            plan.next();
            String text = plan.getString(1);
            if (!text.toUpperCase(Locale.ROOT).contains(index)) {
                throw new IllegalStateException("H2 does not use " + index + " for " + query + ": " + text);
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

    /** One connection and its prepared statements per thread. */
    @State(Scope.Thread)
    public static class Session implements AutoCloseable {
        static final String EXACT = "SELECT id, score FROM docs WHERE address_city = ?";
        static final String RANGE = "SELECT id, score FROM docs WHERE age >= ? AND age < ?";
        static final String PREFIX = "SELECT id, score FROM docs WHERE city = ? ORDER BY city, age";
        static final String COUNT = "SELECT COUNT(*) FROM docs WHERE age >= ? AND age < ?";

        Connection connection;
        PreparedStatement exact;
        PreparedStatement range;
        PreparedStatement prefix;
        PreparedStatement count;

        /** Depends on {@link H2Anchor}, so JMH fills the table first. */
        @Setup(Level.Trial)
        public void open(H2Anchor database) throws SQLException {
            open();
        }

        void open() throws SQLException {
            connection = DriverManager.getConnection(URL);
            exact = connection.prepareStatement(EXACT);
            range = connection.prepareStatement(RANGE);
            prefix = connection.prepareStatement(PREFIX);
            count = connection.prepareStatement(COUNT);
        }

        long exact(String town) throws SQLException {
            exact.setString(1, town);
            return sum(exact);
        }

        long range(int low) throws SQLException {
            range.setInt(1, low);
            range.setInt(2, low + Dataset.HITS);
            return sum(range);
        }

        long prefix(String city) throws SQLException {
            prefix.setString(1, city);
            return sum(prefix);
        }

        long count(int low, int width) throws SQLException {
            count.setInt(1, low);
            count.setInt(2, low + width);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }

        private static long sum(PreparedStatement query) throws SQLException {
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
}
