package dev.docstore.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.MalformedURLException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.cache.management.CacheMXBean;
import javax.cache.management.CacheStatisticsMXBean;
import javax.management.JMX;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanInfo;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Management as JConsole uses it: a child JVM ({@link RemoteCacheHost}) holds a managed cache of 100,000 documents and
 * exposes its platform MBeanServer through the JDK's management agent, over RMI on 127.0.0.1 at a free port, with
 * password authentication; the test connects with {@link JMXConnectorFactory} and reads the standard and docstore
 * beans, administers an index, receives the notifications, is refused with a wrong password, and sends bad input.
 * Reads go through proxies ({@link JMX#newMXBeanProxy} for the spec's beans, {@link JMX#newMBeanProxy} for ours),
 * which need the interfaces, and through plain {@link MBeanServerConnection} calls, which is what a client with nothing
 * but the JDK (JConsole) makes; a last test runs such a client, with an empty class path, in a JVM of its own.
 *
 * <p>The child is always stopped: its stdin is closed (it then closes its manager and exits), and it is killed if it
 * has not exited within {@value #STOP_SECONDS} seconds. Every step is bounded; the class takes about 15 seconds.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class RemoteJmxTest {
    private static final String USER = "operator";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();
    private static final URI MANAGER_URI = URI.create("urn:docstore:remote-jmx-test");
    /** Holds characters the spec's names replace, so the remote names are escaped ones. */
    private static final String CACHE = "people:remote=1,2";
    private static final String SCRATCH = "scratch";
    private static final String IMPORTS = "imports";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final int STOP_SECONDS = 60;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(STOP_SECONDS);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String[] CREATE_SIGNATURE = {String.class.getName(), String[].class.getName(),
        boolean.class.getName()};
    private static final String[] NAME_SIGNATURE = {String.class.getName()};
    private static final String[] QUERY_SIGNATURE = {String.class.getName(), String.class.getName(),
        int.class.getName()};
    private static final String[] READ_SIGNATURE = {String.class.getName(), long.class.getName(),
        int.class.getName()};
    private static final String[] APPEND_SIGNATURE = {String.class.getName(), byte[].class.getName()};
    private static final String[] FINISH_SIGNATURE = {String.class.getName(), String.class.getName()};

    private static final ObjectName DOCUMENTS = JmxRegistration.documentCacheName(MANAGER_URI, CACHE);
    private static final ObjectName SCRATCH_DOCUMENTS = JmxRegistration.documentCacheName(MANAGER_URI, SCRATCH);
    private static final ObjectName IMPORT_DOCUMENTS = JmxRegistration.documentCacheName(MANAGER_URI, IMPORTS);
    private static final ObjectName MANAGER = JmxRegistration.managerName(MANAGER_URI);
    private static final ObjectName STATISTICS =
            JmxRegistration.name(JmxRegistration.Kind.STATISTICS, MANAGER_URI, CACHE);
    private static final ObjectName CONFIGURATION =
            JmxRegistration.name(JmxRegistration.Kind.CONFIGURATION, MANAGER_URI, CACHE);

    @TempDir
    static Path dir;

    private static Child child;
    private static JMXConnector connector;
    private static MBeanServerConnection connection;

    @BeforeAll
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    static void startChildAndConnect() throws Exception {
        child = Child.start(dir);
        connector = JMXConnectorFactory.connect(child.url(), credentials(USER, PASSWORD));
        connection = connector.getMBeanServerConnection();
    }

    @AfterAll
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    static void disconnectAndStopChild() throws Exception {
        try {
            if (connector != null) {
                connector.close();
            }
        } finally {
            if (child != null) {
                int status = child.stop();
                assertThat(status).as("the child's exit status after its stdin closed; stderr:%n%s", child.stderr())
                        .isZero();
            }
        }
    }

    private static Map<String, Object> credentials(String user, String password) {
        return Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
    }

    @Test
    void standardBeansShowTheCachesConfigurationAndStatistics() throws Exception {
        assertThat(connection.queryNames(new ObjectName("javax.cache:*"), null)).containsExactlyInAnyOrder(
                CONFIGURATION, STATISTICS,
                JmxRegistration.name(JmxRegistration.Kind.CONFIGURATION, MANAGER_URI, SCRATCH),
                JmxRegistration.name(JmxRegistration.Kind.STATISTICS, MANAGER_URI, SCRATCH),
                JmxRegistration.name(JmxRegistration.Kind.CONFIGURATION, MANAGER_URI, IMPORTS));
        assertThat(STATISTICS.getKeyProperty("Cache")).isEqualTo("people.remote.1.2");
        assertThat(STATISTICS.getKeyProperty("CacheManager")).isEqualTo("urn.docstore.remote-jmx-test");

        // plain calls, as a JDK-only client makes them
        Map<String, Object> statistics = attributes(STATISTICS, "CachePuts", "CacheGets", "CacheHits",
                "CacheMisses", "CacheHitPercentage", "CacheRemovals", "CacheEvictions", "AverageGetTime");
        assertThat(statistics).containsEntry("CachePuts", (long) RemoteCacheHost.DOCUMENTS)
                .containsEntry("CacheGets", (long) (RemoteCacheHost.HITS + RemoteCacheHost.MISSES))
                .containsEntry("CacheHits", (long) RemoteCacheHost.HITS)
                .containsEntry("CacheMisses", (long) RemoteCacheHost.MISSES)
                .containsEntry("CacheRemovals", 0L)
                .containsEntry("CacheEvictions", 0L);
        assertThat((Float) statistics.get("CacheHitPercentage")).isCloseTo(100f * 10 / 15, within(0.01f));
        assertThat((Float) statistics.get("AverageGetTime")).isGreaterThanOrEqualTo(0f);
        assertThat(attributes(CONFIGURATION, "KeyType", "ValueType", "StatisticsEnabled", "ManagementEnabled",
                "StoreByValue", "ReadThrough", "WriteThrough"))
                .containsEntry("KeyType", "java.lang.String").containsEntry("ValueType", "java.lang.Object")
                .containsEntry("StatisticsEnabled", true).containsEntry("ManagementEnabled", true)
                .containsEntry("StoreByValue", true).containsEntry("ReadThrough", false)
                .containsEntry("WriteThrough", false);
        assertEveryAttributeHasJdkTypes(STATISTICS);
        assertEveryAttributeHasJdkTypes(CONFIGURATION);

        // proxies, as a Java client with the JCache API makes them
        CacheStatisticsMXBean statisticsProxy =
                JMX.newMXBeanProxy(connection, STATISTICS, CacheStatisticsMXBean.class);
        assertThat(statisticsProxy.getCachePuts()).isEqualTo(RemoteCacheHost.DOCUMENTS);
        assertThat(statisticsProxy.getCacheMisses()).isEqualTo(RemoteCacheHost.MISSES);
        CacheMXBean configurationProxy = JMX.newMXBeanProxy(connection, CONFIGURATION, CacheMXBean.class);
        assertThat(configurationProxy.getKeyType()).isEqualTo("java.lang.String");
        assertThat(configurationProxy.isStatisticsEnabled()).isTrue();
    }

    @Test
    void documentCacheAndManagerBeansShowTheStore() throws Exception {
        assertThat(connection.queryNames(new ObjectName(JmxRegistration.DOMAIN + ":*"), null))
                .containsExactlyInAnyOrder(DOCUMENTS, SCRATCH_DOCUMENTS, IMPORT_DOCUMENTS, MANAGER);

        Map<String, Object> figures = attributes(DOCUMENTS, "Name", "CacheManagerUri", "DocumentCount",
                "RetainedVersions", "OpenSnapshots", "EstimatedDocumentBytes", "EstimatedIndexBytes");
        assertThat(figures).containsEntry("Name", CACHE).containsEntry("CacheManagerUri", MANAGER_URI.toString())
                .containsEntry("DocumentCount", (long) RemoteCacheHost.DOCUMENTS)
                .containsEntry("RetainedVersions", 0L).containsEntry("OpenSnapshots", 0)
                .containsEntry("EstimatedIndexBytes", 0L);
        assertThat((Long) figures.get("EstimatedDocumentBytes"))
                .as("at least the 96 bytes of version record and map node per document")
                .isGreaterThan(96L * RemoteCacheHost.DOCUMENTS);
        MBeanInfo info = connection.getMBeanInfo(DOCUMENTS);
        assertThat(info.getNotifications()).hasSize(1);
        assertThat(info.getNotifications()[0].getNotifTypes()).containsExactlyInAnyOrder(
                "dev.docstore.index.created", "dev.docstore.index.dropped", "dev.docstore.index.rebuilt");
        assertThat(connection.getAttribute(MANAGER, "Uri")).isEqualTo(MANAGER_URI.toString());
        assertEveryAttributeHasJdkTypes(DOCUMENTS);
        assertEveryAttributeHasJdkTypes(MANAGER);

        assertThat(table(connection.getAttribute(DOCUMENTS, "Indexes"), "Indexes").isEmpty()).isTrue();
        CompositeData row = table(connection.getAttribute(MANAGER, "Caches"), "Caches").get(new Object[] {CACHE});
        assertThat(rowNames(table(connection.getAttribute(MANAGER, "Caches"), "Caches")))
                .containsExactly(IMPORTS, CACHE, SCRATCH);
        assertThat(row.get("documents")).isEqualTo((long) RemoteCacheHost.DOCUMENTS);
        assertThat(row.get("indexes")).isEqualTo(0);
        assertThat(row.get("keyType")).isEqualTo("java.lang.String");
        assertThat(row.get("valueType")).isEqualTo("java.lang.Object");
        assertThat(row.get("statisticsEnabled")).isEqualTo(true);
        assertThat(row.get("managementEnabled")).isEqualTo(true);
        assertThat(row.get("storeByValue")).isEqualTo(true);
        assertThat(row.get("readThrough")).isEqualTo(false);
        assertThat(row.get("writeThrough")).isEqualTo(false);
        assertThat(row.get("expiryPolicy")).isEqualTo("javax.cache.expiry.EternalExpiryPolicy");
    }

    /**
     * Proxies of docstore's interfaces, as a Java client with docstore on its class path makes them. Standard proxies
     * ({@link JMX#newMBeanProxy}): the interfaces declare {@link TabularData}, which the MXBean framework does not map
     * to itself, so an MXBean proxy of them cannot be made.
     */
    @Test
    void proxiesOfDocstoresInterfacesReadAndInvokeAsPlainCallsDo() {
        DocumentCacheMBean documents = JMX.newMBeanProxy(connection, DOCUMENTS, DocumentCacheMBean.class);
        assertThat(documents.getDocumentCount()).isEqualTo(RemoteCacheHost.DOCUMENTS);
        assertThat(documents.getName()).isEqualTo(CACHE);
        assertThat(documents.getCacheManagerUri()).isEqualTo(MANAGER_URI.toString());
        assertThat(catchThrowable(() -> documents.dropIndex("nope"))).as("a refusal through the proxy")
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("IndexNotFoundException: no index named 'nope'; the indexes are: []").hasNoCause();
        assertThat(catchThrowable(() -> documents.query("byCity", "{not json", 10)))
                .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed bounds JSON");
        CacheManagerMBean manager = JMX.newMBeanProxy(connection, MANAGER, CacheManagerMBean.class);
        assertThat(manager.getUri()).isEqualTo(MANAGER_URI.toString());

        assertThat(catchThrowable(documents::getIndexes)).as("reading the indexes through the proxy").isNull();
        assertThat(documents.getIndexes().isEmpty()).isTrue();
        assertThat(catchThrowable(manager::getCaches)).as("reading the caches through the proxy").isNull();
        assertThat(manager.getCaches().get(new Object[] {CACHE}).get("documents"))
                .isEqualTo((long) RemoteCacheHost.DOCUMENTS);
    }

    @Test
    void indexCreatedQueriedExplainedAndDroppedWithNotifications() throws Exception {
        List<Notification> received = new CopyOnWriteArrayList<>();
        NotificationListener listener = (notification, handback) -> received.add(notification);
        connection.addNotificationListener(DOCUMENTS, listener, null, null);
        long started = System.currentTimeMillis();
        Object indexesWithByCity;
        try {
            Object summary = invoke("createIndex", new Object[] {"byCity", new String[] {"city"}, false},
                    CREATE_SIGNATURE);
            assertThat(summary).isEqualTo("index 'byCity' on [city]: 100000 entries, 100 distinct keys");

            JsonNode result = JSON.readTree((String) invoke("query",
                    new Object[] {"byCity", "{\"eq\":[\"city-7\"]}", 10}, QUERY_SIGNATURE));
            assertThat(result.get("count").asInt()).isEqualTo(10);
            assertThat(result.get("entries")).hasSize(10).allSatisfy(entry -> {
                assertThat(entry.at("/value/city").asText()).isEqualTo("city-7");
                assertThat(Integer.parseInt(entry.get("key").asText().substring(1)) % RemoteCacheHost.CITIES)
                        .isEqualTo(7);
                assertThat(entry.get("version").asLong()).isPositive();
            });

            JsonNode found = JSON.readTree((String) invoke("find", new Object[] {"{\"where\": [{\"path\": \"city\","
                    + " \"op\": \"eq\", \"value\": \"city-7\"}, {\"path\": \"age\", \"op\": \"gte\", \"value\": 80}],"
                    + " \"orderBy\": \"age\", \"limit\": 5}"}, NAME_SIGNATURE));
            assertThat(found.get("entries")).hasSize(5).allSatisfy(entry -> {
                assertThat(entry.at("/value/city").asText()).isEqualTo("city-7");
                assertThat(entry.at("/value/age").asInt()).isGreaterThanOrEqualTo(80);
            });

            JsonNode plan = JSON.readTree((String) invoke("explain", new Object[] {
                "{\"where\": [{\"path\": \"city\", \"op\": \"eq\", \"value\": \"city-7\"}]}"}, NAME_SIGNATURE));
            assertThat(plan.get("index").asText()).isEqualTo("byCity");
            assertThat(plan.get("scan").asBoolean()).isFalse();
            assertThat(plan.get("text").asText()).contains("byCity");
            assertThat((Long) connection.getAttribute(DOCUMENTS, "EstimatedIndexBytes")).isPositive();
            indexesWithByCity = connection.getAttribute(DOCUMENTS, "Indexes");

            assertThat(invoke("dropIndex", new Object[] {"byCity"}, NAME_SIGNATURE)).isNull();
            assertThat(connection.getAttribute(DOCUMENTS, "EstimatedIndexBytes")).isEqualTo(0L);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received).hasSize(2));
            Notification created = received.get(0);
            Notification dropped = received.get(1);
            assertThat(created.getType()).isEqualTo("dev.docstore.index.created");
            assertThat(dropped.getType()).isEqualTo("dev.docstore.index.dropped");
            assertThat(dropped.getSequenceNumber()).isGreaterThan(created.getSequenceNumber());
            assertThat(created.getMessage()).isEqualTo("index 'byCity' created on cache '" + CACHE + "'");
            assertThat(dropped.getMessage()).isEqualTo("index 'byCity' dropped on cache '" + CACHE + "'");
            for (Notification notification : received) {
                assertThat(notification.getSource()).isEqualTo(DOCUMENTS);
                assertThat(notification.getTimeStamp()).isBetween(started, System.currentTimeMillis());
                assertThat(notification.getUserData()).asString().startsWith("index 'byCity' on [city]");
                assertJdkTypes(notification, "a notification");
            }
        } finally {
            connection.removeNotificationListener(DOCUMENTS, listener);
            dropQuietly("byCity");
        }

        CompositeData index = table(indexesWithByCity, "Indexes").get(new Object[] {"byCity"});
        assertThat(index.get("entries")).isEqualTo(100_000L);
        assertThat(index.get("distinctKeys")).isEqualTo(100L);
        assertThat(index.get("paths")).isEqualTo(new String[] {"city"});
        assertThat(index.get("unique")).isEqualTo(false);
        assertThat(index.get("ready")).isEqualTo(true);
        assertThat((Long) index.get("lookups") + (Long) index.get("rangeScans")).isPositive();
        assertThat((Long) index.get("estimatedBytes")).isPositive();
        assertThat(table(connection.getAttribute(DOCUMENTS, "Indexes"), "Indexes").isEmpty()).isTrue();
    }

    @Test
    void wrongPasswordUnknownUserAndNoCredentialsAreRefused() {
        JMXServiceURL url = child.url();
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url, credentials(USER, PASSWORD + "-wrong")))
                .isInstanceOf(SecurityException.class).hasMessageContaining("Authentication failed");
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url, credentials("intruder", PASSWORD)))
                .isInstanceOf(SecurityException.class).hasMessageContaining("Authentication failed");
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url, Map.of()))
                .isInstanceOf(SecurityException.class).hasMessageContaining("Credentials required");
    }

    @Test
    void badInputGivesAClearJdkExceptionAndChangesNothing() throws Exception {
        List<Notification> received = new CopyOnWriteArrayList<>();
        NotificationListener listener = (notification, handback) -> received.add(notification);
        connection.addNotificationListener(DOCUMENTS, listener, null, null);
        List<Object> indexTables = new ArrayList<>();
        try {
            invoke("createIndex", new Object[] {"byCity", new String[] {"city"}, false}, CREATE_SIGNATURE);
            long indexBytes = (Long) connection.getAttribute(DOCUMENTS, "EstimatedIndexBytes");
            indexTables.add(connection.getAttribute(DOCUMENTS, "Indexes"));

            String known = "; the indexes are: [byCity]";
            List<Refusal> refusals = List.of(
                    new Refusal("query on an unknown index",
                            () -> invoke("query", new Object[] {"nope", "{\"eq\":[\"x\"]}", 10}, QUERY_SIGNATURE),
                            "IndexNotFoundException: no index named 'nope'" + known),
                    new Refusal("dropIndex of an unknown index",
                            () -> invoke("dropIndex", new Object[] {"nope"}, NAME_SIGNATURE),
                            "IndexNotFoundException: no index named 'nope'" + known),
                    new Refusal("query with malformed JSON",
                            () -> invoke("query", new Object[] {"byCity", "{not json", 10}, QUERY_SIGNATURE),
                            "malformed bounds JSON: "),
                    new Refusal("explain with malformed JSON",
                            () -> invoke("explain", new Object[] {"{not json"}, NAME_SIGNATURE),
                            "malformed query JSON: "),
                    new Refusal("createIndex with a name in use", () -> invoke("createIndex",
                            new Object[] {"byCity", new String[] {"city"}, false}, CREATE_SIGNATURE),
                            "IndexExistsException: index 'byCity' already exists"),
                    new Refusal("a unique index two documents break", () -> invoke("createIndex",
                            new Object[] {"byCityUnique", new String[] {"city"}, true}, CREATE_SIGNATURE),
                            "UniqueConstraintException: unique index 'byCityUnique': key "));

            for (Refusal refusal : refusals) {
                String what = refusal.what();
                Throwable thrown = catchThrowable(refusal.call());
                assertThat(thrown).as(what).isExactlyInstanceOf(RuntimeMBeanException.class);
                assertJdkTypes(thrown, what);
                Throwable target = ((RuntimeMBeanException) thrown).getTargetException();
                assertThat(target).as(what).isExactlyInstanceOf(IllegalArgumentException.class)
                        .hasMessageStartingWith(refusal.message()).hasNoCause();
                assertThat(thrown.getMessage()).as(what).isEqualTo(target.toString());
                assertThat(connection.getAttribute(DOCUMENTS, "DocumentCount")).as("documents after " + what)
                        .isEqualTo((long) RemoteCacheHost.DOCUMENTS);
                assertThat(connection.getAttribute(DOCUMENTS, "EstimatedIndexBytes")).as("index bytes after " + what)
                        .isEqualTo(indexBytes);
                assertThat(catchThrowable(() -> invoke("dropIndex", new Object[] {"byCityUnique"},
                        NAME_SIGNATURE))).as("the indexes after " + what).isInstanceOf(RuntimeMBeanException.class)
                        .hasMessageEndingWith(known);
                indexTables.add(connection.getAttribute(DOCUMENTS, "Indexes"));
            }

            invoke("dropIndex", new Object[] {"byCity"}, NAME_SIGNATURE);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received).hasSize(2));
            assertThat(received).extracting(Notification::getType)
                    .as("no notification for a refused change; they arrive in order")
                    .containsExactly("dev.docstore.index.created", "dev.docstore.index.dropped");
        } finally {
            connection.removeNotificationListener(DOCUMENTS, listener);
            dropQuietly("byCity");
        }
        assertThat(indexTables).as("the Indexes attribute before and after each refusal").allSatisfy(
                table -> assertThat(rowNames(table(table, "Indexes"))).containsExactly("byCity"));
    }

    @Test
    void anExportTravelsInChunksIntoAnImportOverTheConnector() throws Exception {
        CompositeData started = (CompositeData) connection.invoke(DOCUMENTS, "beginExport", new Object[0],
                new String[0]);
        assertJdkTypes(started, "beginExport");
        String export = (String) started.get("id");
        long bytes = (Long) started.get("bytes");
        assertThat(started.get("documents")).isEqualTo((long) RemoteCacheHost.DOCUMENTS);
        String upload = (String) connection.invoke(IMPORT_DOCUMENTS, "beginImport", new Object[0], new String[0]);
        byte[] first = readExport(export, 0);
        String header = new String(first, 0, indexOf(first, (byte) '\n') + 1, StandardCharsets.UTF_8);
        long offset = 0;
        for (byte[] chunk = first; chunk.length > 0; chunk = readExport(export, offset)) {
            connection.invoke(IMPORT_DOCUMENTS, "appendImport", new Object[] {upload, chunk}, APPEND_SIGNATURE);
            offset += chunk.length;
        }
        assertThat(offset).isEqualTo(bytes);
        connection.invoke(DOCUMENTS, "endExport", new Object[] {export}, NAME_SIGNATURE);

        CompositeData report = (CompositeData) connection.invoke(IMPORT_DOCUMENTS, "finishImport",
                new Object[] {upload, "ALL_OR_NOTHING"}, FINISH_SIGNATURE);

        assertJdkTypes(report, "finishImport");
        assertThat(report.get("imported")).isEqualTo((long) RemoteCacheHost.DOCUMENTS);
        assertThat((CompositeData[]) report.get("skipped")).isEmpty();
        assertThat(connection.getAttribute(IMPORT_DOCUMENTS, "DocumentCount"))
                .isEqualTo((long) RemoteCacheHost.DOCUMENTS);

        String malformed = header + "{\"key\": \"x\", \"value\": {not json}}\n{\"end\": {\"documents\": 1}}\n";
        String bad = (String) connection.invoke(IMPORT_DOCUMENTS, "beginImport", new Object[0], new String[0]);
        connection.invoke(IMPORT_DOCUMENTS, "appendImport",
                new Object[] {bad, malformed.getBytes(StandardCharsets.UTF_8)}, APPEND_SIGNATURE);
        List<Refusal> refusals = List.of(
                new Refusal("a bad mode", () -> connection.invoke(IMPORT_DOCUMENTS, "finishImport",
                        new Object[] {bad, "SOME"}, FINISH_SIGNATURE), "unknown import mode 'SOME'"),
                new Refusal("a malformed line", () -> connection.invoke(IMPORT_DOCUMENTS, "finishImport",
                        new Object[] {bad, "ALL_OR_NOTHING"}, FINISH_SIGNATURE),
                        "ImportException: cannot import the uploaded file: line 2: malformed JSON"),
                new Refusal("an ended export", () -> readExport(export, 0),
                        "no export with id '" + export + "' is open on this cache"),
                new Refusal("an unknown import", () -> connection.invoke(IMPORT_DOCUMENTS, "abortImport",
                        new Object[] {"nope"}, NAME_SIGNATURE), "no import with id 'nope'"));
        for (Refusal refusal : refusals) {
            Throwable thrown = catchThrowable(refusal.call());
            assertThat(thrown).as(refusal.what()).isExactlyInstanceOf(RuntimeMBeanException.class);
            assertJdkTypes(thrown, refusal.what());
            assertThat(((RuntimeMBeanException) thrown).getTargetException()).as(refusal.what())
                    .isExactlyInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(refusal.message())
                    .hasNoCause();
        }
        assertThat(connection.getAttribute(IMPORT_DOCUMENTS, "DocumentCount")).as("the refused import changed nothing")
                .isEqualTo((long) RemoteCacheHost.DOCUMENTS);
    }

    private static byte[] readExport(String id, long offset) throws Exception {
        return (byte[]) connection.invoke(DOCUMENTS, "readExport", new Object[] {id, offset, 1 << 20},
                READ_SIGNATURE);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new AssertionError("no line end in the first chunk");
    }

    /** A call that must be refused, and the start of the message its refusal must have. */
    private record Refusal(String what, ThrowingCallable call, String message) {
    }

    private static Object invoke(String operation, Object[] parameters, String[] signature) throws Exception {
        return connection.invoke(DOCUMENTS, operation, parameters, signature);
    }

    /** Drops an index a failed test may have left, so the other tests see the cache as it began. */
    private static void dropQuietly(String index) throws Exception {
        try {
            invoke("dropIndex", new Object[] {index}, NAME_SIGNATURE);
        } catch (RuntimeMBeanException notThere) {
            // dropped already, as it should be
        }
    }

    /** {@code value} as a table, failing clearly if it is not one. */
    static TabularData table(Object value, String attribute) {
        if (value instanceof TabularData table) {
            return table;
        }
        String type = value instanceof CompositeData row ? " of open type " + row.getCompositeType().getTypeName()
                + " with items " + row.getCompositeType().keySet() : "";
        return fail("the %s attribute should be an open-type table (TabularData), but a client gets a %s%s",
                attribute, value == null ? null : value.getClass().getName(), type);
    }

    /** The {@code name} items of a table's rows, sorted. */
    static Set<String> rowNames(TabularData table) {
        Set<String> names = new TreeSet<>();
        for (Object row : table.values()) {
            names.add((String) ((CompositeData) row).get("name"));
        }
        return names;
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aClientWithOnlyTheJdkReadsEveryAttributeAndInvokesEveryOperation(@TempDir Path clientDir)
            throws Exception {
        Path source = Path.of(RemoteJmxTest.class.getResource("JdkOnlyJmxClient.java").toURI());
        Path emptyClassPath = Files.createDirectory(clientDir.resolve("empty"));
        Path output = clientDir.resolve("client-output.txt");
        ProcessBuilder builder = new ProcessBuilder(java(), "-cp", emptyClassPath.toString(), source.toString(),
                Integer.toString(child.port()), USER, PASSWORD, DOCUMENTS.toString(), MANAGER.toString(),
                STATISTICS.toString(), CONFIGURATION.toString(), SCRATCH_DOCUMENTS.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().remove("CLASSPATH");
        builder.environment().remove("JDK_JAVA_OPTIONS");
        Process client = builder.start();
        boolean exited;
        try {
            client.getOutputStream().close();
            exited = client.waitFor(40, TimeUnit.SECONDS);
        } finally {
            client.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(output);
        String transcript = String.join(System.lineSeparator(), lines);
        assertThat(exited).as("the client finished in time:%n%s", transcript).isTrue();
        assertThat(client.exitValue()).as("the client's status:%n%s", transcript).isZero();
        assertThat(lines).as(transcript).noneMatch(line -> line.startsWith("UNEXPECTED"));

        assertThat(lines).contains("class path: [" + emptyClassPath + "]",
                "attribute DocumentCache.DocumentCount = 100000 (java.lang.Long)",
                "attribute DocumentCache.Name = " + CACHE + " (java.lang.String)",
                "attribute CacheStatistics.CachePuts = 100000 (java.lang.Long)",
                "attribute CacheConfiguration.KeyType = java.lang.String (java.lang.String)",
                "after clear: DocumentCount = 0 (java.lang.Long)");
        assertThat(lines).anyMatch(line -> line.startsWith("operation createIndex = index 'byName' on [name]"));
        assertThat(lines).anyMatch(line -> line.startsWith("operation query = {"));
        assertThat(lines).anyMatch(line -> line.startsWith("operation rebuildIndex = index 'byName' on [name]"));
        assertThat(lines).contains("operation dropIndex = null", "operation clear = null");

        Map<String, String> errors = new HashMap<>();
        Set<String> afterwards = new HashSet<>();
        for (String line : lines) {
            if (line.startsWith("error ")) {
                String[] parts = line.substring("error ".length()).split(" -> ", 2);
                errors.put(parts[0], parts[1]);
            } else if (line.startsWith("after ") && !line.startsWith("after clear")) {
                afterwards.add(line.substring(line.indexOf(':') + 1));
            }
        }
        String iae = "javax.management.RuntimeMBeanException: java.lang.IllegalArgumentException: ";
        String unknown = "IndexNotFoundException: no index named 'nope'; the indexes are: [byName]";
        assertThat(errors).hasSize(12);
        assertThat(errors.get("query-unknown-index")).startsWith(iae + unknown);
        assertThat(errors.get("drop-unknown-index")).startsWith(iae + unknown);
        assertThat(errors.get("rebuild-unknown-index")).startsWith(iae + unknown);
        assertThat(errors.get("query-malformed-json"))
                .startsWith(iae + "malformed bounds JSON");
        assertThat(errors.get("find-malformed-json"))
                .startsWith(iae + "malformed query JSON");
        assertThat(errors.get("explain-malformed-json"))
                .startsWith(iae + "malformed query JSON");
        assertThat(errors.get("query-unknown-field"))
                .startsWith(iae + "unknown field 'colour' in the bounds JSON");
        assertThat(errors.get("find-wrong-operator"))
                .startsWith(iae + "unknown operator 'like'");
        assertThat(errors.get("query-negative-limit"))
                .startsWith(iae + "limit must be from 0 to 1000");
        assertThat(errors.get("create-duplicate-name"))
                .startsWith(iae + "IndexExistsException: index 'byName' already exists");
        assertThat(errors.get("create-unique-violation"))
                .startsWith(iae + "UniqueConstraintException: unique index 'byCityUnique'");
        assertThat(errors.get("create-no-paths")).startsWith(iae + "EmptyIndexException");
        assertThat(errors.values()).allSatisfy(error -> assertThat(error)
                .as("the exception, then its target with the same message, and nothing else")
                .matches("javax\\.management\\.RuntimeMBeanException: (java\\.lang\\.IllegalArgumentException: .*)"
                        + " <- \\1"));
        assertThat(afterwards).as("every refusal left the documents as they were")
                .allSatisfy(line -> assertThat(line).endsWith(" documents=10"));

        List<String> notifications = lines.stream().filter(line -> line.startsWith("notification ")).toList();
        assertThat(notifications).hasSize(3);
        assertThat(notifications.get(0)).startsWith("notification dev.docstore.index.created #1 source="
                + SCRATCH_DOCUMENTS + " message=index 'byName' created on cache 'scratch'");
        assertThat(notifications.get(1)).startsWith("notification dev.docstore.index.rebuilt #2");
        assertThat(notifications.get(2)).startsWith("notification dev.docstore.index.dropped #3");

        // the tables last: what a JDK-only client sees of them
        assertThat(lines).filteredOn(line -> line.startsWith("attribute CacheManager.Caches = ")).singleElement()
                .asString().as("the Caches attribute as a JDK-only client reads it")
                .startsWith("attribute CacheManager.Caches = dev.docstore.Caches rows=3 ")
                .contains("name=" + CACHE + " (java.lang.String)", "name=" + SCRATCH + " (java.lang.String)",
                        "documents=100000 (java.lang.Long)", "keyType=java.lang.String (java.lang.String)");
        assertThat(lines).filteredOn(line -> line.startsWith("attribute DocumentCache.Indexes = ")).hasSize(2)
                .last().asString().as("the scratch cache's Indexes attribute as a JDK-only client reads it")
                .startsWith("attribute DocumentCache.Indexes = dev.docstore.Indexes rows=1 ")
                .contains("name=byName (java.lang.String)", "paths=[name] (String[])",
                        "unique=false (java.lang.Boolean)", "entries=10 (java.lang.Long)");
        assertThat(afterwards).as("every refusal left the indexes as they were")
                .containsExactly(" indexes=[byName] documents=10");
    }

    private static Map<String, Object> attributes(ObjectName bean, String... names) throws Exception {
        Map<String, Object> values = new HashMap<>();
        for (String name : names) {
            values.put(name, connection.getAttribute(bean, name));
        }
        return values;
    }

    /** Reads every attribute the bean declares with a plain call and checks that only JDK types come back. */
    private static void assertEveryAttributeHasJdkTypes(ObjectName bean) throws Exception {
        MBeanAttributeInfo[] declared = connection.getMBeanInfo(bean).getAttributes();
        assertThat(declared).isNotEmpty();
        for (MBeanAttributeInfo attribute : declared) {
            assertThat(attribute.isReadable()).isTrue();
            assertJdkTypes(connection.getAttribute(bean, attribute.getName()), bean + " " + attribute.getName());
        }
    }

    /** Checks that {@code value}, and everything in it, is of a type of the JDK's own modules. */
    static void assertJdkTypes(Object value, String what) {
        if (value == null) {
            return;
        }
        assertThat(isJdkType(value.getClass())).as("%s is a %s", what, value.getClass().getName()).isTrue();
        if (value instanceof CompositeData row) {
            for (String key : row.getCompositeType().keySet()) {
                assertJdkTypes(row.get(key), what + "." + key);
            }
        } else if (value instanceof TabularData table) {
            for (Object row : table.values()) {
                assertJdkTypes(row, what + " row");
            }
        } else if (value instanceof Object[] array) {
            for (Object element : array) {
                assertJdkTypes(element, what + " element");
            }
        } else if (value instanceof Throwable thrown && thrown.getCause() != null && thrown.getCause() != thrown) {
            assertJdkTypes(thrown.getCause(), what + " cause");
        }
    }

    private static boolean isJdkType(Class<?> type) {
        Class<?> element = type;
        while (element.isArray()) {
            element = element.getComponentType();
        }
        Module module = element.getModule();
        return element.isPrimitive() || module.isNamed() && module.getLayer() == ModuleLayer.boot()
                && (module.getName().startsWith("java.") || module.getName().startsWith("jdk."));
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The child JVM: its process, port, stdout (read by a daemon thread) and stderr (a file). */
    private static final class Child {
        private static final int ATTEMPTS = 3;

        private final Process process;
        private final int port;
        private final Path stderr;
        private final List<String> stdout = new CopyOnWriteArrayList<>();
        private final CompletableFuture<Void> ready = new CompletableFuture<>();

        private Child(Process process, int port, Path stderr) {
            this.process = process;
            this.port = port;
            this.stderr = stderr;
        }

        /** Starts the child and waits for READY; tries another port if the one found was taken meanwhile. */
        static Child start(Path dir) throws Exception {
            Path passwords = dir.resolve("jmxremote.password");
            Files.writeString(passwords, USER + " " + PASSWORD + System.lineSeparator());
            Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
            Path access = dir.resolve("jmxremote.access");
            Files.writeString(access, USER + " readwrite" + System.lineSeparator());
            for (int attempt = 1; ; attempt++) {
                int port = freePort();
                Path stderr = dir.resolve("child-" + attempt + ".stderr");
                List<String> command = List.of(java(), "-Xmx512m", "-XX:+UseSerialGC",
                        "-Dcom.sun.management.jmxremote.port=" + port,
                        "-Dcom.sun.management.jmxremote.rmi.port=" + port,
                        // JDK 17 binds the registry and the connector to this address and puts it in the stubs,
                        // so java.rmi.server.hostname is not needed
                        "-Dcom.sun.management.jmxremote.host=127.0.0.1",
                        "-Dcom.sun.management.jmxremote.authenticate=true",
                        "-Dcom.sun.management.jmxremote.ssl=false",
                        "-Dcom.sun.management.jmxremote.registry.ssl=false",
                        "-Dcom.sun.management.jmxremote.password.file=" + passwords,
                        "-Dcom.sun.management.jmxremote.access.file=" + access,
                        "-cp", System.getProperty("java.class.path"),
                        RemoteCacheHost.class.getName(), MANAGER_URI.toString(), CACHE, SCRATCH, IMPORTS);
                ProcessBuilder builder = new ProcessBuilder(command).redirectError(stderr.toFile());
                builder.environment().remove("JDK_JAVA_OPTIONS");
                builder.environment().remove("JAVA_TOOL_OPTIONS");
                Child started = new Child(builder.start(), port, stderr);
                started.readStdout();
                try {
                    started.ready.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    return started;
                } catch (InterruptedException | RuntimeException e) {
                    started.process.destroyForcibly();
                    throw e;
                } catch (ExecutionException | TimeoutException e) {
                    started.stop();
                    String errors = started.stderr();
                    boolean portTaken = errors.contains("Port already in use") || errors.contains("BindException");
                    if (!portTaken || attempt == ATTEMPTS) {
                        throw new AssertionError("the child JVM did not become ready (" + e + "); stdout: "
                                + started.stdout + System.lineSeparator() + "stderr:" + System.lineSeparator()
                                + errors, e);
                    }
                }
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
                return socket.getLocalPort();
            }
        }

        private void readStdout() {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = process.inputReader()) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        stdout.add(line);
                        if (line.equals(RemoteCacheHost.READY)) {
                            ready.complete(null);
                        }
                    }
                    ready.completeExceptionally(new IllegalStateException("the child's stdout ended before "
                            + RemoteCacheHost.READY));
                } catch (IOException e) {
                    ready.completeExceptionally(e);
                }
            }, "remote-cache-host-stdout");
            reader.setDaemon(true);
            reader.start();
        }

        int port() {
            return port;
        }

        JMXServiceURL url() {
            try {
                return new JMXServiceURL("service:jmx:rmi:///jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }

        String stderr() {
            try {
                return Files.readString(stderr);
            } catch (IOException e) {
                return "(unreadable: " + e + ")";
            }
        }

        /** Closes the child's stdin (it then exits), waits, and kills it if it has not; returns its exit status. */
        int stop() throws InterruptedException {
            try {
                process.getOutputStream().close();
            } catch (IOException alreadyGone) {
                // the pipe is closed already: the child has exited or is exiting
            }
            try {
                if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                    return -1;
                }
                return process.exitValue();
            } finally {
                process.destroyForcibly();
            }
        }
    }
}
