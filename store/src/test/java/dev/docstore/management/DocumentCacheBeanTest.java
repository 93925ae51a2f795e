package dev.docstore.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.spi.CachingProvider;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.OpenType;
import javax.management.openmbean.TabularData;
import javax.management.openmbean.TabularType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docstore's DocumentCache bean (and the CacheManager bean) through the platform MBeanServer, with plain
 * {@code getAttribute}/{@code invoke} calls only, as a JDK-only JMX client makes them: every attribute, every
 * operation and each JSON form, the notifications (for changes made over JMX and through the Java API), and bad input.
 *
 * <p>The cache holds {@code p00..p19}: {@code p<i>} is {@code {name: person-<i>, city: city-<i % 4>, age: 20 + i}}.
 */
@Timeout(120)
class DocumentCacheBeanTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int DOCUMENTS = 20;
    private static final String CACHE = "people";
    private static final String TEXT = String.class.getName();
    private static final Map<String, String[]> SIGNATURES = Map.ofEntries(
            Map.entry("createIndex", new String[] {TEXT, String[].class.getName(), boolean.class.getName()}),
            Map.entry("dropIndex", new String[] {TEXT}),
            Map.entry("rebuildIndex", new String[] {TEXT}),
            Map.entry("clear", new String[0]),
            Map.entry("query", new String[] {TEXT, TEXT, int.class.getName()}),
            Map.entry("queryPage", new String[] {TEXT, TEXT, int.class.getName(), int.class.getName()}),
            Map.entry("find", new String[] {TEXT}),
            Map.entry("explain", new String[] {TEXT}),
            Map.entry("exportTo", new String[] {TEXT}),
            Map.entry("importFrom", new String[] {TEXT, TEXT}),
            Map.entry("beginExport", new String[0]),
            Map.entry("readExport", new String[] {TEXT, long.class.getName(), int.class.getName()}),
            Map.entry("endExport", new String[] {TEXT}),
            Map.entry("beginImport", new String[0]),
            Map.entry("appendImport", new String[] {TEXT, byte[].class.getName()}),
            Map.entry("finishImport", new String[] {TEXT, TEXT}),
            Map.entry("abortImport", new String[] {TEXT}));

    /** The class names of open values, as MBean infos give them, and of the parameters used here. */
    private static final List<String> OPEN_CLASSES = Stream.concat(OpenType.ALLOWED_CLASSNAMES_LIST.stream(),
            Stream.of("void", "int", "long", "boolean", "[Ljava.lang.String;", "[B")).toList();

    private final URI uri = URI.create("urn:docstore:document-cache-bean-test:" + UUID.randomUUID());
    private final ObjectName bean = JmxRegistration.documentCacheName(uri, CACHE);
    private final List<Notification> received = new CopyOnWriteArrayList<>();
    private final NotificationListener listener = (notification, handback) -> received.add(notification);
    private CacheManager manager;
    private Cache<String, Object> cache;
    private DocumentCache<?, ?> documents;

    @BeforeEach
    void createCache() throws JMException {
        CachingProvider provider = Caching.getCachingProvider(DocstoreCachingProvider.class.getName());
        manager = provider.getCacheManager(uri, DocumentCacheBeanTest.class.getClassLoader());
        cache = manager.createCache(CACHE, managed(new DocstoreConfiguration<>()));
        for (int i = 0; i < DOCUMENTS; i++) {
            cache.put(key(i), person(i));
        }
        documents = cache.unwrap(DocumentCache.class);
        SERVER.addNotificationListener(bean, listener, null, null);
    }

    @AfterEach
    void closeManager() throws JMException {
        try {
            if (SERVER.isRegistered(bean)) {
                SERVER.removeNotificationListener(bean, listener);
            }
        } finally {
            manager.close();
        }
        assertThat(registeredNamesOfThisManager()).as("beans left after the manager closed").isEmpty();
    }

    private List<ObjectName> registeredNamesOfThisManager() throws JMException {
        List<ObjectName> names = new ArrayList<>();
        for (ObjectName name : SERVER.queryNames(new ObjectName(JmxRegistration.DOMAIN + ":*"), null)) {
            String managerUri = name.getKeyProperty(name.getKeyProperty("manager") != null ? "manager" : "name");
            if (managerUri != null && managerUri.contains(uri.toString())) {
                names.add(name);
            }
        }
        for (ObjectName name : SERVER.queryNames(new ObjectName("javax.cache:*"), null)) {
            if (uri.toString().replace(':', '.').equals(name.getKeyProperty("CacheManager"))) {
                names.add(name);
            }
        }
        return names;
    }

    private static <C extends MutableConfiguration<String, Object>> C managed(C configuration) {
        configuration.setTypes(String.class, Object.class);
        configuration.setManagementEnabled(true);
        configuration.setStatisticsEnabled(true);
        return configuration;
    }

    private static String key(int i) {
        return String.format("p%02d", i);
    }

    private static Map<String, Object> person(int i) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "person-" + i);
        document.put("city", "city-" + i % 4);
        document.put("age", 20 + i);
        return document;
    }

    private Object attribute(String name) throws JMException {
        return SERVER.getAttribute(bean, name);
    }

    private Object invoke(String operation, Object... parameters) throws JMException {
        return SERVER.invoke(bean, operation, parameters, SIGNATURES.get(operation));
    }

    private JsonNode query(String index, String bounds, int limit) throws Exception {
        return JSON.readTree((String) invoke("query", index, bounds, limit));
    }

    private JsonNode find(String query) throws Exception {
        return JSON.readTree((String) invoke("find", query));
    }

    /** The keys of a JSON result, checking that its count matches and that each value is the stored document. */
    private static List<String> keys(JsonNode result) {
        List<String> keys = new ArrayList<>();
        for (JsonNode entry : result.get("entries")) {
            String key = entry.get("key").asText();
            int i = Integer.parseInt(key.substring(1));
            assertThat(entry.get("value")).as(key).isEqualTo(JSON.valueToTree(person(i)));
            assertThat(entry.get("version").asLong()).isPositive();
            keys.add(key);
        }
        assertThat(result.get("count").asInt()).isEqualTo(keys.size());
        return keys;
    }

    private static List<String> keys(int... indexes) {
        List<String> keys = new ArrayList<>();
        for (int i : indexes) {
            keys.add(key(i));
        }
        return keys;
    }

    private List<String> indexNames() {
        return documents.indexes().stream().map(IndexInfo::name).toList();
    }

    @Test
    void everyAttributeIsReadableAndOfAnOpenType() throws Exception {
        MBeanAttributeInfo[] attributes = SERVER.getMBeanInfo(bean).getAttributes();
        assertThat(attributes).extracting(MBeanAttributeInfo::getName).containsExactlyInAnyOrder("Name",
                "CacheManagerUri", "DocumentCount", "RetainedVersions", "OpenSnapshots", "EstimatedDocumentBytes",
                "EstimatedIndexBytes", "IndexCount", "Indexes", "Bounded", "BoundKind", "Maximum", "WeightedSize");
        for (MBeanAttributeInfo info : attributes) {
            assertThat(info.isReadable()).isTrue();
            assertThat(info.isWritable()).as("%s is writable", info.getName())
                    .isEqualTo(info.getName().equals("Maximum"));
            assertThat(OPEN_CLASSES).as("the declared type of %s", info.getName()).contains(info.getType());
            Object value = attribute(info.getName());
            if (info.getDescriptor().getFieldValue("openType") instanceof OpenType<?> type) {
                assertThat(type.isValue(value)).as("%s = %s is a value of %s", info.getName(), value, type).isTrue();
            }
            RemoteJmxTest.assertJdkTypes(value, info.getName());
        }
        assertThat(attribute("Name")).isEqualTo(CACHE);
        assertThat(attribute("CacheManagerUri")).isEqualTo(uri.toString());
        assertThat(attribute("DocumentCount")).isEqualTo((long) DOCUMENTS);
        assertThat(attribute("RetainedVersions")).isEqualTo(0L);
        assertThat(attribute("OpenSnapshots")).isEqualTo(0);
        assertThat((Long) attribute("EstimatedDocumentBytes")).isGreaterThan(96L * DOCUMENTS);
        assertThat(attribute("EstimatedIndexBytes")).isEqualTo(0L);

        Iterator<Cache.Entry<String, Object>> iteration = cache.iterator();
        assertThat(iteration.hasNext()).isTrue();
        cache.put(key(0), person(100));
        cache.remove(key(1));
        assertThat(attribute("OpenSnapshots")).as("the iteration's snapshot").isEqualTo(1);
        assertThat(attribute("RetainedVersions")).as("p00's old version, p01's old version and its deletion")
                .isEqualTo(3L);
        assertThat(attribute("DocumentCount")).isEqualTo((long) DOCUMENTS - 1);
        iteration.forEachRemaining(entry -> assertThat(entry.getKey()).isNotNull());
        assertThat(attribute("OpenSnapshots")).isEqualTo(0);
        assertThat(attribute("RetainedVersions")).isEqualTo(0L);

        invoke("createIndex", "byCity", new String[] {"city"}, false);
        assertThat((Long) attribute("EstimatedIndexBytes")).isPositive();
    }

    @Test
    void anUnboundedCacheSaysSoAndRefusesAMaximumWithoutChange() throws Exception {
        assertThat(attribute("Bounded")).isEqualTo(false);
        assertThat(attribute("BoundKind")).isEqualTo("none");
        assertThat(attribute("Maximum")).isEqualTo(0L);
        assertThat(attribute("WeightedSize")).isEqualTo(0L);

        Throwable refusal = catchThrowable(() -> SERVER.setAttribute(bean, new Attribute("Maximum", 10L)));

        assertThat(refusal).isInstanceOf(RuntimeMBeanException.class);
        assertThat(refusal.getCause()).isExactlyInstanceOf(IllegalStateException.class).hasNoCause()
                .hasMessageContaining("UnboundedCacheException").hasMessageContaining("has no bound")
                .hasMessageContaining("from its creation");
        assertThat(attribute("Bounded")).isEqualTo(false);
        assertThat(attribute("Maximum")).isEqualTo(0L);
        assertThat(attribute("DocumentCount")).isEqualTo((long) DOCUMENTS);
    }

    @Test
    void aBoundedCachesMaximumIsReadAndChangedThroughTheAttribute() throws Exception {
        Cache<String, Object> bounded = manager.createCache("bounded",
                managed(new DocstoreConfiguration<String, Object>().setMaximumSize(10)));
        for (int i = 0; i < 10; i++) {
            bounded.put(key(i), person(i));
        }
        ObjectName boundedBean = JmxRegistration.documentCacheName(uri, "bounded");
        assertThat(SERVER.getAttribute(boundedBean, "Bounded")).isEqualTo(true);
        assertThat(SERVER.getAttribute(boundedBean, "BoundKind")).isEqualTo("size");
        assertThat(SERVER.getAttribute(boundedBean, "Maximum")).isEqualTo(10L);
        assertThat(SERVER.getAttribute(boundedBean, "WeightedSize")).isEqualTo(10L);

        SERVER.setAttribute(boundedBean, new Attribute("Maximum", 4L));

        assertThat(SERVER.getAttribute(boundedBean, "Maximum")).isEqualTo(4L);
        assertThat(SERVER.getAttribute(boundedBean, "WeightedSize")).isEqualTo(4L);
        assertThat(SERVER.getAttribute(boundedBean, "DocumentCount")).isEqualTo(4L);
        assertThat(configurationOf(bounded).getMaximumSize()).hasValue(4);
        assertThat(bounded.unwrap(DocstoreCache.class).statistics().getCacheEvictions())
                .isEqualTo(6);

        SERVER.setAttribute(boundedBean, new Attribute("Maximum", 20L));
        assertThat(SERVER.getAttribute(boundedBean, "Maximum")).isEqualTo(20L);
        assertThat(SERVER.getAttribute(boundedBean, "DocumentCount")).isEqualTo(4L);
    }

    @SuppressWarnings("unchecked") // getConfiguration can only name the raw class; the cache's has its types
    private static DocstoreConfiguration<String, Object> configurationOf(Cache<String, Object> cache) {
        return cache.getConfiguration(DocstoreConfiguration.class);
    }

    @ParameterizedTest(name = "maximum {0}")
    @ValueSource(longs = {0, -1, Long.MIN_VALUE})
    void aMaximumThatIsNotPositiveIsRefusedNamingTheSettingAndChangesNothing(long maximum) throws Exception {
        Cache<String, Object> bounded = manager.createCache("bounded",
                managed(new DocstoreConfiguration<String, Object>().setMaximumWeight(100, (key, value) -> 10)));
        for (int i = 0; i < 5; i++) {
            bounded.put(key(i), person(i));
        }
        ObjectName boundedBean = JmxRegistration.documentCacheName(uri, "bounded");
        assertThat(SERVER.getAttribute(boundedBean, "BoundKind")).isEqualTo("weight");

        Throwable refusal = catchThrowable(() -> SERVER.setAttribute(boundedBean, new Attribute("Maximum", maximum)));

        assertThat(refusal).isInstanceOf(RuntimeMBeanException.class);
        assertThat(refusal.getCause()).isExactlyInstanceOf(IllegalArgumentException.class).hasNoCause()
                .hasMessage("maximumWeight must be positive, was " + maximum);
        assertThat(SERVER.getAttribute(boundedBean, "Maximum")).isEqualTo(100L);
        assertThat(SERVER.getAttribute(boundedBean, "WeightedSize")).isEqualTo(50L);
        assertThat(configurationOf(bounded).getMaximumWeight()).hasValue(100);
    }

    @Test
    void theIndexesAttributeIsATableOfEachIndexAndItsFigures() throws Exception {
        TabularData empty = RemoteJmxTest.table(attribute("Indexes"), "Indexes");
        assertThat(empty.isEmpty()).isTrue();
        TabularType type = empty.getTabularType();
        assertThat(type.getTypeName()).isEqualTo("dev.docstore.Indexes");
        assertThat(type.getIndexNames()).containsExactly("name");
        assertThat(type.getRowType().keySet()).containsExactlyInAnyOrder("name", "paths", "unique", "ready",
                "entries", "distinctKeys", "estimatedBytes", "unindexable", "lookups", "rangeScans",
                "meanQueryMicros", "p99QueryMicros");

        invoke("createIndex", "byCity", new String[] {"city"}, false);
        invoke("createIndex", "byNameUnique", new String[] {"name"}, true);
        invoke("createIndex", "byCityAge", new String[] {"city", "age"}, false);
        query("byCity", "{\"eq\": [\"city-1\"]}", 100);
        query("byCity", "{\"min\": [\"city-1\"]}", 100);
        TabularData table = RemoteJmxTest.table(attribute("Indexes"), "Indexes");
        assertThat(RemoteJmxTest.rowNames(table)).containsExactly("byCity", "byCityAge", "byNameUnique");
        CompositeData byCity = table.get(new Object[] {"byCity"});
        assertThat(byCity.get("paths")).isEqualTo(new String[] {"city"});
        assertThat(byCity.get("unique")).isEqualTo(false);
        assertThat(byCity.get("ready")).isEqualTo(true);
        assertThat(byCity.get("entries")).isEqualTo((long) DOCUMENTS);
        assertThat(byCity.get("distinctKeys")).isEqualTo(4L);
        assertThat((Long) byCity.get("estimatedBytes")).isPositive();
        assertThat(byCity.get("unindexable")).isEqualTo(0L);
        assertThat(byCity.get("lookups")).isEqualTo(1L);
        assertThat(byCity.get("rangeScans")).isEqualTo(1L);
        assertThat((Double) byCity.get("meanQueryMicros")).isPositive();
        assertThat((Double) byCity.get("p99QueryMicros")).isPositive();
        CompositeData unique = table.get(new Object[] {"byNameUnique"});
        assertThat(unique.get("unique")).isEqualTo(true);
        assertThat(unique.get("distinctKeys")).isEqualTo((long) DOCUMENTS);
        assertThat(table.get(new Object[] {"byCityAge"}).get("paths")).isEqualTo(new String[] {"city", "age"});
        RemoteJmxTest.assertJdkTypes(table, "Indexes");
    }

    @Test
    void everyOperationIsDeclaredWithJdkTypes() throws Exception {
        MBeanOperationInfo[] operations = SERVER.getMBeanInfo(bean).getOperations();
        assertThat(operations).extracting(MBeanOperationInfo::getName).containsExactlyInAnyOrderElementsOf(
                SIGNATURES.keySet());
        for (MBeanOperationInfo operation : operations) {
            assertThat(Stream.of(operation.getSignature()).map(MBeanParameterInfo::getType))
                    .as(operation.getName()).containsExactly(SIGNATURES.get(operation.getName()));
            assertThat(OPEN_CLASSES).as("the return type of %s", operation.getName())
                    .contains(operation.getReturnType());
        }
    }

    @Test
    void createDropRebuildAndClearWork() throws Exception {
        assertThat(invoke("createIndex", "byCity", new String[] {"city"}, false))
                .isEqualTo("index 'byCity' on [city]: 20 entries, 4 distinct keys");
        assertThat(invoke("createIndex", "byNameUnique", new String[] {"name"}, true))
                .isEqualTo("index 'byNameUnique' on [name], unique: 20 entries, 20 distinct keys");
        assertThat(indexNames()).containsExactly("byCity", "byNameUnique");
        assertThat(documents.indexes().get(1).unique()).isTrue();

        cache.put(key(0), Map.of("name", "person-0", "city", "city-3", "age", 20));
        assertThat(invoke("rebuildIndex", "byCity"))
                .isEqualTo("index 'byCity' on [city]: 20 entries, 4 distinct keys");

        assertThat(invoke("dropIndex", "byNameUnique")).isNull();
        assertThat(indexNames()).containsExactly("byCity");

        assertThat(invoke("clear")).isNull();
        assertThat(attribute("DocumentCount")).isEqualTo(0L);
        assertThat(cache.iterator().hasNext()).isFalse();
        assertThat(keys(query("byCity", "{}", 100))).isEmpty();
        assertThat(indexNames()).as("clear keeps the indexes").containsExactly("byCity");
        cache.put(key(3), person(3));
        assertThat(keys(query("byCity", "{\"eq\": [\"city-3\"]}", 100))).containsExactly(key(3));
    }

    @Test
    void queryPagesConcatenateToTheWholeScanAndCountTheTotal() throws Exception {
        invoke("createIndex", "byAge", new String[] {"age"}, false);
        for (String bounds : List.of("{\"min\": [23], \"max\": [36]}", "{\"min\": [23], \"descending\": true}",
                "{}")) {
            List<String> whole = keys(query("byAge", bounds, 100));
            for (int size = 1; size <= 7; size++) {
                List<String> paged = new ArrayList<>();
                for (int offset = 0; offset <= whole.size(); offset += size) {
                    JsonNode page = JSON.readTree((String) invoke("queryPage", "byAge", bounds, offset, size));
                    assertThat(page.get("offset").asInt()).isEqualTo(offset);
                    assertThat(page.get("total").asLong()).as(bounds).isEqualTo(whole.size());
                    List<String> keys = keys(page);
                    assertThat(keys).hasSizeLessThanOrEqualTo(size);
                    paged.addAll(keys);
                }
                assertThat(paged).as(bounds + " in pages of " + size).containsExactlyElementsOf(whole);
            }
        }
        JsonNode beyond = JSON.readTree((String) invoke("queryPage", "byAge", "{}", DOCUMENTS + 5, 10));
        assertThat(keys(beyond)).isEmpty();
        assertThat(beyond.get("total").asLong()).isEqualTo(DOCUMENTS);
        assertThat(catchThrowable(() -> invoke("queryPage", "byAge", "{}", -1, 10)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause().hasMessageContaining("offset");
        assertThat(catchThrowable(() -> invoke("queryPage", "nope", "{}", 0, 10)))
                .hasRootCauseInstanceOf(IllegalArgumentException.class).rootCause().hasMessageContaining("nope");
    }

    @Test
    void queryTakesEachBoundsForm() throws Exception {
        invoke("createIndex", "byCity", new String[] {"city"}, false);
        invoke("createIndex", "byAge", new String[] {"age"}, false);
        invoke("createIndex", "byCityAge", new String[] {"city", "age"}, false);

        assertThat(keys(query("byCity", "{\"eq\": [\"city-1\"]}", 100))).containsExactlyElementsOf(keys(1, 5, 9,
                13, 17));
        assertThat(keys(query("byCityAge", "{\"eq\": [\"city-1\", 25]}", 100))).containsExactly(key(5));
        assertThat(keys(query("byCityAge", "{\"prefix\": [\"city-2\"]}", 100)))
                .containsExactlyElementsOf(keys(2, 6, 10, 14, 18));
        assertThat(keys(query("byAge", "{\"min\": [25], \"max\": [30]}", 100)))
                .containsExactlyElementsOf(keys(5, 6, 7, 8, 9));
        assertThat(keys(query("byAge", "{\"min\": [37]}", 100))).containsExactlyElementsOf(keys(17, 18, 19));
        assertThat(keys(query("byAge", "{\"max\": [22]}", 100))).containsExactlyElementsOf(keys(0, 1));
        assertThat(keys(query("byAge", "{\"from\": {\"values\": [25], \"inclusive\": false},"
                + " \"to\": {\"values\": [30], \"inclusive\": true}}", 100)))
                .containsExactlyElementsOf(keys(6, 7, 8, 9, 10));
        assertThat(keys(query("byAge", "{\"from\": {\"values\": [25], \"inclusive\": true},"
                + " \"to\": {\"values\": [30], \"inclusive\": false}}", 100)))
                .containsExactlyElementsOf(keys(5, 6, 7, 8, 9));
        assertThat(keys(query("byAge", "{\"from\": {\"values\": [38]}}", 100)))
                .as("inclusive by default").containsExactlyElementsOf(keys(18, 19));
        assertThat(keys(query("byAge", "{\"to\": {\"values\": [21]}}", 100))).containsExactlyElementsOf(keys(0, 1));
        assertThat(keys(query("byAge", "{\"min\": [25], \"max\": [30], \"descending\": true}", 100)))
                .containsExactlyElementsOf(keys(9, 8, 7, 6, 5));
        assertThat(keys(query("byCityAge", "{\"prefix\": [\"city-2\"], \"descending\": true}", 100)))
                .containsExactlyElementsOf(keys(18, 14, 10, 6, 2));
        assertThat(keys(query("byAge", "{}", 100))).as("no bounds: the whole index").hasSize(DOCUMENTS);
        assertThat(keys(query("byAge", "{\"min\": [20]}", 3))).containsExactlyElementsOf(keys(0, 1, 2));
        assertThat(keys(query("byAge", "{\"descending\": true}", 2))).containsExactlyElementsOf(keys(19, 18));
        assertThat(keys(query("byAge", "{}", 0))).as("limit 0: at most 0 entries").isEmpty();
        assertThat(keys(query("byCity", "{\"eq\": [\"nowhere\"]}", 10))).isEmpty();
    }

    @Test
    void findRunsAQueryGivenAsJson() throws Exception {
        invoke("createIndex", "byCity", new String[] {"city"}, false);
        assertThat(keys(find("{\"where\": [{\"path\": \"city\", \"op\": \"eq\", \"values\": [\"city-2\"]},"
                + " {\"path\": \"age\", \"op\": \"gte\", \"value\": 30}], \"orderBy\": \"age\", \"descending\": true,"
                + " \"limit\": 2}"))).containsExactlyElementsOf(keys(18, 14));
        assertThat(keys(find("{\"where\": [{\"path\": \"city\", \"op\": \"eq\", \"value\": \"city-2\"}],"
                + " \"orderBy\": \"age\", \"offset\": 1, \"limit\": 2}"))).containsExactlyElementsOf(keys(6, 10));
        assertThat(keys(find("{\"where\": [{\"path\": \"city\", \"op\": \"in\","
                + " \"values\": [\"city-0\", \"city-3\"]}]}")))
                .hasSize(10).allMatch(key -> Integer.parseInt(key.substring(1)) % 4 % 3 == 0);
        assertThat(keys(find("{\"where\": [{\"path\": \"age\", \"op\": \"between\", \"values\": [20, 22]}],"
                + " \"orderBy\": \"age\"}"))).containsExactlyElementsOf(keys(0, 1, 2));
        assertThat(keys(find("{\"where\": [{\"path\": \"age\", \"op\": \"lt\", \"value\": 22}],"
                + " \"orderBy\": \"age\"}"))).containsExactlyElementsOf(keys(0, 1));
        assertThat(keys(find("{\"where\": [{\"path\": \"age\", \"op\": \"lte\", \"value\": 22}]}"))).hasSize(3);
        assertThat(keys(find("{\"where\": [{\"path\": \"age\", \"op\": \"gt\", \"value\": 37}],"
                + " \"orderBy\": \"age\"}"))).containsExactlyElementsOf(keys(18, 19));
        assertThat(keys(find("{\"where\": [{\"path\": \"name\", \"op\": \"starts_with\", \"value\": \"person-1\"}]}")))
                .hasSize(11);
        assertThat(keys(find("{}"))).as("no condition: every entry").hasSize(DOCUMENTS);
    }

    @Test
    void findReturnsAtMostItsLimitAndSaysWhetherThereIsMore() throws Exception {
        JsonNode cut = find("{\"orderBy\": \"age\", \"limit\": 5}");
        assertThat(keys(cut)).containsExactlyElementsOf(keys(0, 1, 2, 3, 4));
        assertThat(cut.get("limit").asInt()).isEqualTo(5);
        assertThat(cut.get("more").asBoolean()).as("15 more match").isTrue();
        JsonNode whole = find("{\"orderBy\": \"age\", \"limit\": 20}");
        assertThat(keys(whole)).hasSize(DOCUMENTS);
        assertThat(whole.get("more").asBoolean()).as("exactly the limit match").isFalse();
        JsonNode last = find("{\"orderBy\": \"age\", \"offset\": 18, \"limit\": 5}");
        assertThat(keys(last)).containsExactlyElementsOf(keys(18, 19));
        assertThat(last.get("more").asBoolean()).isFalse();
    }

    @Test
    void findWithoutALimitReturnsAtMostTheCapAndSaysThereIsMore() throws Exception {
        for (int i = DOCUMENTS; i <= DocumentCacheMBean.MAX_RESULTS; i++) {
            cache.put(key(i), person(i));
        }
        JsonNode capped = find("{}");
        assertThat(capped.get("count").asInt()).isEqualTo(DocumentCacheMBean.MAX_RESULTS);
        assertThat(capped.get("entries")).hasSize(DocumentCacheMBean.MAX_RESULTS);
        assertThat(capped.get("limit").asInt()).isEqualTo(DocumentCacheMBean.MAX_RESULTS);
        assertThat(capped.get("more").asBoolean()).as("1,001 documents, 1,000 returned").isTrue();
        assertThat(keys(find("{\"offset\": 1000}"))).hasSize(1);
    }

    @Test
    void indexCountIsReadWithoutTheIndexesFigures() throws Exception {
        assertThat(attribute("IndexCount")).isEqualTo(0);
        invoke("createIndex", "byCity", new String[] {"city"}, false);
        invoke("createIndex", "byAge", new String[] {"age"}, false);
        assertThat(attribute("IndexCount")).isEqualTo(2);
        invoke("dropIndex", "byAge");
        assertThat(attribute("IndexCount")).isEqualTo(1);
    }

    @Test
    void explainNamesTheIndexItsRangesAndTheResidualFilter() throws Exception {
        String query = "{\"where\": [{\"path\": \"city\", \"op\": \"eq\", \"value\": \"city-2\"},"
                + " {\"path\": \"age\", \"op\": \"gte\", \"value\": 30}], \"orderBy\": \"age\"}";
        JsonNode scan = JSON.readTree((String) invoke("explain", query));
        assertThat(scan.get("scan").asBoolean()).isTrue();
        assertThat(scan.get("index").isNull()).isTrue();
        assertThat(scan.get("text").asText()).startsWith("scan all entries");

        invoke("createIndex", "byCity", new String[] {"city"}, false);
        JsonNode plan = JSON.readTree((String) invoke("explain", query));
        assertThat(plan.get("scan").asBoolean()).isFalse();
        assertThat(plan.get("index").asText()).isEqualTo("byCity");
        assertThat(plan.get("ranges")).hasSize(1);
        assertThat(plan.get("ranges").get(0).asText()).contains("city-2");
        assertThat(plan.get("residual")).hasSize(1);
        assertThat(plan.get("residual").get(0).asText()).contains("age").contains("30");
        assertThat(plan.get("order").asText()).isEqualTo("sort by age");
        assertThat(plan.get("text").asText()).startsWith("index byCity");
        assertThat(keys(find(query))).containsExactlyElementsOf(keys(10, 14, 18));
    }

    @Test
    void everyIndexChangeIsNotifiedWhetherMadeOverJmxOrThroughTheJavaApi() throws Exception {
        long started = System.currentTimeMillis();
        invoke("createIndex", "byCity", new String[] {"city"}, false);
        documents.createIndex(IndexDefinition.of("byAge", "age"));
        documents.rebuildIndex("byAge");
        invoke("rebuildIndex", "byCity");
        documents.dropIndex("byAge");
        invoke("dropIndex", "byCity");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received).hasSize(6));
        assertThat(received).extracting(Notification::getType).containsExactly("dev.docstore.index.created",
                "dev.docstore.index.created", "dev.docstore.index.rebuilt", "dev.docstore.index.rebuilt",
                "dev.docstore.index.dropped", "dev.docstore.index.dropped");
        assertThat(received).extracting(Notification::getSequenceNumber).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
        assertThat(received).extracting(Notification::getMessage).containsExactly(
                "index 'byCity' created on cache 'people'", "index 'byAge' created on cache 'people'",
                "index 'byAge' rebuilt on cache 'people'", "index 'byCity' rebuilt on cache 'people'",
                "index 'byAge' dropped on cache 'people'", "index 'byCity' dropped on cache 'people'");
        assertThat(received).extracting(Notification::getUserData).containsExactly(
                "index 'byCity' on [city]: 20 entries, 4 distinct keys",
                "index 'byAge' on [age]: 20 entries, 20 distinct keys",
                "index 'byAge' on [age]: 20 entries, 20 distinct keys",
                "index 'byCity' on [city]: 20 entries, 4 distinct keys",
                "index 'byAge' on [age]: 20 entries, 20 distinct keys",
                "index 'byCity' on [city]: 20 entries, 4 distinct keys");
        assertThat(received).allSatisfy(notification -> {
            assertThat(notification.getSource()).isEqualTo(bean);
            assertThat(notification.getTimeStamp()).isBetween(started, System.currentTimeMillis());
        });
        assertThat(SERVER.getMBeanInfo(bean).getNotifications()).singleElement()
                .satisfies(info -> assertThat(info.getNotifTypes()).containsExactlyInAnyOrder(
                        "dev.docstore.index.created", "dev.docstore.index.dropped", "dev.docstore.index.rebuilt"));
    }

    static Stream<Arguments> badInput() {
        String query = "query";
        String bounds = "{\"eq\": [\"city-1\"]}";
        String[] city = {"city"};
        String unknown = "IndexNotFoundException: no index named 'nope'; the indexes are: [byCity]";
        return Stream.of(
                Arguments.of("query on an unknown index", query, new Object[] {"nope", bounds, 10}, unknown),
                Arguments.of("dropIndex of an unknown index", "dropIndex", new Object[] {"nope"}, unknown),
                Arguments.of("rebuildIndex of an unknown index", "rebuildIndex", new Object[] {"nope"}, unknown),
                Arguments.of("malformed bounds", query, new Object[] {"byCity", "{not json", 10},
                        "malformed bounds JSON: Unexpected character ('n'"),
                Arguments.of("malformed query", "find", new Object[] {"{not json"},
                        "malformed query JSON: Unexpected character ('n'"),
                Arguments.of("malformed query to explain", "explain", new Object[] {"{\"where\": [}"},
                        "malformed query JSON: "),
                Arguments.of("a null index name", query, new Object[] {null, bounds, 10},
                        "index name must not be null"),
                Arguments.of("null bounds", query, new Object[] {"byCity", null, 10},
                        "the bounds JSON is empty"),
                Arguments.of("a null query", "find", new Object[] {null},
                        "the query JSON is empty"),
                Arguments.of("empty bounds", query, new Object[] {"byCity", " ", 10},
                        "the bounds JSON is empty"),
                Arguments.of("bounds that are not an object", query, new Object[] {"byCity", "[\"city-1\"]", 10},
                        "the bounds JSON must be an object, got: [\"city-1\"]"),
                Arguments.of("an unknown field in the bounds", query,
                        new Object[] {"byCity", "{\"eq\": [\"city-1\"], \"colour\": \"red\"}", 10},
                        "unknown field 'colour' in the bounds JSON; expected "),
                Arguments.of("an unknown field in the query", "find", new Object[] {"{\"sortBy\": \"age\"}"},
                        "unknown field 'sortBy' in the query JSON; expected "),
                Arguments.of("an unknown field in a condition", "find", new Object[] {"{\"where\": [{\"path\":"
                        + " \"age\", \"op\": \"eq\", \"value\": 1, \"not\": true}]}"},
                        "unknown field 'not' in the condition JSON; expected "),
                Arguments.of("a wrong operator", "find", new Object[] {"{\"where\": [{\"path\": \"city\","
                        + " \"op\": \"like\", \"value\": \"city-1\"}]}"},
                        "unknown operator 'like'; expected one of [eq, in, gt, gte, lt,"
                        + " lte, between, starts_with]"),
                Arguments.of("a condition without an operator", "find",
                        new Object[] {"{\"where\": [{\"path\": \"city\", \"value\": \"city-1\"}]}"},
                        "a condition needs \"path\" and \"op\""),
                Arguments.of("between with one value", "find", new Object[] {"{\"where\": [{\"path\": \"age\","
                        + " \"op\": \"between\", \"values\": [1]}]}"},
                        "condition BETWEEN on 'age' takes 2 value(s), got [1]"),
                Arguments.of("eq that is not an array", query, new Object[] {"byCity", "{\"eq\": \"city-1\"}", 10},
                        "'eq/prefix' must be a non-empty array of values"),
                Arguments.of("a bound holding an object", query,
                        new Object[] {"byCity", "{\"min\": [{\"a\": 1}]}", 10},
                        "'min[0]' must be a string, number or boolean"),
                Arguments.of("a 'from' that is not an object", query,
                        new Object[] {"byCity", "{\"from\": [\"city-1\"]}", 10},
                        "'from' must be an object like {\"values\": [...],"),
                Arguments.of("a negative limit", query, new Object[] {"byCity", bounds, -1},
                        "limit must be from 0 to 1000 (the most one call returns; page through larger results with"
                        + " an offset), was -1"),
                Arguments.of("a limit over the cap", query, new Object[] {"byCity", bounds, 2_000_000_000},
                        "limit must be from 0 to 1000 (the most one call returns; page through larger results with"
                        + " an offset), was 2000000000"),
                Arguments.of("a page limit over the cap", "queryPage", new Object[] {"byCity", bounds, 0, 1001},
                        "limit must be from 0 to 1000 (the most one call returns; page through larger results with"
                        + " an offset), was 1001"),
                Arguments.of("a negative page offset", "queryPage", new Object[] {"byCity", bounds, -1, 10},
                        "offset must not be negative, was -1"),
                Arguments.of("a negative limit in a query", "find", new Object[] {"{\"limit\": -1}"},
                        "'limit' must be a whole number from 0 to 1000, got -1"),
                Arguments.of("a limit over the cap in a query", "find", new Object[] {"{\"limit\": 2000000000}"},
                        "'limit' must be at most 1000 (the most one call returns; page through larger results with"
                        + " 'offset'), got 2000000000"),
                Arguments.of("a negative offset in a query", "find", new Object[] {"{\"offset\": -2}"},
                        "'offset' must be a whole number from 0 to 9223372036854775807, got -2"),
                Arguments.of("a name in use", "createIndex", new Object[] {"byCity", city, false},
                        "IndexExistsException: index 'byCity' already exists"),
                Arguments.of("a name in use, for a unique index", "createIndex", new Object[] {"byCity",
                    new String[] {"name"}, true}, "IndexExistsException: index 'byCity' already exists"),
                Arguments.of("a unique index two documents break", "createIndex",
                        new Object[] {"byCityUnique", city, true},
                        "UniqueConstraintException: unique index 'byCityUnique': key p04 cannot take value city-0,"
                        + " which key p00 already has"),
                Arguments.of("no paths", "createIndex", new Object[] {"noPaths", new String[0], false},
                        "EmptyIndexException: index 'noPaths' names no field; give at least one path"),
                Arguments.of("null paths", "createIndex", new Object[] {"nullPaths", null, false},
                        "paths must not be null"),
                Arguments.of("a null path", "createIndex", new Object[] {"nullPath", new String[] {"city", null},
                    false}, "path 2 of index 'nullPath' is null"),
                Arguments.of("a blank name", "createIndex", new Object[] {" ", city, false},
                        "index name must not be blank"),
                Arguments.of("a path twice", "createIndex", new Object[] {"twice", new String[] {"city", "city"},
                    false}, "index 'twice' lists path 'city' twice"),
                Arguments.of("a malformed path", "createIndex", new Object[] {"badPath", new String[] {"a..b"},
                    false}, "field path 'a..b' has an empty or malformed segment"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInput")
    void badInputIsRefusedWithAMessageNamingTheProblemAndChangesNothing(String what, String operation,
                                                                        Object[] parameters, String message)
            throws Exception {
        invoke("createIndex", "byCity", new String[] {"city"}, false);
        assertRefusedWithoutChange(operation, parameters, message);
    }

    /**
     * Requests the JSON formats' Javadoc promises to check strictly ("malformed JSON, unknown fields and wrong shapes
     * fail with an IllegalArgumentException that says what was expected"), but which are read leniently now.
     */
    static Stream<Arguments> wronglyShapedJson() {
        String query = "query";
        return Stream.of(
                Arguments.of("trailing text after the bounds", query,
                        new Object[] {"byCity", "{\"eq\": [\"city-1\"]} and more", 10}, "bounds"),
                Arguments.of("trailing text after the query", "find",
                        new Object[] {"{\"limit\": 1}}"}, "query"),
                Arguments.of("an unknown field in 'from'", query,
                        new Object[] {"byCity", "{\"from\": {\"values\": [\"city-1\"], \"exclusive\": true}}", 10},
                        "exclusive"),
                Arguments.of("'inclusive' that is not a boolean", query,
                        new Object[] {"byCity", "{\"from\": {\"values\": [\"city-1\"], \"inclusive\": \"no\"}}", 10},
                        "inclusive"),
                Arguments.of("'descending' that is not a boolean", query,
                        new Object[] {"byCity", "{\"descending\": \"yes\"}", 10}, "descending"),
                Arguments.of("a limit that is not a number", "find", new Object[] {"{\"limit\": \"ten\"}"}, "limit"),
                Arguments.of("an orderBy that is not a string", "find", new Object[] {"{\"orderBy\": 5}"},
                        "orderBy"),
                Arguments.of("both eq and min", query,
                        new Object[] {"byCity", "{\"eq\": [\"city-1\"], \"min\": [\"city-2\"]}", 10}, "min"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wronglyShapedJson")
    void wronglyShapedJsonIsRefusedAsTheJavadocSays(String what, String operation, Object[] parameters,
                                                     String named) throws Exception {
        invoke("createIndex", "byCity", new String[] {"city"}, false);
        Object result;
        try {
            result = invoke(operation, parameters);
        } catch (RuntimeMBeanException refused) {
            assertThat(refused.getTargetException()).isExactlyInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(named);
            return;
        }
        fail("%s (%s%s) should be refused with an IllegalArgumentException naming '%s', but the call returned %s",
                what, operation, Arrays.toString(parameters), named, String.valueOf(result).replaceAll("\\s+", " "));
    }

    /** Asserts that the call is refused with a JDK exception holding {@code message}, and that nothing changed. */
    private void assertRefusedWithoutChange(String operation, Object[] parameters, String message)
            throws Exception {
        List<IndexInfo> indexes = documents.indexes();
        long lastVersion = documents.figures().lastVersion();
        long count = documents.figures().documents();
        int notifications = received.size();

        Throwable thrown = catchThrowable(() -> invoke(operation, parameters));

        assertThat(thrown).isExactlyInstanceOf(RuntimeMBeanException.class);
        RemoteJmxTest.assertJdkTypes(thrown, "the exception");
        Throwable target = ((RuntimeMBeanException) thrown).getTargetException();
        assertThat(target).isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class)
                .hasMessageStartingWith(message).hasNoCause();
        assertThat(thrown.getMessage()).isEqualTo(target.toString());
        assertThat(documents.indexes()).as("the indexes and their figures").usingRecursiveComparison()
                .ignoringFields("lookups", "rangeScans", "queryNanos", "p99QueryNanos").isEqualTo(indexes);
        assertThat(documents.figures().lastVersion()).as("no write").isEqualTo(lastVersion);
        assertThat(documents.figures().documents()).isEqualTo(count);
        assertThat(received).as("no notification").hasSize(notifications);
    }

    @Test
    void readingAndQueryingOverJmxCountsNoCacheStatisticAndWritesNothing() throws Exception {
        invoke("createIndex", "byCity", new String[] {"city"}, false);
        ObjectName statistics = JmxRegistration.name(JmxRegistration.Kind.STATISTICS, uri, CACHE);
        String[] counters = {"CacheGets", "CacheHits", "CacheMisses", "CachePuts", "CacheRemovals", "CacheEvictions"};
        List<Object> before = SERVER.getAttributes(statistics, counters).asList().stream()
                .map(Attribute::getValue).toList();
        assertThat(before).containsExactly(0L, 0L, 0L, (long) DOCUMENTS, 0L, 0L);
        long lastVersion = documents.figures().lastVersion();

        for (MBeanAttributeInfo info : SERVER.getMBeanInfo(bean).getAttributes()) {
            attribute(info.getName());
        }
        query("byCity", "{\"eq\": [\"city-1\"]}", 100);
        find("{\"where\": [{\"path\": \"age\", \"op\": \"gt\", \"value\": 30}]}");
        invoke("explain", "{\"where\": [{\"path\": \"city\", \"op\": \"eq\", \"value\": \"city-1\"}]}");

        assertThat(SERVER.getAttributes(statistics, counters).asList().stream()
                .map(Attribute::getValue).toList()).as("the cache's statistics").isEqualTo(before);
        assertThat(documents.figures().lastVersion()).as("no write").isEqualTo(lastVersion);
    }

    @Test
    void theManagerBeanSummarisesEachCachesConfiguration() throws Exception {
        DocstoreConfiguration<String, Object> orders = new DocstoreConfiguration<String, Object>().setMaximumSize(500);
        orders.setTypes(String.class, Object.class).setStoreByValue(false).setManagementEnabled(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_HOUR));
        Cache<String, Object> orderCache = manager.createCache("orders", orders);
        orderCache.put("o1", Map.of("total", 10));
        manager.createCache("quiet", new MutableConfiguration<String, Object>().setTypes(String.class,
                Object.class));
        invoke("createIndex", "byCity", new String[] {"city"}, false);
        ObjectName managerBean = JmxRegistration.managerName(uri);

        assertThat(SERVER.getAttribute(managerBean, "Uri")).isEqualTo(uri.toString());
        TabularData caches = RemoteJmxTest.table(SERVER.getAttribute(managerBean, "Caches"), "Caches");
        assertThat(RemoteJmxTest.rowNames(caches)).containsExactly("orders", "people", "quiet");
        CompositeData people = caches.get(new Object[] {"people"});
        assertThat(people.get("keyType")).isEqualTo("java.lang.String");
        assertThat(people.get("valueType")).isEqualTo("java.lang.Object");
        assertThat(people.get("storeByValue")).isEqualTo(true);
        assertThat(people.get("readThrough")).isEqualTo(false);
        assertThat(people.get("writeThrough")).isEqualTo(false);
        assertThat(people.get("statisticsEnabled")).isEqualTo(true);
        assertThat(people.get("managementEnabled")).isEqualTo(true);
        assertThat(people.get("expiryPolicy")).isEqualTo("javax.cache.expiry.EternalExpiryPolicy");
        assertThat(people.get("documents")).isEqualTo((long) DOCUMENTS);
        assertThat(people.get("indexes")).isEqualTo(1);
        assertThat(people.get("boundKind")).isEqualTo("none");
        assertThat(people.get("maximum")).isEqualTo(0L);
        CompositeData orderRow = caches.get(new Object[] {"orders"});
        assertThat(orderRow.get("storeByValue")).isEqualTo(false);
        assertThat(orderRow.get("statisticsEnabled")).isEqualTo(false);
        assertThat(orderRow.get("expiryPolicy")).isEqualTo("javax.cache.expiry.CreatedExpiryPolicy");
        assertThat(orderRow.get("documents")).isEqualTo(1L);
        assertThat(orderRow.get("indexes")).isEqualTo(0);
        assertThat(orderRow.get("boundKind")).isEqualTo("size");
        assertThat(orderRow.get("maximum")).isEqualTo(500L);
        assertThat(caches.get(new Object[] {"quiet"}).get("managementEnabled")).isEqualTo(false);

        manager.enableStatistics("orders", true);
        manager.destroyCache("quiet");
        TabularData after = RemoteJmxTest.table(SERVER.getAttribute(managerBean, "Caches"), "Caches");
        assertThat(RemoteJmxTest.rowNames(after)).containsExactly("orders", "people");
        assertThat(after.get(new Object[] {"orders"}).get("statisticsEnabled")).isEqualTo(true);
        RemoteJmxTest.assertJdkTypes(after, "Caches");
    }
}
