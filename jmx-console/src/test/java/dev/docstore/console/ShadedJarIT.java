package dev.docstore.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docstore.console.jmx.LoopbackJmxServer;
import dev.docstore.console.testing.TestCaches;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar as the README runs it: {@code java -jar target/jmx-console.jar --demo ...} prints the console's URL
 * with the token, and that URL signs a browser in and serves the demo's caches; a bad option exits with status 2 and
 * the usage; its export and import commands move a cache of this JVM through a JMX connector. The processes are always
 * destroyed.
 */
@Timeout(180)
class ShadedJarIT {
    private static final String URL_LINE = "docstore console: ";

    private final List<Process> processes = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private static Path jar() {
        Path jar = Paths.get(System.getProperty("console.jar", "target/jmx-console.jar"));
        assertThat(jar).as("the shaded jar (built by mvn package)").isRegularFile();
        return jar;
    }

    private Process start(String... options) throws IOException {
        List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-jar", jar().toString()));
        command.addAll(List.of(options));
        Process process = new ProcessBuilder(command).start();
        processes.add(process);
        return process;
    }

    @AfterEach
    void destroy() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(15, TimeUnit.SECONDS);
            }
        }
    }

    private static List<String> follow(InputStream stream, String name) {
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                lines.add("(reading failed: " + e + ")");
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private HttpResponse<String> get(URI uri, String cookie) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theDemoCommandPrintsAUrlThatServesTheDemosCaches() throws Exception {
        Process console = start("--demo", "--orders", "2000", "--rate", "200", "--port", "0");
        List<String> out = follow(console.getInputStream(), "console-stdout");
        List<String> err = follow(console.getErrorStream(), "console-stderr");
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            assertThat(console.isAlive()).as("the console is running; stderr: %s", err).isTrue();
            return out.stream().anyMatch(line -> line.startsWith(URL_LINE));
        });
        String printed = out.stream().filter(line -> line.startsWith(URL_LINE)).findFirst().orElseThrow()
                .substring(URL_LINE.length());
        assertThat(printed).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[A-Za-z0-9_-]{43}");
        URI url = URI.create(printed);

        HttpResponse<String> signIn = get(url, null);
        assertThat(signIn.statusCode()).isEqualTo(303);
        assertThat(signIn.headers().firstValue("Location")).contains("/");
        String setCookie = signIn.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> page = get(url.resolve("/"), cookie);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("console.js");
        assertThat(get(url.resolve("/console.js"), cookie).statusCode()).isEqualTo(200);
        HttpResponse<String> caches = get(url.resolve("/api/caches"), cookie);
        assertThat(caches.statusCode()).isEqualTo(200);
        assertThat(caches.body()).contains("\"name\":\"orders\"", "\"name\":\"customers\"", "urn:docstore:demo");
        assertThat(get(url.resolve("/api/caches"), null).statusCode()).as("without the cookie").isEqualTo(401);
        assertThat(err).as("stderr of a loopback console").noneMatch(line -> line.contains("WARNING"));
    }

    private static String finish(Process process) throws Exception {
        process.getOutputStream().close();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exited").isTrue();
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(stderr).isZero();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void theExportAndImportCommandsMoveACacheThroughJmx(@TempDir Path dir) throws Exception {
        try (TestCaches caches = new TestCaches();
                LoopbackJmxServer jmx = LoopbackJmxServer.startForOtherJvms("ops", "secret")) {
            Cache<String, Map<String, Object>> people = caches.create("people");
            for (int i = 0; i < 100; i++) {
                people.put("p" + i, Map.of("name", "person-" + i));
            }
            Cache<String, Map<String, Object>> copy = caches.create(URI.create(TestCaches.manager(people)), "copy");
            Path password = Files.writeString(dir.resolve("password"), "secret\n");
            Path file = dir.resolve("people.jsonl");
            List<String> common = List.of("--jmx-url", jmx.url(), "--user", "ops", "--password-file",
                    password.toString());

            List<String> export = new ArrayList<>(List.of("export", "--cache", "people", "--out", file.toString()));
            export.addAll(common);
            assertThat(finish(start(export.toArray(new String[0])))).startsWith("exported 100 documents");
            List<String> load = new ArrayList<>(List.of("import", "--cache", "copy", "--in", file.toString()));
            load.addAll(common);
            assertThat(finish(start(load.toArray(new String[0])))).startsWith("imported 100 documents");

            assertThat(copy.get("p42")).isEqualTo(Map.of("name", "person-42"));
        }
    }

    @Test
    void anUnknownOptionExitsWithStatus2AndTheUsage() throws Exception {
        Process console = start("--bogus");
        console.getOutputStream().close();
        assertThat(console.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        String stderr = new String(console.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(console.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr).contains("unknown option --bogus", "usage: java -jar jmx-console.jar");
        assertThat(new String(console.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aPortInUseExitsWithStatus1AndSaysSoWithoutAStackTrace() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Process console = start("--port", String.valueOf(taken.getLocalPort()));
            assertThat(console.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
            String stderr = new String(console.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(console.exitValue()).as(stderr).isEqualTo(1);
            assertThat(stderr).contains("cannot listen on 127.0.0.1:" + taken.getLocalPort())
                    .doesNotContain("Exception in thread");
        }
    }

    @Test
    void helpExitsWithStatus0() throws Exception {
        Process console = start("--help");
        assertThat(console.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(console.exitValue()).isZero();
        assertThat(new String(console.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("--demo", "--url", "--pid");
    }
}
