package dev.docstore.config;

import static dev.docstore.config.ConfigTesting.configuration;
import static dev.docstore.config.ConfigTesting.manager;
import static dev.docstore.config.ConfigTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.jcache.EstimatedBytesWeigher;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manager whose URI names a file creates the file's caches, and applies its template to caches made at runtime. */
class ConfigLoadingTest {
    private static final String YAML = """
            caches:
              orders:
                keyType: java.lang.String
                valueType: java.util.Map
                storeByValue: false
                statistics: true
                management: false
                expiry: {policy: touched, duration: PT2H}
                indexes:
                  - {name: byCity, paths: [address.city]}
                  - {name: byCustomerAndDay, paths: [customer, day], unique: true}
                copier: dev.docstore.config.ConfigLoadingTest$CountingCopier
              plain: {}
            """;

    @TempDir
    Path folder;

    @Test
    void aYamlFileGivesItsCachesTheirTypesIndexesExpiryAndFlags() {
        URI uri = write(folder, "docstore.yaml", YAML);
        try (CacheManager manager = manager(uri)) {
            assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("orders", "plain");
            Cache<String, Map<String, Object>> orders = manager.getCache("orders");
            DocstoreConfiguration<Object, Object> configuration = configuration(orders);
            assertThat(ConfigTesting.typesOf(configuration)).isEqualTo("java.lang.String -> java.util.Map");
            assertThat(configuration.isStoreByValue()).isFalse();
            assertThat(configuration.isStatisticsEnabled()).isTrue();
            assertThat(configuration.isManagementEnabled()).isFalse();
            assertThat(configuration.getExpiryPolicyFactory().create().getExpiryForCreation())
                    .isEqualTo(new Duration(TimeUnit.MILLISECONDS, 2 * 3600 * 1000));
            assertThat(configuration.getExpiryPolicyFactory().create()).isInstanceOf(TouchedExpiryPolicy.class);
            assertThat(configuration.getCopierFactory().create()).isInstanceOf(CountingCopier.class);
            assertThat(ConfigTesting.documents(orders).indexes())
                    .extracting(IndexInfo::name, IndexInfo::paths, IndexInfo::unique)
                    .containsExactlyInAnyOrder(tuple("byCity", List.of("address.city"), false),
                            tuple("byCustomerAndDay", List.of("customer", "day"), true));

            orders.put("o-1", Map.of("customer", "ada", "day", 1, "address", Map.of("city", "Lisbon")));
            DocumentCache<String, Map<String, Object>> documents = ConfigTesting.documents(orders);
            assertThat(documents.lookup("byCity", "Lisbon")).hasSize(1);

            DocstoreConfiguration<Object, Object> plain = configuration(manager.getCache("plain"));
            assertThat(ConfigTesting.typesOf(plain)).isEqualTo("java.lang.Object -> java.lang.Object");
            assertThat(plain.isStoreByValue()).isTrue();
            assertThat(plain.isStatisticsEnabled()).isFalse();
            assertThat(plain.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
            assertThat(plain.getIndexes()).isEmpty();
        }
    }

    @Test
    void aJsonFileIsReadAsJson() {
        URI uri = write(folder, "docstore.json", """
                {"caches": {"sessions": {"valueType": "java.lang.String", "management": true,
                  "expiry": {"policy": "accessed", "duration": "PT30S"},
                  "indexes": [{"name": "byUser", "paths": ["user"]}]}}}
                """);
        try (CacheManager manager = manager(uri)) {
            DocstoreConfiguration<Object, Object> sessions = configuration(manager.getCache("sessions"));
            assertThat(ConfigTesting.typesOf(sessions)).isEqualTo("java.lang.Object -> java.lang.String");
            assertThat(sessions.isManagementEnabled()).isTrue();
            assertThat(sessions.getExpiryPolicyFactory().create()).isInstanceOf(AccessedExpiryPolicy.class);
            assertThat(sessions.getIndexes()).containsExactly(IndexDefinition.of("byUser", "user"));
        }
    }

    @Test
    void aClasspathUriIsResolvedWithTheManagersClassLoader() {
        try (CacheManager manager = manager(URI.create("classpath:dev/docstore/config/books.yaml"))) {
            Cache<Object, Object> books = manager.getCache("books");
            assertThat(ConfigTesting.documents(books).indexes()).extracting(IndexInfo::name)
                    .containsExactlyInAnyOrder("byAuthor", "byIsbn");
            assertThat(configuration(books).getExpiryPolicyFactory().create())
                    .isInstanceOf(CreatedExpiryPolicy.class);
        }
    }

    @Test
    void aJarUriIsOpenedAsAUrl() {
        Path jar = ConfigTesting.jar(folder, "app.jar", "config/docstore.yaml", YAML.getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("jar:" + jar.toUri() + "!/config/docstore.yaml");
        try (CacheManager manager = manager(uri)) {
            assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("orders", "plain");
        }
    }

    @Test
    void aNestedJarStyleUriReadsTheEntryItNames() {
        // Spring Boot's Resource.getURI() for BOOT-INF/classes in a fat jar: the JDK's jar handler takes everything
        // after the first "!/" as the entry name, so the entry is stored under that name here
        String entry = "BOOT-INF/classes!/docstore.yaml";
        Path jar = ConfigTesting.jar(folder, "boot.jar", entry, YAML.getBytes(StandardCharsets.UTF_8));
        URI uri = URI.create("jar:" + jar.toUri() + "!/" + entry);
        try (CacheManager manager = manager(uri)) {
            assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("orders", "plain");
        }
    }

    @Test
    void theDefaultTemplateAppliesToPlainConfigurationsAndKeepsTheirTypesAndListeners() {
        try (CacheManager manager = manager(URI.create("classpath:dev/docstore/config/books.yaml"))) {
            MutableConfiguration<String, Integer> plain = new MutableConfiguration<String, Integer>()
                    .setTypes(String.class, Integer.class).setReadThrough(true)
                    .setCacheLoaderFactory(() -> new ConstantLoader());
            Cache<String, Integer> counts = manager.createCache("counts", plain);

            DocstoreConfiguration<Object, Object> applied = configuration(counts);
            assertThat(ConfigTesting.typesOf(applied)).isEqualTo("java.lang.String -> java.lang.Integer");
            assertThat(applied.isStatisticsEnabled()).isTrue();
            assertThat(applied.getExpiryPolicyFactory().create()).isInstanceOf(AccessedExpiryPolicy.class);
            assertThat(applied.getIndexes()).containsExactly(IndexDefinition.of("byStatus", "status"));
            assertThat(applied.isReadThrough()).isTrue();
            assertThat(counts.get("anything")).isEqualTo(42);

            DocstoreConfiguration<String, Integer> ours = new DocstoreConfiguration<>();
            ours.setTypes(String.class, Integer.class);
            DocstoreConfiguration<Object, Object> untouched = configuration(manager.createCache("ours", ours));
            assertThat(untouched.isStatisticsEnabled()).isFalse();
            assertThat(untouched.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
        }
    }

    @Test
    void withoutAFileAPlainConfigurationIsKeptAsGiven() {
        try (CacheManager manager = manager(URI.create("urn:docstore-test:no-file"))) {
            DocstoreConfiguration<Object, Object> applied = configuration(
                    manager.createCache("plain", new MutableConfiguration<String, String>()));
            assertThat(applied.isStatisticsEnabled()).isFalse();
            assertThat(applied.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
            assertThat(applied.getIndexes()).isEmpty();
        }
    }

    @Test
    void aBoundBySizeOrByWeightReachesTheCacheConfiguration() {
        URI uri = write(folder, "docstore.yaml", """
                caches:
                  recent: {maximumSize: 500}
                  heavy:
                    valueType: java.lang.String
                    maximumWeight: 4096
                    weigher: dev.docstore.config.ConfigLoadingTest$LengthWeigher
                default:
                  maximumSize: 64
                """);
        try (CacheManager manager = manager(uri)) {
            DocstoreConfiguration<Object, Object> recent = configuration(manager.getCache("recent"));
            assertThat(recent.getMaximumSize()).hasValue(500);
            assertThat(recent.getMaximumWeight()).isEmpty();

            DocstoreConfiguration<Object, Object> heavy = configuration(manager.getCache("heavy"));
            assertThat(heavy.getMaximumSize()).isEmpty();
            assertThat(heavy.getMaximumWeight()).hasValue(4096);
            assertThat(heavy.getWeigher()).isInstanceOf(LengthWeigher.class);
            assertThat(heavy.getWeigher().weigh("k", "twelve chars")).isEqualTo(12);

            DocstoreConfiguration<Object, Object> runtime = configuration(
                    manager.createCache("runtime", new MutableConfiguration<String, String>()));
            assertThat(runtime.getMaximumSize()).as("from the default template").hasValue(64);
        }
    }

    @Test
    void theBuiltInWeigherIsNamedByItsShortNameOrItsClass() {
        URI uri = write(folder, "docstore.yaml", """
                caches:
                  byName: {maximumWeight: 65536, weigher: estimated-bytes}
                  byClass: {maximumWeight: 65536, weigher: dev.docstore.jcache.EstimatedBytesWeigher}
                default:
                  maximumWeight: 1024
                  weigher: estimated-bytes
                """);
        try (CacheManager manager = manager(uri)) {
            DocstoreConfiguration<Object, Object> byName = configuration(manager.getCache("byName"));
            assertThat(byName.getMaximumWeight()).hasValue(65536);
            assertThat(byName.getWeigher()).isInstanceOf(EstimatedBytesWeigher.class);
            assertThat(configuration(manager.getCache("byClass")).getWeigher()).isEqualTo(byName.getWeigher());

            DocstoreConfiguration<Object, Object> runtime = configuration(
                    manager.createCache("runtime", new MutableConfiguration<String, String>()));
            assertThat(runtime.getWeigher()).as("from the default template").isInstanceOf(EstimatedBytesWeigher.class);
        }
    }

    /** Weighs a value by its length; a file can name it. */
    public static final class LengthWeigher implements dev.docstore.jcache.Weigher<Object, Object> {
        private static final long serialVersionUID = 1L;

        @Override
        public long weigh(Object key, Object value) {
            return value.toString().length();
        }
    }

    /** A copier a file can name. */
    public static final class CountingCopier implements dev.docstore.jcache.Copier {
        @Override
        public <T> T copy(T value, ClassLoader classLoader) {
            return value;
        }
    }

    /** Loads 42 for every key. */
    static final class ConstantLoader implements javax.cache.integration.CacheLoader<String, Integer> {
        @Override
        public Integer load(String key) {
            return 42;
        }

        @Override
        public Map<String, Integer> loadAll(Iterable<? extends String> keys) {
            Map<String, Integer> all = new java.util.HashMap<>();
            keys.forEach(key -> all.put(key, 42));
            return all;
        }
    }
}
