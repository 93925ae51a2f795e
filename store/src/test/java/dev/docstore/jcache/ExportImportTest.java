package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.listenerConfiguration;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static dev.docstore.jcache.JCacheTesting.statistics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.index.IndexRange;
import dev.docstore.testing.MutableClock;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import dev.docstore.transfer.RandomValues;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export then import: equal documents, versions in the same order, the same index answers, types kept. */
class ExportImportTest {
    private static final List<String> CITIES = List.of("Lisbon", "Porto", "Braga", "Faro", "Évora");

    /** A record a cache may hold as its value type. */
    public record Order(String city, long total, BigDecimal price, List<String> tags) implements java.io.Serializable {
    }

    private static Map<String, Object> document(Random random, int id) {
        Map<String, Object> document = RandomValues.document(random, 2);
        document.put("city", CITIES.get(random.nextInt(CITIES.size())));
        // a number of any type, so the index orders mixed types
        document.put("score", switch (random.nextInt(5)) {
            case 0 -> random.nextInt(100);
            case 1 -> (long) random.nextInt(100);
            case 2 -> random.nextInt(10_000) / 100.0;
            case 3 -> BigDecimal.valueOf(random.nextInt(10_000), 2);
            default -> (short) random.nextInt(100);
        });
        document.put("tags", List.of("t" + random.nextInt(6), "t" + random.nextInt(6)));
        document.put("email", "user" + id + "@example.com");
        return document;
    }

    private static final List<IndexDefinition> INDEXES = List.of(IndexDefinition.of("byCity", "city"),
            IndexDefinition.of("byScore", "score"), IndexDefinition.of("byTag", "tags[]"),
            IndexDefinition.of("byCityAndScore", "city", "score"),
            IndexDefinition.of("byEmail", List.of("email"), true));

