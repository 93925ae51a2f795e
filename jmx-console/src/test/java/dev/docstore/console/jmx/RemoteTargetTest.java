package dev.docstore.console.jmx;

import static dev.docstore.console.testing.ConsoleHarness.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docstore.console.ConsoleOptions;
import dev.docstore.console.testing.ConsoleHarness;
import dev.docstore.console.testing.TestCaches;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The console connected by JMX service URL, with credentials, to an RMI connector server of this JVM (127.0.0.1,
 * a free port): it works with the right password, refuses a wrong one without ever repeating it, explains bad and
 * unreachable URLs, and when the server goes away says so and keeps serving until it connects again.
 */
@Timeout(90)
class RemoteTargetTest {
    private static final String USER = "operator";
    private static final String PASSWORD = "pw-" + UUID.randomUUID();

    private final TestCaches caches = new TestCaches();
    private final List<HttpResponse<String>> responses = new ArrayList<>();
    private LoopbackJmxServer jmx;
    private ConsoleHarness harness;
    private Cache<String, Map<String, Object>> cache;

    @BeforeEach
    void start() throws IOException {
        cache = caches.create("remote");
        cache.put("k", Map.of("city", "Lisbon"));
        jmx = LoopbackJmxServer.start(USER, PASSWORD);
        harness = new ConsoleHarness();
    }

    @AfterEach
    void stop() throws IOException {
        try {
            harness.close();
            if (jmx != null) {
                jmx.close();
            }
        } finally {
            caches.close();
        }
        assertThat(responses).as("no answer repeats the password").allSatisfy(
                response -> assertThat(response.body()).doesNotContain(PASSWORD));
    }

