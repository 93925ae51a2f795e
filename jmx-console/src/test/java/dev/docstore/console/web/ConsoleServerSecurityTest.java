package dev.docstore.console.web;

import static dev.docstore.console.testing.ConsoleHarness.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.console.testing.ConsoleHarness;
import dev.docstore.console.testing.TestCaches;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The console's HTTP surface as an attacker sees it: a real {@link ConsoleServer} on 127.0.0.1, connected to this
 * JVM, asked without the token, with a wrong one, with forged state-changing requests, from a foreign host, and with
 * bodies it must refuse. Every answer, refusals included, carries the security headers.
 */
@Timeout(120)
class ConsoleServerSecurityTest {
    private static final List<String> PAGES = List.of("/", "/index.html", "/console.js", "/console.css",
            "/favicon.svg", "/api/session", "/api/caches", "/api/jvms", "/api/nope", "/nope");

    private static ConsoleHarness harness;
    private final TestCaches caches = new TestCaches();
    private Cache<String, Map<String, Object>> cache;

    @BeforeAll
    static void startConsole() {
        harness = new ConsoleHarness();
        harness.console.useThisJvm("the test JVM");
    }

    @AfterAll
    static void stopConsole() {
        harness.close();
    }

    @BeforeEach
    void createCache() {
        cache = caches.create("guarded");
        cache.put("k", Map.of("city", "Lisbon"));
    }

    @AfterEach
    void closeCaches() {
        caches.close();
    }

    private Map<String, Object> createIndex(String name) {
        return Map.of("manager", TestCaches.manager(cache), "cache", "guarded", "name", name, "paths",
                List.of("city"));
    }

    private List<String> indexNames() {
        return TestCaches.documents(cache).indexes().stream().map(index -> index.name()).toList();
    }

    private static void assertSecurityHeaders(HttpResponse<?> response) {
        var headers = response.headers();
        assertThat(headers.firstValue("Content-Security-Policy")).as("CSP of %s", response.uri()).hasValueSatisfying(
                policy -> assertThat(policy).contains("default-src 'none'", "script-src 'self'",
                        "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval"));
        assertThat(headers.firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(headers.firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(headers.firstValue("Cache-Control")).contains("no-store");
        assertThat(headers.firstValue("X-Frame-Options")).contains("DENY");
    }

    @Test
    void withoutTheTokenEveryPathIsRefusedWith401AndTheSecurityHeaders() {
        for (String path : PAGES) {
            HttpResponse<String> response = harness.send(harness.request(path).GET().build());
            assertThat(response.statusCode()).as("GET %s without a token", path).isEqualTo(401);
            assertSecurityHeaders(response);
            assertThat(response.body()).doesNotContain(harness.server.token());
        }
    }

    @Test
    void aWrongTokenIsRefusedHoweverItIsOffered() {
        String wrong = AccessGuard.randomToken();
        String cookie = "docstore_console_" + harness.server.port() + "=" + wrong;
        for (String path : List.of("/", "/api/caches", "/console.js")) {
            assertThat(harness.send(harness.request(path).header("Authorization", "Bearer " + wrong).GET().build())
                    .statusCode()).as("bearer on %s", path).isEqualTo(401);
            assertThat(harness.send(harness.request(path).header("Cookie", cookie).GET().build()).statusCode())
                    .as("cookie on %s", path).isEqualTo(401);
        }
        HttpResponse<String> query = harness.send(harness.request("/?token=" + wrong).GET().build());
        assertThat(query.statusCode()).isEqualTo(401);
        assertThat(query.headers().allValues("Set-Cookie")).isEmpty();
        String truncated = harness.server.token().substring(1);
        assertThat(harness.send(harness.request("/api/caches").header("Authorization", "Bearer " + truncated)
                .GET().build()).statusCode()).as("a prefix of the token").isEqualTo(401);
    }

    @Test
    void theTokenInTheUrlIsTradedForAStrictHttpOnlyCookieThatThenSignsIn() {
        HttpResponse<String> signIn = harness.send(harness.request("/?token=" + harness.server.token()).GET()
                .build());
        assertThat(signIn.statusCode()).isEqualTo(303);
        assertSecurityHeaders(signIn);
        assertThat(signIn.headers().firstValue("Location")).contains("/");
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).contains("HttpOnly", "SameSite=Strict", "Path=/")
                .startsWith("docstore_console_" + harness.server.port() + "=" + harness.server.token() + ";");

        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        HttpResponse<String> page = harness.send(harness.request("/").header("Cookie", "other=1; " + cookie).GET()
                .build());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).doesNotContain(harness.server.token());
        assertSecurityHeaders(page);
        assertThat(harness.send(harness.request("/api/caches").header("Cookie", cookie).GET().build())
                .statusCode()).isEqualTo(200);
    }

