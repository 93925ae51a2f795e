package dev.docstore.console.web;

import static dev.docstore.console.testing.ConsoleHarness.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docstore.console.jmx.CacheRef;
import dev.docstore.console.jmx.TargetSession;
import dev.docstore.console.testing.ConsoleHarness;
import dev.docstore.console.testing.TestCaches;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreConfiguration;
import java.lang.management.ManagementFactory;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.StreamSupport;
import javax.cache.Cache;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The JSON API against docstore caches in this JVM: what it lists and describes, index administration checked
 * through the cache itself, query paging against a brute-force filter of the cache's documents, the notification
 * feed, and the statistics series computed from counters the test drives between samples taken at times it sets.
 */
@Timeout(120)
class ApiRoutesTest {
    private static final long SEED = 0x5eed_2026L;
    private static final String[] CITIES = {"Lisbon", "Porto", "Paris", "Berlin", "Oslo"};
    private static final int DOCUMENTS = 1_000;

    private final TestCaches caches = new TestCaches();
    private ConsoleHarness harness;
    private Cache<String, Map<String, Object>> cache;
    private String manager;

    @BeforeEach
    void connectToACacheOfThisJvm() {
        cache = caches.create("orders<script>");
        manager = TestCaches.manager(cache);
        SplittableRandom random = new SplittableRandom(SEED);
        Map<String, Map<String, Object>> documents = new LinkedHashMap<>();
        for (int i = 0; i < DOCUMENTS; i++) {
            documents.put(String.format("d-%04d", i), Map.of("city", CITIES[random.nextInt(CITIES.length)],
                    "amount", random.nextInt(1_000)));
        }
        cache.putAll(documents);
        harness = new ConsoleHarness();
        harness.console.useThisJvm("the test JVM");
        // connecting ticks: the feed follows the cache and the sampler has its first sample (two, when the tick the
        // console schedules at start ran late, after the connection)
        await().atMost(Duration.ofSeconds(60)).until(() -> !session().sampler().history(ref()).isEmpty());
    }

    @AfterEach
    void closeAll() {
        if (harness != null) {
            harness.close();
        }
        caches.close();
    }

    private TargetSession session() {
        return harness.console.session().orElseThrow();
    }

    private CacheRef ref() {
        return new CacheRef(manager, cache.getName());
    }

    private String refQuery() {
        return "manager=" + URLEncoder.encode(manager, StandardCharsets.UTF_8) + "&cache="
                + URLEncoder.encode(cache.getName(), StandardCharsets.UTF_8);
    }

    private Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("manager", manager);
        body.put("cache", cache.getName());
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    private List<IndexInfo> indexes() {
        return TestCaches.documents(cache).indexes();
    }

    @Test
    void cachesListsTheCacheWithItsConfigurationAndFigures() {
        JsonNode listed = StreamSupport.stream(harness.getJson("/api/caches").spliterator(), false)
                .filter(node -> manager.equals(node.path("manager").asText())).findFirst().orElseThrow();
        assertThat(listed.get("name").asText()).isEqualTo("orders<script>");
        assertThat(listed.get("docstore").asBoolean()).isTrue();
        assertThat(listed.get("statistics").asBoolean()).isTrue();
        assertThat(listed.at("/configuration/StatisticsEnabled").asBoolean()).isTrue();
        assertThat(listed.at("/configuration/ManagementEnabled").asBoolean()).isTrue();
        assertThat(listed.at("/configuration/KeyType").asText()).isEqualTo(String.class.getName());
        assertThat(listed.at("/figures/DocumentCount").asLong()).isEqualTo(DOCUMENTS);
        assertThat(listed.get("indexCount").asInt()).isZero();
    }

