package dev.docstore.console.web;

import static dev.docstore.console.testing.TestCaches.exportOf;
import static dev.docstore.console.testing.TestCaches.withoutExportedAt;
import static dev.docstore.console.testing.ConsoleHarness.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docstore.console.testing.ConsoleHarness;
import dev.docstore.console.testing.TestCaches;
import dev.docstore.index.IndexDefinition;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The export download and the import upload against docstore caches of this JVM: what they move, checked against the
 * cache's own export; the token and CSRF checks on both; the upload limit, a malformed file and a bad mode, each
 * refused with the cache unchanged; and no temporary file left on the target.
 */
@Timeout(120)
class TransferRoutesTest {
    private static final int DOCUMENTS = 300;
    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));

    private final TestCaches caches = new TestCaches();
    private ConsoleHarness harness;
    private Cache<String, Map<String, Object>> people;
    private Cache<String, Map<String, Object>> copy;
    private Set<Path> transferFilesBefore;

    @BeforeEach
    void connect() throws IOException {
        transferFilesBefore = transferFiles();
        people = caches.create("people \"quoted\"");
        for (int i = 0; i < DOCUMENTS; i++) {
            people.put(String.format("p%03d", i), Map.of("name", "person-" + i, "city", "city-" + i % 7));
        }
        TestCaches.documents(people).createIndex(IndexDefinition.of("byCity", "city"));
        copy = caches.create(java.net.URI.create(TestCaches.manager(people)), "copy");
        harness = new ConsoleHarness();
        harness.console.useThisJvm("the test JVM");
    }

    @AfterEach
    void closeAll() throws IOException {
        try {
            assertThat(transferFiles()).as("the target's temporary transfer files are all deleted")
                    .isSubsetOf(transferFilesBefore);
        } finally {
            if (harness != null) {
                harness.close();
            }
            caches.close();
        }
    }

    private static Set<Path> transferFiles() throws IOException {
        try (Stream<Path> files = Files.list(TEMP)) {
            return files.filter(file -> file.getFileName().toString().matches("docstore-(export|import)-.*"))
                    .collect(Collectors.toSet());
        }
    }

    private static String refQuery(Cache<?, ?> cache) {
        return "manager=" + URLEncoder.encode(TestCaches.manager(cache), StandardCharsets.UTF_8) + "&cache="
                + URLEncoder.encode(cache.getName(), StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder export(Cache<?, ?> cache) {
        return harness.authorized("/api/export?" + refQuery(cache));
    }

    private HttpResponse<String> upload(ConsoleHarness console, Cache<?, ?> cache, String mode, String body) {
        return console.send(console.authorized("/api/import?" + refQuery(cache) + "&mode=" + mode)
                .header(AccessGuard.CSRF_HEADER, console.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    @Test
    void theDownloadIsTheCachesExportAsAnAttachment() {
        HttpResponse<String> response = harness.send(export(people)
                .header(AccessGuard.CSRF_HEADER, harness.csrfToken()).GET().build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        assertThat(response.headers().firstValue("Content-Disposition")).hasValue(
                "attachment; filename=\"people__quoted_.jsonl\"; filename*=UTF-8''people%20%22quoted%22.jsonl");
        assertThat(response.headers().firstValueAsLong("Content-Length"))
                .hasValue(response.body().getBytes(StandardCharsets.UTF_8).length);
        assertThat(withoutExportedAt(response.body())).isEqualTo(withoutExportedAt(exportOf(people)));
    }

    @Test
    void anUploadImportsTheFileAndAnswersTheReport() {
        JsonNode report = ConsoleHarness.json(ConsoleHarness.ok(upload(harness, copy, "ALL_OR_NOTHING",
                exportOf(people))));

        assertThat(report.get("imported").asLong()).isEqualTo(DOCUMENTS);
        assertThat(report.get("expired").asLong()).isZero();
        assertThat(report.get("skipped")).isEmpty();
        assertThat(report.get("indexesCreated").toString()).isEqualTo("[\"byCity\"]");
        assertThat(copy.get("p123")).isEqualTo(Map.of("name", "person-123", "city", "city-4"));
    }

    @Test
    void aMalformedUploadIsRefusedNamingTheLineAndChangesNothing() {
        String[] lines = exportOf(people).split("\n");
        lines[2] = "{\"key\": \"p001\", \"value\": {broken";
        String malformed = String.join("\n", lines) + "\n";

        HttpResponse<String> refused = upload(harness, copy, "ALL_OR_NOTHING", malformed);

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).contains("cannot import the uploaded file: line 3: malformed JSON");
        assertThat(copy.iterator().hasNext()).as("nothing imported").isFalse();

        JsonNode report = ConsoleHarness.json(ConsoleHarness.ok(upload(harness, copy, "skip-and-report",
                malformed)));
        assertThat(report.get("imported").asLong()).isEqualTo(DOCUMENTS - 1);
        assertThat(report.get("skipped").get(0).get("line").asLong()).isEqualTo(3);
    }

    @Test
    void aBadModeOrAnUnknownCacheIsRefusedBeforeTheBodyIsRead() {
        HttpResponse<String> badMode = upload(harness, copy, "MOSTLY", exportOf(people));
        assertThat(badMode.statusCode()).isEqualTo(400);
        assertThat(error(badMode)).startsWith("unknown import mode 'MOSTLY'");

        HttpResponse<String> unknown = harness.send(harness.authorized("/api/import?manager=urn:nope&cache=nope"
                + "&mode=ALL_OR_NOTHING").header(AccessGuard.CSRF_HEADER, harness.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(exportOf(people))).build());
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> unknownExport = harness.send(harness.authorized("/api/export?manager=urn:nope&cache=x")
                .header(AccessGuard.CSRF_HEADER, harness.csrfToken()).GET().build());
        assertThat(unknownExport.statusCode()).isEqualTo(404);
        assertThat(copy.iterator().hasNext()).isFalse();
    }

    @Test
    void bothNeedTheTokenAndTheCsrfToken() {
        HttpResponse<String> noToken = harness.send(harness.request("/api/export?" + refQuery(people))
                .header(AccessGuard.CSRF_HEADER, harness.csrfToken()).GET().build());
        assertThat(noToken.statusCode()).isEqualTo(401);
        HttpResponse<String> tokenInQuery = harness.send(harness.request("/api/export?" + refQuery(people)
                + "&token=" + harness.server.token()).GET().build());
        assertThat(tokenInQuery.statusCode()).as("a ?token= does not sign in on the export").isEqualTo(401);
        HttpResponse<String> noCsrf = harness.send(export(people).GET().build());
        assertThat(noCsrf.statusCode()).isEqualTo(403);
        assertThat(noCsrf.body()).doesNotContain("person-");
        HttpResponse<String> wrongCsrf = harness.send(export(people).header(AccessGuard.CSRF_HEADER, "forged")
                .GET().build());
        assertThat(wrongCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> head = harness.send(export(people).header(AccessGuard.CSRF_HEADER, harness.csrfToken())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(405);

        String file = exportOf(people);
        HttpResponse<String> uploadWithoutToken = harness.send(harness.request("/api/import?" + refQuery(copy)
                + "&mode=ALL_OR_NOTHING").header(AccessGuard.CSRF_HEADER, harness.csrfToken())
                .POST(HttpRequest.BodyPublishers.ofString(file)).build());
        assertThat(uploadWithoutToken.statusCode()).isEqualTo(401);
        HttpResponse<String> uploadWithoutCsrf = harness.send(harness.authorized("/api/import?" + refQuery(copy)
                + "&mode=ALL_OR_NOTHING").POST(HttpRequest.BodyPublishers.ofString(file)).build());
        assertThat(uploadWithoutCsrf.statusCode()).isEqualTo(403);
        HttpResponse<String> getImport = harness.send(harness.authorized("/api/import?" + refQuery(copy)
                + "&mode=ALL_OR_NOTHING").header(AccessGuard.CSRF_HEADER, harness.csrfToken()).GET().build());
        assertThat(getImport.statusCode()).isEqualTo(405);
        assertThat(copy.iterator().hasNext()).as("no refused upload imported anything").isFalse();
    }

    @Test
    void anUploadOverTheLimitIsRefusedWith413AndChangesNothing() {
        String file = exportOf(people);
        int limit = file.length() / 2;
        try (ConsoleHarness small = new ConsoleHarness(ServerLimits.DEFAULT.withMaxUploadBytes(limit))) {
            small.console.useThisJvm("the test JVM");

            HttpResponse<String> declared = upload(small, copy, "ALL_OR_NOTHING", file);
            assertThat(declared.statusCode()).as("a declared length over the limit").isEqualTo(413);
            assertThat(error(declared)).contains("larger than the console takes (" + limit + " bytes");

            // no declared length: chunked, so the limit is found while reading
            HttpResponse<String> streamed = small.send(small.authorized("/api/import?" + refQuery(copy)
                    + "&mode=ALL_OR_NOTHING").header(AccessGuard.CSRF_HEADER, small.csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(
                            file.getBytes(StandardCharsets.UTF_8)))).build());
            assertThat(streamed.statusCode()).as("a body found to be over the limit").isEqualTo(413);

            assertThat(copy.iterator().hasNext()).isFalse();
            List<String> lines = List.of(file.split("\n")).subList(0, 3);
            JsonNode report = ConsoleHarness.json(ConsoleHarness.ok(upload(small, copy, "SKIP_AND_REPORT",
                    String.join("\n", lines))));
            assertThat(report.get("imported").asLong()).as("a file within the limit, cut after two documents")
                    .isEqualTo(2);
            assertThat(report.get("skipped").get(0).get("message").asText()).contains("without its end line");
        }
    }

    @Test
    void anUploadThatStallsIsEndedByTheIdleTimeoutAndImportsNothing() throws IOException {
        try (ConsoleHarness quick = new ConsoleHarness(ServerLimits.DEFAULT.withIdleTimeout(Duration.ofSeconds(1)));
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), quick.server.port())) {
            quick.console.useThisJvm("the test JVM");
            socket.setSoTimeout(60_000);
            String head = "POST /api/import?" + refQuery(copy) + "&mode=ALL_OR_NOTHING HTTP/1.1\r\n"
                    + "Host: 127.0.0.1:" + quick.server.port() + "\r\n"
                    + "Authorization: Bearer " + quick.server.token() + "\r\n"
                    + AccessGuard.CSRF_HEADER + ": " + quick.csrfToken() + "\r\n"
                    + "Content-Length: 100000\r\n\r\n";
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(exportOf(people).substring(0, 200).getBytes(StandardCharsets.UTF_8));
            out.flush();
            // and nothing more: the answer comes when the idle timeout ends the wait for the rest
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("the upload broke off");
        }
        assertThat(copy.iterator().hasNext()).isFalse();
    }

    @Test
    void theConsoleServesItsUsualRoutesAfterATransfer() {
        harness.send(export(people).header(AccessGuard.CSRF_HEADER, harness.csrfToken()).GET().build());
        assertThat(harness.getJson("/api/caches")).hasSize(2);
    }
}