    @Test
    void theBearerTokenOpensEveryPageAndTheApi() {
        for (String path : List.of("/", "/index.html", "/console.js", "/console.css", "/favicon.svg",
                "/api/session", "/api/caches")) {
            HttpResponse<String> response = harness.get(path);
            assertThat(response.statusCode()).as("GET %s", path).isEqualTo(200);
            assertSecurityHeaders(response);
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndChangesNothing() {
        HttpResponse<String> response = harness.send(harness.authorized("/api/index/create")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(createIndex("byCity")))).build());
        assertThat(response.statusCode()).isEqualTo(403);
        assertSecurityHeaders(response);
        assertThat(indexNames()).isEmpty();
    }

    @Test
    void aPostWithAWrongCsrfTokenIsRefusedAndChangesNothing() {
        for (String wrong : List.of(AccessGuard.randomToken(), harness.server.token(), "")) {
            HttpResponse<String> response = harness.send(harness.authorized("/api/index/create")
                    .header("Content-Type", "application/json").header("X-CSRF-Token", wrong)
                    .POST(HttpRequest.BodyPublishers.ofString(json(createIndex("byCity")))).build());
            assertThat(response.statusCode()).as("CSRF token '%s'", wrong).isEqualTo(403);
        }
        assertThat(indexNames()).isEmpty();
    }

    @Test
    void aPostFromAForeignOriginIsRefusedEvenWithTheCsrfToken() {
        for (String origin : List.of("http://evil.example", "http://evil.example:" + harness.server.port(),
                "https://127.0.0.1:" + harness.server.port(), "null")) {
            HttpResponse<String> response = harness.send(harness.authorized("/api/index/create")
                    .header("Content-Type", "application/json").header("X-CSRF-Token", harness.csrfToken())
                    .header("Origin", origin)
                    .POST(HttpRequest.BodyPublishers.ofString(json(createIndex("byCity")))).build());
            assertThat(response.statusCode()).as("Origin %s", origin).isEqualTo(403);
        }
        assertThat(indexNames()).isEmpty();

        HttpResponse<String> own = harness.send(harness.authorized("/api/index/create")
                .header("Content-Type", "application/json").header("X-CSRF-Token", harness.csrfToken())
                .header("Origin", "http://127.0.0.1:" + harness.server.port())
                .POST(HttpRequest.BodyPublishers.ofString(json(createIndex("byCity")))).build());
        assertThat(own.statusCode()).as("the console's own origin: %s", own.body()).isEqualTo(200);
        assertThat(indexNames()).containsExactly("byCity");
    }