    @Test
    void cachesWhoseNamesTheSpecEscapesAlikeAreBothListed() {
        Cache<String, Map<String, Object>> colon = caches.create("eu:orders");
        colon.getCacheManager().createCache("eu.orders", TestCaches.managed());
        String colonManager = TestCaches.manager(colon);
        List<String> listed = new ArrayList<>();
        harness.getJson("/api/caches").forEach(cache -> {
            if (colonManager.equals(cache.get("manager").asText())) {
                listed.add(cache.get("name").asText());
            }
        });
        assertThat(listed).containsExactly("eu.orders", "eu:orders");
        harness.clock.addAndGet(1_000);
        session().sampler().sample();
        assertThat(session().sampler().history(new CacheRef(colonManager, "eu.orders"))).isNotEmpty();
        assertThat(session().sampler().history(new CacheRef(colonManager, "eu:orders"))).isNotEmpty();
    }

    @Test
    void indexCreateRebuildAndDropChangeTheCache() {
        JsonNode created = harness.postJson("/api/index/create", body("name", "byCity", "paths", List.of("city")));
        assertThat(created.get("summary").asText()).contains("byCity", String.valueOf(DOCUMENTS));
        assertThat(indexes()).singleElement().satisfies(index -> {
            assertThat(index.name()).isEqualTo("byCity");
            assertThat(index.paths()).containsExactly("city");
            assertThat(index.unique()).isFalse();
            assertThat(index.entries()).isEqualTo(DOCUMENTS);
        });
        JsonNode described = harness.getJson("/api/cache?" + refQuery());
        assertThat(described.get("indexCount").asInt()).isEqualTo(1);
        assertThat(described.get("indexes")).singleElement().satisfies(index -> {
            assertThat(index.get("name").asText()).isEqualTo("byCity");
            assertThat(index.get("entries").asLong()).isEqualTo(DOCUMENTS);
            assertThat(index.get("distinctKeys").asLong()).isEqualTo(CITIES.length);
        });

        JsonNode rebuilt = harness.postJson("/api/index/rebuild", body("name", "byCity"));
        assertThat(rebuilt.get("summary").asText()).contains("byCity");
        assertThat(indexes()).extracting(IndexInfo::name).containsExactly("byCity");

        harness.postJson("/api/index/drop", body("name", "byCity"));
        assertThat(indexes()).isEmpty();
        assertThat(harness.getJson("/api/cache?" + refQuery()).get("indexes")).isEmpty();
    }

    @Test
    void aDuplicateIndexNameIsRefusedWithTheStoresMessageAndChangesNothing() {
        harness.postJson("/api/index/create", body("name", "byCity", "paths", List.of("city")));
        HttpResponse<String> duplicate = harness.post("/api/index/create",
                body("name", "byCity", "paths", List.of("amount"), "unique", true));
        assertThat(duplicate.statusCode()).isEqualTo(400);
        assertThat(error(duplicate)).contains("byCity").containsIgnoringCase("exists");
        assertThat(indexes()).singleElement().satisfies(index -> {
            assertThat(index.paths()).containsExactly("city");
            assertThat(index.unique()).isFalse();
        });
    }

    @Test
    void aCacheTheTargetDoesNotManageIs404OnItsPageAndItsStatistics() {
        for (String route : List.of("/api/cache", "/api/stats")) {
            HttpResponse<String> unknown = harness.get(route + "?manager=urn:nope&cache=nowhere");
            assertThat(unknown.statusCode()).as(route).isEqualTo(404);
            assertThat(error(unknown)).as(route).contains("'nowhere'", "urn:nope");
            HttpResponse<String> otherManager = harness.get(route + "?manager=urn:nope&cache="
                    + URLEncoder.encode(cache.getName(), StandardCharsets.UTF_8));
            assertThat(otherManager.statusCode()).as("%s of a known name under another manager", route)
                    .isEqualTo(404);
        }
        assertThat(harness.get("/api/stats?" + refQuery()).statusCode()).isEqualTo(200);
    }

    @Test
    void anUnknownCacheOrIndexIsRefused400WhenChanged() {
        Map<String, Object> unknownCache = body("name", "byCity", "paths", List.of("city"));
        unknownCache.put("cache", "nope");
        HttpResponse<String> create = harness.post("/api/index/create", unknownCache);
        assertThat(create.statusCode()).isEqualTo(400);
        assertThat(error(create)).contains("'nope'");
        HttpResponse<String> drop = harness.post("/api/index/drop", body("name", "nope"));
        assertThat(drop.statusCode()).isEqualTo(400);
        assertThat(error(drop)).contains("nope");
        assertThat(harness.get("/api/cache?manager=x").statusCode()).as("missing cache parameter").isEqualTo(400);
        assertThat(harness.post("/api/index/create", body("name", "byCity", "paths", List.of())).statusCode())
                .isEqualTo(400);
        assertThat(indexes()).isEmpty();
    }