    private HttpResponse<String> connect(String url, String user, String password) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("url", url);
        if (user != null) {
            body.put("user", user);
        }
        if (password != null) {
            body.put("password", password);
        }
        return record(harness.post("/api/connect", body));
    }

    private HttpResponse<String> get(String path) {
        return record(harness.get(path));
    }

    private HttpResponse<String> record(HttpResponse<String> response) {
        responses.add(response);
        return response;
    }

    private boolean listsOurCache() {
        JsonNode caches = ConsoleHarness.json(ConsoleHarness.ok(get("/api/caches")));
        for (JsonNode listed : caches) {
            if (TestCaches.manager(cache).equals(listed.get("manager").asText())) {
                return listed.at("/figures/DocumentCount").asLong() == 1;
            }
        }
        return false;
    }

    @Test
    void connectsWithTheRightCredentials() {
        HttpResponse<String> connected = connect(jmx.url(), USER, PASSWORD);
        assertThat(connected.statusCode()).as(connected.body()).isEqualTo(200);
        assertThat(ConsoleHarness.json(connected).get("description").asText()).contains(jmx.url(), USER);
        assertThat(listsOurCache()).isTrue();
        JsonNode session = ConsoleHarness.json(get("/api/session"));
        assertThat(session.at("/target/description").asText()).contains(USER);
        assertThat(session.at("/target/lost").isNull()).isTrue();
    }

    @Test
    void aWrongPasswordIsRefusedAndNeverRepeated() {
        String wrong = "wrong-" + PASSWORD;
        HttpResponse<String> refused = record(harness.post("/api/connect", Map.of("url", jmx.url(), "user", USER,
                "password", wrong)));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).contains("refused the credentials").doesNotContain(wrong);
        HttpResponse<String> anonymous = connect(jmx.url(), null, null);
        assertThat(anonymous.statusCode()).isEqualTo(400);
        assertThat(error(anonymous)).contains("refused the credentials");
        assertThat(ConsoleHarness.json(get("/api/session")).get("target").isNull()).as("still unconnected")
                .isTrue();

        Throwable direct = catchThrowable(() -> JmxTarget.connect(jmx.url(), USER, wrong.toCharArray()));
        assertThat(direct).isInstanceOf(OperationFailedException.class);
        for (Throwable cause = direct; cause != null; cause = cause.getCause()) {
            assertThat(cause.getMessage()).doesNotContain(wrong);
        }

        ConsoleOptions options = ConsoleOptions.parse(new String[] {"--url", jmx.url(), "--user", USER},
                Map.of("DOCSTORE_JMX_PASSWORD", PASSWORD));
        assertThat(new String(options.password())).isEqualTo(PASSWORD);
        assertThat(options.toString()).doesNotContain(PASSWORD).contains(USER);

        // a refused attempt leaves a working connection alone
        assertThat(connect(jmx.url(), USER, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(connect(jmx.url(), USER, wrong).statusCode()).isEqualTo(400);
        assertThat(listsOurCache()).isTrue();
        assertThat(ConsoleHarness.json(get("/api/session")).toString()).doesNotContain(PASSWORD, wrong);
    }

    @Test
    void aMalformedUrlIsRefusedWithAnExample() {
        for (String url : List.of("not a url", "rmi://127.0.0.1:1/jmxrmi", "service:jmx:")) {
            HttpResponse<String> refused = connect(url, USER, PASSWORD);
            assertThat(refused.statusCode()).as(url).isEqualTo(400);
            assertThat(error(refused)).contains("not a JMX service URL", "service:jmx:rmi:///jndi/rmi://");
        }
    }

    @Test
    void anUnreachableUrlSaysItCouldNotConnect() throws IOException {
        String nobody = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + LoopbackJmxServer.freePort() + "/jmxrmi";
        HttpResponse<String> refused = connect(nobody, USER, PASSWORD);
        assertThat(refused.statusCode()).isIn(400, 503);
        assertThat(error(refused)).contains("could not connect", nobody);
        assertThat(harness.console.session()).isEmpty();
    }

    @Test
    void whenTheTargetGoesAwayTheConsoleSaysSoKeepsServingAndConnectsAgain() throws IOException {
        assertThat(connect(jmx.url(), USER, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(listsOurCache()).isTrue();

        jmx.stop();
        HttpResponse<String> lost = get("/api/caches");
        assertThat(lost.statusCode()).isEqualTo(503);
        assertThat(error(lost)).contains("no longer reachable", "Connect again");
        HttpResponse<String> again = get("/api/cache?manager=" + TestCaches.manager(cache) + "&cache=remote");
        assertThat(again.statusCode()).isEqualTo(503);
        assertThat(error(again)).contains("no longer reachable");
        JsonNode session = ConsoleHarness.json(get("/api/session"));
        assertThat(session.at("/target/lost").asText()).isNotBlank();
        harness.console.session().orElseThrow().tick();

        assertThat(get("/").statusCode()).isEqualTo(200);
        assertThat(get("/api/jvms").statusCode()).isEqualTo(200);

        jmx.close();
        jmx = LoopbackJmxServer.start(USER, PASSWORD);
        assertThat(connect(jmx.url(), USER, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(listsOurCache()).isTrue();
        assertThat(ConsoleHarness.json(get("/api/session")).at("/target/lost").isNull()).isTrue();
    }

    @Test
    void anOperationARestrictedUserMayNotRunIsRefused400NotAFailure() throws IOException {
        jmx.close();
        jmx = LoopbackJmxServer.start(USER, PASSWORD, LoopbackJmxServer.READ_ONLY);
        assertThat(connect(jmx.url(), USER, PASSWORD).statusCode()).isEqualTo(200);
        assertThat(listsOurCache()).as("reading is allowed").isTrue();
        HttpResponse<String> refused = record(harness.post("/api/index/create", Map.of("manager",
                TestCaches.manager(cache), "cache", "remote", "name", "byCity", "paths", List.of("city"))));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(error(refused)).contains("Access denied");
        assertThat(TestCaches.documents(cache).indexes()).isEmpty();
        assertThat(ConsoleHarness.json(get("/api/session")).at("/target/lost").isNull())
                .as("a refusal is not a lost connection").isTrue();
    }

    @Test
    void aTargetThatStopsAnsweringIsReportedUnreachableInsteadOfHoldingTheConsole() throws Exception {
        AtomicBoolean hang = new AtomicBoolean();
        CountDownLatch release = new CountDownLatch(1);
        jmx.close();
        jmx = LoopbackJmxServer.start(USER, PASSWORD, method -> {
            if (hang.get() && !release.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        });
        // long enough for a busy machine to connect and answer the first call; the hung call takes this long
        try (JmxTarget target = JmxTarget.connect(jmx.url(), USER, PASSWORD.toCharArray(),
                Duration.ofSeconds(10))) {
            CacheBrowser browser = new CacheBrowser(target);
            assertThat(browser.caches()).contains(new CacheRef(TestCaches.manager(cache), "remote"));
            hang.set(true);
            Throwable silent = catchThrowable(browser::caches);
            assertThat(silent).isInstanceOf(TargetUnavailableException.class)
                    .hasMessageContaining("no longer reachable").hasMessageContaining("did not answer within");
            assertThat(target.lostBecause()).contains("did not answer");
            assertThat(catchThrowable(browser::caches)).as("later calls fail at once")
                    .isInstanceOf(TargetUnavailableException.class);
        } finally {
            release.countDown();
        }
    }
}