    @Test
    void aForeignHostHeaderIsAnswered421() throws IOException {
        String token = harness.server.token();
        String foreign = raw("GET /api/caches HTTP/1.1\r\nHost: evil.example:" + harness.server.port()
                + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        assertThat(foreign).startsWith("HTTP/1.1 421");
        assertThat(foreign.toLowerCase(java.util.Locale.ROOT)).contains("content-security-policy:",
                "x-content-type-options: nosniff");
        String rebound = raw("GET /api/caches HTTP/1.1\r\nHost: 127.0.0.1:1\r\nAuthorization: Bearer " + token
                + "\r\nConnection: close\r\n\r\n");
        assertThat(rebound).as("the right address on another port").startsWith("HTTP/1.1 421");
        String localhost = raw("GET /api/session HTTP/1.1\r\nHost: localhost:" + harness.server.port()
                + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
        assertThat(localhost).startsWith("HTTP/1.1 200");
    }

    @Test
    void signingInRedirectsWithinTheConsoleWhateverThePathSays() throws IOException {
        String token = "?token=" + harness.server.token();
        assertThat(location(signIn("/console.js" + token))).isEqualTo("/console.js");
        Map<String, String> answers = new java.util.LinkedHashMap<>();
        for (String hostile : List.of("//evil.example/", "/%2F%2Fevil.example/", "/%5Cevil.example/",
                "/%2e%2e/evil.example", "/\\evil.example/", "/./evil.example", "/%09/evil.example")) {
            String answer = signIn(hostile + token);
            String status = answer.substring(0, answer.indexOf("\r\n"));
            answers.put(hostile, status.startsWith("HTTP/1.1 303") ? "303 to " + location(answer) : status);
        }
        // Jetty refuses the ambiguous paths before the console sees them (and sets no cookie); what it lets through
        // is led back within the console
        String refused = "HTTP/1.1 400 Bad Request";
        assertThat(answers).containsExactlyInAnyOrderEntriesOf(Map.of("//evil.example/", refused,
                "/%2F%2Fevil.example/", refused, "/%5Cevil.example/", refused, "/%2e%2e/evil.example", refused,
                "/\\evil.example/", refused, "/%09/evil.example", refused,
                "/./evil.example", "303 to /./evil.example"));
    }

    @Test
    void theWayBackAfterSigningInIsAPathOfThisConsole() {
        assertThat(ConsoleHandler.backTo("/")).isEqualTo("/");
        assertThat(ConsoleHandler.backTo("/index.html")).isEqualTo("/index.html");
        for (String hostile : new String[] {"//evil.example", "/\\evil.example", "/%2F%2Fevil.example",
            "/%5Cevil.example", "http://evil.example/", "evil.example", "/a//b", "/a\rb", null}) {
            assertThat(ConsoleHandler.backTo(hostile)).as(hostile).isEqualTo("/");
        }
    }

    private static String signIn(String pathAndQuery) throws IOException {
        return raw("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1:" + harness.server.port()
                + "\r\nConnection: close\r\n\r\n");
    }

    private static String location(String answer) {
        return answer.lines().filter(line -> line.regionMatches(true, 0, "Location:", 0, 9)).findFirst()
                .orElseThrow(() -> new AssertionError("no Location in " + answer)).substring("Location:".length())
                .strip();
    }

    /** Requests Jetty answers itself, before (or instead of) the console's handler, and what they must get. */
    static Stream<Arguments> requestsTheServerAnswersItself() {
        String host = "Host: 127.0.0.1:" + harness.server.port() + "\r\n";
        String bearer = "Authorization: Bearer " + harness.server.token() + "\r\n";
        return Stream.of(
                Arguments.of("an empty first segment", 400,
                        "GET //x HTTP/1.1\r\n" + host + bearer + "Connection: close\r\n\r\n"),
                Arguments.of("an encoded slash in the path", 400,
                        "GET /%2F%2Fevil.example/ HTTP/1.1\r\n" + host + bearer + "Connection: close\r\n\r\n"),
                Arguments.of("both Content-Length and Transfer-Encoding", 400,
                        "POST /api/query HTTP/1.1\r\n" + host + bearer
                                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"),
                Arguments.of("a request line that is not one", 505, "NOT A REQUEST\r\n\r\n"),
                Arguments.of("a control character in the method", 400,
                        "GE\u0001T / HTTP/1.1\r\n" + host + "\r\n"),
                Arguments.of("an unknown HTTP version", 505, "GET / HTTP/7.0\r\n" + host + "\r\n"),
                Arguments.of("no Host header", 400, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n"),
                Arguments.of("a header line without a colon", 400,
                        "GET / HTTP/1.1\r\n" + host + "no colon here\r\n\r\n"),
                Arguments.of("headers over the limit", 431,
                        "GET / HTTP/1.1\r\n" + host + "X-Padding: " + "a".repeat(9_000) + "\r\n\r\n"),
                Arguments.of("a URI over the limit", 414,
                        "GET /" + "a".repeat(9_000) + " HTTP/1.1\r\n" + host + "\r\n"),
                Arguments.of("a malformed chunk", 400,
                        "POST /api/query HTTP/1.1\r\n" + host + bearer + "X-CSRF-Token: " + harness.csrfToken()
                                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                                + "zz\r\n"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("requestsTheServerAnswersItself")
    void answersTheServerWritesItselfCarryTheSecurityHeaders(String what, int status, String request)
            throws IOException {
        String answer = raw(request);
        assertThat(answer).as(what).startsWith("HTTP/1.1 " + status + " ");
        String head = answer.substring(0, answer.indexOf("\r\n\r\n")).toLowerCase(Locale.ROOT);
        assertThat(head).as("the headers of the answer to %s", what).contains(
                "content-security-policy: " + SecurityHeaders.CONTENT_SECURITY_POLICY.toLowerCase(Locale.ROOT),
                "x-content-type-options: nosniff", "x-frame-options: deny", "referrer-policy: no-referrer",
                "cache-control: no-store");
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4)).as("the body of the answer to %s", what)
                .startsWith("{\"error\":");
    }

    private static String raw(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), harness.server.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aPostThatIsNotJsonIsRefused415() {
        HttpResponse<String> response = harness.send(harness.authorized("/api/index/create")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-CSRF-Token", harness.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString("name=byCity&paths=city")).build());
        assertThat(response.statusCode()).isEqualTo(415);
        assertSecurityHeaders(response);
        assertThat(indexNames()).isEmpty();
    }

    @Test
    void anOversizeBodyIsRefused413() {
        String big = "{\"name\":\"" + "x".repeat(JsonBodies.MAX_BODY) + "\"}";
        HttpResponse<String> response = harness.post("/api/index/create", big);
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(error(response)).contains(String.valueOf(JsonBodies.MAX_BODY));
        assertSecurityHeaders(response);
    }

    @Test
    void malformedJsonIsRefused400WithTheParsersMessage() {
        HttpResponse<String> response = harness.post("/api/index/create", "{\"name\": ");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(error(response)).startsWith("malformed JSON: ");
        HttpResponse<String> array = harness.post("/api/index/create", "[1, 2]");
        assertThat(array.statusCode()).isEqualTo(400);
        assertThat(error(array)).contains("JSON object");
        assertThat(indexNames()).isEmpty();
    }

    @Test
    void unknownRoutesAre404() {
        assertThat(harness.get("/api/nope").statusCode()).isEqualTo(404);
        assertThat(error(harness.get("/api/nope"))).contains("/api/nope");
        assertThat(harness.get("/nope.html").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> withMethod(String method, String path) {
        return harness.send(harness.authorized(path).header("X-CSRF-Token", harness.csrfToken())
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString("{}")).build());
    }

    private List<String> readPaths() {
        String ref = "?manager=" + java.net.URLEncoder.encode(TestCaches.manager(cache),
                StandardCharsets.UTF_8) + "&cache=guarded";
        return List.of("/", "/index.html", "/console.js", "/console.css", "/favicon.svg", "/api/session",
                "/api/jvms", "/api/caches", "/api/cache" + ref, "/api/stats" + ref, "/api/notifications");
    }

    @Test
    void readsAnswerOnlyGetAndHeadAndSayWhichIn405() {
        for (String path : readPaths()) {
            for (String method : List.of("POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW")) {
                HttpResponse<String> response = withMethod(method, path);
                assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).as("%s %s", method, path).contains("GET, HEAD");
                assertThat(error(response)).as("%s %s", method, path).contains(method, "GET or HEAD");
                assertSecurityHeaders(response);
            }
        }
        for (String path : readPaths()) {
            if (path.equals("/api/jvms")) {
                continue; // listing the machine's JVMs: the GET in theBearerTokenOpensEveryPageAndTheApi covers it
            }
            HttpResponse<String> head = harness.send(harness.authorized(path)
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
            assertThat(head.statusCode()).as("HEAD %s", path).isEqualTo(200);
            assertThat(head.body()).as("HEAD %s", path).isEmpty();
            assertSecurityHeaders(head);
        }
        assertThat(harness.console.session()).as("still connected").isPresent();
        assertThat(indexNames()).isEmpty();
    }

    @Test
    void changesAnswerOnlyPostAndSaySoIn405() {
        for (String path : List.of("/api/connect", "/api/disconnect", "/api/index/create", "/api/index/drop",
                "/api/index/rebuild", "/api/query")) {
            for (String method : List.of("GET", "HEAD", "PUT", "DELETE", "PATCH", "OPTIONS")) {
                HttpResponse<String> response = withMethod(method, path);
                assertThat(response.statusCode()).as("%s %s", method, path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).as("%s %s", method, path).contains("POST");
                if (!method.equals("HEAD")) {
                    assertThat(error(response)).as("%s %s", method, path).contains(method, "use POST");
                }
                assertSecurityHeaders(response);
            }
        }
        assertThat(harness.console.session()).as("still connected").isPresent();
    }

    private static String json(Object value) {
        try {
            return ConsoleHarness.JSON.writeValueAsString(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