    @Test
    void queryPagesConcatenatedEqualABruteForceFilterOfTheDocuments() {
        harness.postJson("/api/index/create", body("name", "byAmount", "paths", List.of("amount")));
        harness.postJson("/api/index/create", body("name", "byCity", "paths", List.of("city")));
        SplittableRandom random = new SplittableRandom(SEED + 1);
        for (int round = 0; round < 5; round++) {
            int min = random.nextInt(1_000);
            int max = min + random.nextInt(400);
            int limit = 1 + random.nextInt(60);
            List<String> expected = bruteForce(document -> {
                int amount = ((Number) document.get("amount")).intValue();
                return amount >= min && amount < max;
            }, Comparator.comparingInt(entry -> ((Number) entry.getValue().get("amount")).intValue()));
            assertThat(pages("byAmount", Map.of("min", List.of(min), "max", List.of(max)), limit, expected.size()))
                    .as("amounts from %d below %d, pages of %d (seed %d)", min, max, limit, SEED)
                    .containsExactlyElementsOf(expected);
        }
        String city = CITIES[random.nextInt(CITIES.length)];
        List<String> inCity = bruteForce(document -> city.equals(document.get("city")),
                Comparator.comparing(entry -> 0));
        assertThat(pages("byCity", Map.of("eq", List.of(city)), 37, inCity.size()))
                .as("orders in %s (seed %d)", city, SEED).containsExactlyElementsOf(inCity);
    }

    @Test
    void aBodyWithAnythingAfterItsObjectIsRefusedAndChangesNothing() {
        String create = "{\"manager\": \"" + manager + "\", \"cache\": \"orders<script>\", \"name\": \"byCity\", "
                + "\"paths\": [\"city\"]}";
        for (String trailing : List.of(" x", " {}", "]", " \"more\"", ",")) {
            HttpResponse<String> refused = harness.post("/api/index/create", create + trailing);
            assertThat(refused.statusCode()).as("a body ending in '%s'", trailing).isEqualTo(400);
            assertThat(error(refused)).as("a body ending in '%s'", trailing).startsWith("malformed JSON: ");
        }
        assertThat(indexes()).isEmpty();
        assertThat(harness.post("/api/index/create", create + " \n").statusCode()).as("white space after it")
                .isEqualTo(200);
    }

    @Test
    void indexCreationRefusesUnknownFieldsAndAUniqueThatIsNotABoolean() {
        Map<String, Object> misspelt = body("name", "byCity", "paths", List.of("city"), "Unique", true);
        HttpResponse<String> unknown = harness.post("/api/index/create", misspelt);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(error(unknown)).contains("unknown field 'Unique'", "unique");
        for (Object notABoolean : List.of("true", 1, 0, "false", List.of(true), Map.of())) {
            HttpResponse<String> refused = harness.post("/api/index/create", body("name", "byCity", "paths",
                    List.of("city"), "unique", notABoolean));
            assertThat(refused.statusCode()).as("unique: %s", notABoolean).isEqualTo(400);
            assertThat(error(refused)).as("unique: %s", notABoolean).contains("'unique'", "true or false");
        }
        assertThat(indexes()).isEmpty();
        harness.postJson("/api/index/create", body("name", "byCity", "paths", List.of("city"), "unique", false));
        assertThat(indexes()).singleElement().satisfies(index -> assertThat(index.unique()).isFalse());
    }