    @Test
    void randomDocumentsOfEveryTypeComeBackEqualWithTheirVersionOrderAndIndexAnswers() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        try (CacheManager from = newManager("export"); CacheManager to = newManager("import")) {
            Cache<String, Object> source = from.createCache("orders", typed(String.class, Object.class));
            INDEXES.forEach(documents(source)::createIndex);
            int keys = 1500;
            for (int write = 0; write < keys * 3; write++) {
                int id = write < keys ? write : random.nextInt(keys); // then rewrite keys in a random order
                source.put("order-" + id, document(random, id));
            }
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            assertThat(documents(source).exportTo(file)).as("seed %d", seed).isEqualTo(keys);

            Cache<String, Object> target = to.createCache("orders", typed(String.class, Object.class));
            ImportReport report = documents(target).importFrom(new ByteArrayInputStream(file.toByteArray()),
                    ImportOptions.allOrNothing());

            assertThat(report.imported()).as("seed %d", seed).isEqualTo(keys);
            assertThat(report.skipped()).isEmpty();
            assertThat(report.indexesCreated()).containsExactlyElementsOf(
                    INDEXES.stream().map(IndexDefinition::name).toList());
            assertThat(documents(target).indexes()).extracting(IndexInfo::name, IndexInfo::paths, IndexInfo::unique)
                    .containsExactlyElementsOf(documents(source).indexes().stream()
                            .map(info -> org.assertj.core.groups.Tuple.tuple(info.name(), info.paths(), info.unique()))
                            .toList());
            Map<String, Long> sourceVersions = versions(source);
            assertThat(contents(target)).as("seed %d", seed).isEqualTo(contents(source));
            assertSameOrder(sourceVersions, versions(target), seed);
            assertSameIndexAnswers(source, target, random, seed);
        }
    }

    private static Map<String, Object> contents(Cache<String, Object> cache) {
        Map<String, Object> contents = new HashMap<>();
        cache.forEach(entry -> contents.put(entry.getKey(), entry.getValue()));
        return contents;
    }

    private static Map<String, Long> versions(Cache<String, ?> cache) {
        Map<String, Long> versions = new HashMap<>();
        for (Cache.Entry<String, ?> entry : cache) {
            versions.put(entry.getKey(), entry.unwrap(DocstoreCacheEntry.class).version());
        }
        return versions;
    }

    private static void assertSameOrder(Map<String, Long> before, Map<String, Long> after, long seed) {
        List<String> byOldVersion = before.keySet().stream().sorted(Comparator.comparing(before::get)).toList();
        List<String> byNewVersion = after.keySet().stream().sorted(Comparator.comparing(after::get)).toList();
        assertThat(byNewVersion).as("seed %d: keys in the order of their versions", seed)
                .containsExactlyElementsOf(byOldVersion);
    }

    private static void assertSameIndexAnswers(Cache<String, Object> source, Cache<String, Object> target,
                                               Random random, long seed) {
        DocumentCache<String, Object> before = documents(source);
        DocumentCache<String, Object> after = documents(target);
        for (String city : CITIES) {
            assertThat(keys(after.lookup("byCity", city))).as("seed %d: %s", seed, city)
                    .isEqualTo(keys(before.lookup("byCity", city)));
        }
        for (int tag = 0; tag < 6; tag++) {
            assertThat(keys(after.lookup("byTag", "t" + tag))).as("seed %d", seed)
                    .isEqualTo(keys(before.lookup("byTag", "t" + tag)));
        }
        for (int query = 0; query < 50; query++) {
            int low = random.nextInt(100);
            Object min = random.nextBoolean() ? low : BigDecimal.valueOf(low * 10L + 5, 1);
            Object max = low + random.nextInt(30);
            assertThat(keys(after.range("byScore", min, max))).as("seed %d: [%s, %s)", seed, min, max)
                    .isEqualTo(keys(before.range("byScore", min, max)));
            String city = CITIES.get(random.nextInt(CITIES.size()));
            List<String> pageBefore = keysInOrder(before.scan("byCityAndScore", IndexRange.all(), true, 10, 25));
            assertThat(keysInOrder(after.scan("byCityAndScore", IndexRange.all(), true, 10, 25)))
                    .as("seed %d: a page in index order (%s)", seed, city).isEqualTo(pageBefore);
        }
        String email = "user" + random.nextInt(1500) + "@example.com";
        assertThat(keys(after.lookup("byEmail", email))).isEqualTo(keys(before.lookup("byEmail", email)));
    }

    private static <K> Set<K> keys(List<? extends DocstoreCacheEntry<K, ?>> entries) {
        return entries.stream().map(DocstoreCacheEntry::getKey).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> keysInOrder(List<? extends DocstoreCacheEntry<String, ?>> entries) {
        return entries.stream().map(DocstoreCacheEntry::getKey).toList();
    }

    @Test
    void aCacheOfRecordsRoundTripsThroughAFileWithItsIndexes(@TempDir Path directory) throws Exception {
        try (CacheManager from = newManager("export"); CacheManager to = newManager("import")) {
            Cache<Long, Order> source = from.createCache("orders", typed(Long.class, Order.class)
                    .addIndex(IndexDefinition.of("byCity", "city")));
            Map<Long, Order> orders = new HashMap<>();
            for (long id = 0; id < 200; id++) {
                Order order = new Order(CITIES.get((int) (id % 5)), Long.MAX_VALUE - id,
                        BigDecimal.valueOf(id * 100 + 10, 2), List.of("a" + id, "ü"));
                orders.put(id, order);
                source.put(id, order);
            }
            Path file = directory.resolve("orders.jsonl");
            assertThat(documents(source).exportTo(file)).isEqualTo(200);
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).hasSize(202)
                    .noneMatch(line -> line.contains("$object"));

            Cache<Long, Order> target = to.createCache("orders", typed(Long.class, Order.class));
            documents(target).importFrom(file, ImportOptions.allOrNothing());
            Map<Long, Order> back = new HashMap<>();
            target.forEach(entry -> back.put(entry.getKey(), entry.getValue()));
            assertThat(back).isEqualTo(orders);
            assertThat(keys(documents(target).lookup("byCity", "Porto"))).hasSize(40);
        }
    }

    @Test
    void recordsInACacheOfObjectComeBackOnlyWhenTheImportAllowsTheirClass() {
        try (CacheManager from = newManager("export"); CacheManager to = newManager("import")) {
            Cache<String, Object> source = from.createCache("mixed", typed(String.class, Object.class));
            Order order = new Order("Faro", 1, BigDecimal.TEN, List.of());
            source.put("record", order);
            source.put("document", Map.of("a", 1L));
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            documents(source).exportTo(file);

            Cache<String, Object> target = to.createCache("mixed", typed(String.class, Object.class));
            ImportReport skipping = documents(target).importFrom(new ByteArrayInputStream(file.toByteArray()),
                    ImportOptions.skipAndReport());
            assertThat(skipping.imported()).isEqualTo(1);
            assertThat(skipping.skipped()).singleElement().satisfies(problem -> assertThat(problem.message())
                    .contains(Order.class.getName()).contains("not allowed"));
            assertThat(target.get("record")).isNull();

            documents(target).importFrom(new ByteArrayInputStream(file.toByteArray()),
                    ImportOptions.allOrNothing().allowing(Order.class));
            assertThat(target.get("record")).isEqualTo(order);
            assertThat(target.get("document")).isEqualTo(Map.of("a", 1L));
        }
    }

    private static <K, V> DocstoreConfiguration<K, V> typed(Class<K> keyType, Class<V> valueType) {
        DocstoreConfiguration<K, V> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(keyType, valueType);
        return configuration;
    }

    @Test
    void expiryTimesAreKeptAndEntriesExpiredByTheImportAreLeftOut() {
        MutableClock clock = MutableClock.startingAt("2026-12-03T10:00:00Z");
        DocstoreConfiguration<String, String> configuration = typed(String.class, String.class);
        configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(
                        java.util.concurrent.TimeUnit.MINUTES, 10)));
        configuration.setClockFactory(JCacheTesting.TestClockFactory.of(clock));
        try (CacheManager from = newManager("export"); CacheManager to = newManager("import")) {
            Cache<String, String> source = from.createCache("sessions", configuration);
            source.put("early", "a");
            clock.advance(Duration.ofMinutes(5));
            source.put("late", "b");
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            documents(source).exportTo(file);
            assertThat(file.toString(StandardCharsets.UTF_8)).contains("\"expires\":"
                    + clock.instant().plus(Duration.ofMinutes(5)).toEpochMilli());

            clock.advance(Duration.ofMinutes(6)); // "early" has expired by the time of the import
            Cache<String, String> target = to.createCache("sessions", configuration);
            ImportReport report = documents(target).importFrom(new ByteArrayInputStream(file.toByteArray()),
                    ImportOptions.allOrNothing());
            assertThat(report.imported()).isEqualTo(1);
            assertThat(report.expired()).isEqualTo(1);
            assertThat(target.get("late")).isEqualTo("b");

            clock.advance(Duration.ofMinutes(4)); // "late" expires at its exported time, not 10 minutes after import
            assertThat(target.get("late")).isNull();
        }
    }

    @Test
    void createdAndModifiedTimesTravelWithCachesThatKeepThem() {
        MutableClock clock = MutableClock.startingAt("2026-12-03T10:00:00Z");
        DocstoreConfiguration<String, String> configuration = typed(String.class, String.class)
                .setKeepingTimestamps(true);
        configuration.setClockFactory(JCacheTesting.TestClockFactory.of(clock));
        try (CacheManager from = newManager("export"); CacheManager to = newManager("import")) {
            Cache<String, String> source = from.createCache("c", configuration);
            long created = clock.millis();
            source.put("k", "first");
            clock.advance(Duration.ofMinutes(1));
            source.put("k", "second");
            long modified = clock.millis();
            String exported = export(source);
            assertThat(exported).contains("\"created\":" + created + ",\"modified\":" + modified);

            clock.advance(Duration.ofHours(1));
            Cache<String, String> target = to.createCache("c", configuration);
            documents(target).importFrom(new ByteArrayInputStream(exported.getBytes(StandardCharsets.UTF_8)),
                    ImportOptions.allOrNothing());
            assertThat(export(target)).as("the times the import kept")
                    .contains("\"created\":" + created + ",\"modified\":" + modified);

            Cache<String, String> untimed = to.createCache("untimed", typed(String.class, String.class));
            untimed.put("k", "v");
            assertThat(export(untimed)).doesNotContain("\"created\"").doesNotContain("\"modified\"");
        }
    }

    private static String export(Cache<String, ?> cache) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        documents(cache).exportTo(file);
        return file.toString(StandardCharsets.UTF_8);
    }

    /** Records what a cache writer is asked to do. */
    public static final class RecordingWriter implements CacheWriter<String, String>, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        static final List<String> CALLS = new CopyOnWriteArrayList<>();

        @Override
        public void write(Cache.Entry<? extends String, ? extends String> entry) {
            CALLS.add("write " + entry.getKey());
        }

        @Override
        public void writeAll(java.util.Collection<Cache.Entry<? extends String, ? extends String>> entries) {
            entries.forEach(this::write);
        }

        @Override
        public void delete(Object key) {
            CALLS.add("delete " + key);
        }

        @Override
        public void deleteAll(java.util.Collection<?> keys) {
            keys.forEach(this::delete);
        }
    }

    @Test
    void anImportTellsListenersButNotTheWriterAndCountsNoPuts() {
        try (CacheManager from = newManager("export"); CacheManager to = newManager("import")) {
            Cache<String, String> source = from.createCache("c", typed(String.class, String.class));
            source.put("new", "1");
            source.put("old", "2");
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            documents(source).exportTo(file);

            JCacheTesting.RecordingListener<String, String> listener = new JCacheTesting.RecordingListener<>();
            DocstoreConfiguration<String, String> configuration = typed(String.class, String.class);
            configuration.setWriteThrough(true).setStatisticsEnabled(true)
                    .setCacheWriterFactory(FactoryBuilder.factoryOf(RecordingWriter.class))
                    .addCacheEntryListenerConfiguration(listenerConfiguration(listener, true, true));
            Cache<String, String> target = to.createCache("c", configuration);
            target.put("old", "before");
            RecordingWriter.CALLS.clear();
            long putsBefore = statistics(target).getCachePuts();

            documents(target).importFrom(new ByteArrayInputStream(file.toByteArray()), ImportOptions.allOrNothing());

            assertThat(RecordingWriter.CALLS).isEmpty();
            assertThat(statistics(target).getCachePuts()).isEqualTo(putsBefore);
            assertThat(listener.of(EventType.CREATED)).extracting(JCacheTesting.Seen::key).contains("new");
            assertThat(listener.of(EventType.UPDATED)).singleElement().satisfies(seen -> {
                assertThat(seen.key()).isEqualTo("old");
                assertThat(seen.value()).isEqualTo("2");
                assertThat(seen.oldValue()).isEqualTo("before");
            });
        }
    }

    @Test
    void anExportOfAnEmptyCacheImportsAsNothing() {
        try (CacheManager manager = newManager("empty")) {
            Cache<String, Object> cache = manager.createCache("c", typed(String.class, Object.class));
            ByteArrayOutputStream file = new ByteArrayOutputStream();
            assertThat(documents(cache).exportTo(file)).isZero();
            List<String> lines = new ArrayList<>(List.of(file.toString(StandardCharsets.UTF_8).split("\n")));
            assertThat(lines).hasSize(2);
            assertThat(lines.get(1)).isEqualTo("{\"end\":{\"documents\":0}}");
            assertThat(documents(cache).importFrom(new ByteArrayInputStream(file.toByteArray()),
                    ImportOptions.allOrNothing()).imported()).isZero();
        }
    }
}