    @Test
    void everyChangeRefusesAFieldItDoesNotTake() {
        harness.postJson("/api/index/create", body("name", "byCity", "paths", List.of("city")));
        // each route's body, valid but for one field the route does not take, named last
        Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("self", true);
        connect.put("target", "x");
        bodies.put("/api/connect", connect);
        bodies.put("/api/disconnect", new LinkedHashMap<>(Map.of("force", true)));
        bodies.put("/api/index/create", body("name", "byAmount", "paths", List.of("amount"), "sparse", true));
        bodies.put("/api/index/drop", body("name", "byCity", "ifExists", true));
        bodies.put("/api/index/rebuild", body("name", "byCity", "Name", "byCity"));
        bodies.put("/api/query", body("index", "byCity", "bounds", Map.of("eq", List.of("Oslo")), "limits", 5));
        bodies.put("/api/bound/set", body("maximum", 10, "kind", "size"));
        TargetSession before = session();
        bodies.forEach((route, body) -> {
            List<String> fields = new ArrayList<>(body.keySet());
            String extra = fields.get(fields.size() - 1);
            HttpResponse<String> refused = harness.post(route, body);
            assertThat(refused.statusCode()).as("%s with '%s'", route, extra).isEqualTo(400);
            assertThat(error(refused)).as(route).contains("unknown field '" + extra + "'");
        });
        assertThat(indexes()).extracting(IndexInfo::name).containsExactly("byCity");
        assertThat(harness.post("/api/connect", Map.of("self", "yes")).statusCode()).isEqualTo(400);
        assertThat(harness.post("/api/connect", Map.of("self", true, "pid", 1)).statusCode())
                .as("two targets at once").isEqualTo(400);
        assertThat(harness.post("/api/connect", Map.of("self", true, "user", "ops")).statusCode())
                .as("credentials without a URL").isEqualTo(400);
        assertThat(harness.console.session()).as("still connected as before").containsSame(before);
    }

    /** A bounded cache of this test's manager, full to its bound of {@code maximum} entries. */
    private Cache<String, Map<String, Object>> boundedCache(String name, int maximum) {
        Cache<String, Map<String, Object>> bounded = cache.getCacheManager().createCache(name,
                TestCaches.managed().setMaximumSize(maximum));
        for (int i = 0; i < maximum; i++) {
            bounded.put("b-" + i, Map.of("i", i));
        }
        return bounded;
    }

    private Map<String, Object> boundBody(String cacheName, Object maximum) {
        Map<String, Object> body = body("maximum", maximum);
        body.put("cache", cacheName);
        return body;
    }

    /** The maximum size the cache's configuration reports. */
    @SuppressWarnings("unchecked") // getConfiguration can only name the raw class; the cache's has its types
    private static long maximumSize(Cache<String, Map<String, Object>> cache) {
        return cache.getConfiguration(DocstoreConfiguration.class).getMaximumSize().orElseThrow();
    }

    @Test
    void aCachesPageShowsItsBoundAndSettingTheMaximumEvictsDownToIt() {
        Cache<String, Map<String, Object>> bounded = boundedCache("bounded", 50);
        JsonNode page = harness.getJson("/api/cache?manager=" + URLEncoder.encode(manager, StandardCharsets.UTF_8)
                + "&cache=bounded");
        assertThat(page.at("/bound/kind").asText()).isEqualTo("size");
        assertThat(page.at("/bound/maximum").asLong()).isEqualTo(50);
        assertThat(page.at("/bound/weightedSize").asLong()).isEqualTo(50);

        JsonNode after = harness.postJson("/api/bound/set", boundBody("bounded", 20));

        assertThat(after.get("kind").asText()).isEqualTo("size");
        assertThat(after.get("maximum").asLong()).isEqualTo(20);
        assertThat(after.get("weightedSize").asLong()).as("evicted before the answer").isEqualTo(20);
        assertThat(TestCaches.documents(bounded).figures().documents()).isEqualTo(20);
        assertThat(maximumSize(bounded)).isEqualTo(20);
        assertThat(bounded.unwrap(DocstoreCache.class).statistics().getCacheEvictions()).isEqualTo(30);
    }

    @Test
    void anUnboundedCacheShowsNoBoundAndRefusesOneWithTheTargetsReason() {
        JsonNode page = harness.getJson("/api/cache?" + refQuery());
        assertThat(page.at("/bound/kind").asText()).isEqualTo("none");
        assertThat(page.at("/bound/maximum").asLong()).isZero();

        HttpResponse<String> refused = harness.post("/api/bound/set", body("maximum", 10));

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).contains("has no bound", "from its creation");
        assertThat(TestCaches.documents(cache).evictionBound()).isEmpty();
        assertThat(TestCaches.documents(cache).figures().documents()).isEqualTo(DOCUMENTS);
    }

    @Test
    void aMaximumThatIsNotAPositiveWholeNumberIsRefusedAndChangesNothing() {
        Cache<String, Map<String, Object>> bounded = boundedCache("bounded", 10);
        List<Object> wrong = new ArrayList<>(List.of(0, -1, 2.5, "10", true, List.of(10), Map.of(),
                new BigInteger("100000000000000000000")));
        wrong.add(null);
        for (Object maximum : wrong) {
            HttpResponse<String> refused = harness.post("/api/bound/set", boundBody("bounded", maximum));
            assertThat(refused.statusCode()).as("maximum %s", maximum).isEqualTo(400);
            assertThat(error(refused)).as("maximum %s", maximum).contains("'maximum' must be a whole number");
        }
        Map<String, Object> missing = boundBody("bounded", 1);
        missing.remove("maximum");
        assertThat(harness.post("/api/bound/set", missing).statusCode()).isEqualTo(400);
        assertThat(maximumSize(bounded)).isEqualTo(10);
        assertThat(TestCaches.documents(bounded).figures().documents()).isEqualTo(10);
    }

    @Test
    void settingTheBoundNeedsTheTokenAndTheCsrfTokenAndIsAPost() throws Exception {
        Cache<String, Map<String, Object>> bounded = boundedCache("bounded", 10);
        String json = ConsoleHarness.JSON.writeValueAsString(boundBody("bounded", 2));
        HttpResponse<String> noCsrf = harness.send(harness.authorized("/api/bound/set")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> noToken = harness.send(harness.request("/api/bound/set")
                .header("Content-Type", "application/json").header("X-CSRF-Token", harness.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        assertThat(noToken.statusCode()).isEqualTo(401);
        HttpResponse<String> get = harness.get("/api/bound/set?manager=x&cache=bounded&maximum=2");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(maximumSize(bounded)).isEqualTo(10);
        assertThat(TestCaches.documents(bounded).figures().documents()).isEqualTo(10);
    }

    /** The keys of the documents matching {@code filter}, in index order: the indexed value, then the key. */
    private List<String> bruteForce(java.util.function.Predicate<Map<String, Object>> filter,
            Comparator<Cache.Entry<String, Map<String, Object>>> byIndexedValue) {
        List<Cache.Entry<String, Map<String, Object>>> matching = new ArrayList<>();
        for (Cache.Entry<String, Map<String, Object>> entry : cache) {
            if (filter.test(entry.getValue())) {
                matching.add(entry);
            }
        }
        matching.sort(byIndexedValue.thenComparing(Cache.Entry::getKey));
        return matching.stream().map(Cache.Entry::getKey).toList();
    }

    private List<String> pages(String index, Map<String, Object> bounds, int limit, int expectedTotal) {
        List<String> keys = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = harness.postJson("/api/query", body("index", index, "bounds", bounds, "offset", offset,
                    "limit", limit));
            assertThat(page.get("total").asLong()).isEqualTo(expectedTotal);
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            assertThat(page.get("count").asInt()).isEqualTo(page.get("entries").size())
                    .isLessThanOrEqualTo(limit);
            page.get("entries").forEach(entry -> keys.add(entry.get("key").asText()));
            if (page.get("count").asInt() < limit) {
                return keys;
            }
            offset += limit;
        }
    }

    @Test
    void queryLimitsAndBoundsAreChecked() {
        harness.postJson("/api/index/create", body("name", "byAmount", "paths", List.of("amount")));
        Map<String, Object> bounds = Map.of("min", List.of(0));
        HttpResponse<String> tooMany = harness.post("/api/query", body("index", "byAmount", "bounds", bounds,
                "limit", ApiRoutes.MAX_PAGE + 1));
        assertThat(tooMany.statusCode()).isEqualTo(400);
        assertThat(error(tooMany)).contains("limit", String.valueOf(ApiRoutes.MAX_PAGE));
        assertThat(harness.postJson("/api/query", body("index", "byAmount", "bounds", bounds, "limit",
                ApiRoutes.MAX_PAGE)).get("count").asInt()).isEqualTo(ApiRoutes.MAX_PAGE);
        assertThat(harness.post("/api/query", body("index", "byAmount", "bounds", bounds, "offset", -1))
                .statusCode()).isEqualTo(400);
        assertThat(harness.post("/api/query", body("index", "byAmount", "bounds", bounds, "limit", 2.5))
                .statusCode()).isEqualTo(400);
        HttpResponse<String> mixed = harness.post("/api/query", body("index", "byAmount", "bounds",
                Map.of("eq", List.of(1), "min", List.of(2))));
        assertThat(mixed.statusCode()).isEqualTo(400);
        assertThat(error(mixed)).contains("mixes forms");
        assertThat(harness.post("/api/query", body("index", "byAmount", "bounds", List.of(1))).statusCode())
                .isEqualTo(400);
        HttpResponse<String> noIndex = harness.post("/api/query", body("index", "nope", "bounds", bounds));
        assertThat(noIndex.statusCode()).isEqualTo(400);
        assertThat(error(noIndex)).contains("nope");
    }

    @Test
    void notificationsShowCreatedRebuiltAndDroppedInOrder() {
        long before = harness.getJson("/api/notifications").size();
        harness.postJson("/api/index/create", body("name", "byCity", "paths", List.of("city")));
        harness.postJson("/api/index/rebuild", body("name", "byCity"));
        harness.postJson("/api/index/drop", body("name", "byCity"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<JsonNode> ours = new ArrayList<>();
            harness.getJson("/api/notifications").forEach(entry -> {
                if (manager.equals(entry.get("manager").asText())) {
                    ours.add(entry);
                }
            });
            assertThat(ours).extracting(entry -> entry.get("type").asText()).containsExactly(
                    "dev.docstore.index.created", "dev.docstore.index.rebuilt", "dev.docstore.index.dropped");
            assertThat(ours).allSatisfy(entry -> {
                assertThat(entry.get("cache").asText()).isEqualTo("orders<script>");
                assertThat(entry.get("message").asText()).contains("byCity");
            });
        });
        JsonNode all = harness.getJson("/api/notifications");
        long last = all.get(all.size() - 1).get("number").asLong();
        assertThat(last).isEqualTo(before + 3);
        assertThat(harness.getJson("/api/notifications?after=" + (last - 1))).singleElement()
                .satisfies(entry -> assertThat(entry.get("type").asText()).isEqualTo("dev.docstore.index.dropped"));
        assertThat(harness.getJson("/api/notifications?after=" + last)).isEmpty();
        assertThat(harness.get("/api/notifications?after=x").statusCode()).isEqualTo(400);
    }

    @Test
    void statsShowRatesComputedFromTheCounterDeltasBetweenSamples() {
        int initial = session().sampler().history(ref()).size();
        int hits = 30;
        int misses = 10;
        for (int i = 0; i < hits; i++) {
            cache.get(String.format("d-%04d", i));
        }
        for (int i = 0; i < misses; i++) {
            cache.get("absent-" + i);
        }
        harness.clock.addAndGet(1_000);
        session().sampler().sample();

        int puts = 12;
        for (int i = 0; i < puts; i++) {
            cache.put("new-" + i, Map.of("city", "Oslo", "amount", i));
        }
        harness.clock.addAndGet(2_000);
        session().sampler().sample();

        cache.unwrap(DocstoreCache.class).statistics().clear();
        int getsAfterClear = 8;
        for (int i = 0; i < getsAfterClear; i++) {
            cache.get(String.format("d-%04d", i));
        }
        harness.clock.addAndGet(1_000);
        session().sampler().sample();

        JsonNode series = harness.getJson("/api/stats?" + refQuery());
        assertThat(series.get("samples").asInt()).isEqualTo(initial + 3);
        JsonNode allPoints = series.get("points");
        assertThat(allPoints).hasSize(initial + 2);
        List<JsonNode> points = new ArrayList<>();
        allPoints.forEach(points::add);
        points = points.subList(points.size() - 3, points.size());
        JsonNode first = points.get(0);
        assertThat(first.get("millis").asLong()).isEqualTo(1_001_000);
        assertThat(first.get("getsPerSecond").asDouble()).isEqualTo(hits + misses);
        assertThat(first.get("hitRatio").asDouble()).isCloseTo(100.0 * hits / (hits + misses), within(1e-9));
        assertThat(first.get("putsPerSecond").asDouble()).isZero();
        JsonNode second = points.get(1);
        assertThat(second.get("putsPerSecond").asDouble()).isEqualTo(puts / 2.0);
        assertThat(second.get("getsPerSecond").asDouble()).isZero();
        assertThat(second.get("hitRatio").isNull()).as("no gets, no ratio").isTrue();
        assertThat(second.get("documents").asLong()).isEqualTo(DOCUMENTS + puts);
        JsonNode third = points.get(2);
        assertThat(third.get("getsPerSecond").asDouble()).as("after the statistics were cleared")
                .isEqualTo(getsAfterClear);
        assertThat(third.get("hitRatio").asDouble()).isEqualTo(100.0);
        points.forEach(point -> assertThat(List.of(point.get("getsPerSecond").asDouble(),
                point.get("putsPerSecond").asDouble(), point.get("removalsPerSecond").asDouble(),
                point.get("evictionsPerSecond").asDouble())).allSatisfy(rate -> assertThat(rate).isNotNegative()));
        assertThat(series.at("/latest/gets").asLong()).isEqualTo(getsAfterClear);
    }

    @Test
    void withoutAConnectionTheApiAnswers409AndTheSessionSaysSo() {
        assertThat(harness.postJson("/api/disconnect", Map.of()).get("disconnected").asBoolean()).isTrue();
        assertThat(harness.console.session()).isEmpty();
        for (String path : List.of("/api/caches", "/api/cache?" + refQuery(), "/api/stats?" + refQuery(),
                "/api/notifications")) {
            HttpResponse<String> response = harness.get(path);
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(409);
            assertThat(error(response)).contains("not connected");
        }
        assertThat(harness.post("/api/index/create", body("name", "byCity", "paths", List.of("city")))
                .statusCode()).isEqualTo(409);
        assertThat(indexes()).isEmpty();
        assertThat(harness.getJson("/api/session").get("target").isNull()).isTrue();
        assertThat(harness.postJson("/api/connect", Map.of("self", true)).get("description").asText())
                .contains("own");
        assertThat(harness.get("/api/caches").statusCode()).isEqualTo(200);
    }

    /** A bean of docstore's domain and type that is not a docstore cache bean: no name keys, no notifications. */
    public interface StrayMBean {
        String getVersion();
    }

    public static final class Stray implements StrayMBean {
        @Override
        public String getVersion() {
            return "0.0.1";
        }
    }

    @Test
    void aStrayBeanInDocstoresDomainBreaksNeitherListingNorSamplingNorTheFeed() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName stray = new ObjectName("dev.docstore:type=DocumentCache,version=old");
        server.registerMBean(new Stray(), stray);
        try {
            Cache<String, Map<String, Object>> later = caches.create("later");
            int before = session().sampler().history(ref()).size();
            harness.clock.addAndGet(1_000);
            session().tick();
            assertThat(session().sampler().history(ref())).as("sampled on the tick").hasSize(before + 1);

            JsonNode listed = harness.getJson("/api/caches");
            assertThat(listed.findValuesAsText("manager")).contains(manager, TestCaches.manager(later));

            TestCaches.documents(later).createIndex(IndexDefinition.of("byCity", "city"));
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.getJson("/api/notifications")
                    .findValuesAsText("manager").contains(TestCaches.manager(later)));
        } finally {
            server.unregisterMBean(stray);
        }
    }
}
