package dev.docstore.console;

import static dev.docstore.console.testing.TestCaches.exportOf;
import static dev.docstore.console.testing.TestCaches.withoutExportedAt;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.console.jmx.LoopbackJmxServer;
import dev.docstore.console.testing.ConsoleHarness;
import dev.docstore.console.testing.TestCaches;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar jmx-console.jar export|import ...} run in this JVM against its own caches, reached over an RMI
 * connector on 127.0.0.1 at a free port with a user and password, as a script on another machine reaches them: the
 * files they write and read, their exit statuses, and what they print on success and on every kind of failure.
 */
@Timeout(120)
class TransferCommandTest {
    private static final String PASSWORD = "pw-" + System.nanoTime();
    private static final int DOCUMENTS = 50;

    private final TestCaches caches = new TestCaches();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private LoopbackJmxServer jmx;
    private Cache<String, Map<String, Object>> people;
    private Cache<String, Map<String, Object>> copy;

    @TempDir
    Path dir;

    @BeforeEach
    void start() throws IOException {
        people = caches.create("people");
        for (int i = 0; i < DOCUMENTS; i++) {
            people.put("p" + i, Map.of("name", "person-" + i, "age", 20 + i));
        }
        copy = caches.create(URI.create(TestCaches.manager(people)), "copy");
        jmx = LoopbackJmxServer.start("ops", PASSWORD);
    }

    @AfterEach
    void stop() throws IOException {
        try {
            jmx.close();
        } finally {
            caches.close();
        }
    }

    private int run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        if (all.size() > 1) {
            all.addAll(1, List.of("--jmx-url", jmx.url(), "--user", "ops"));
        }
        return TransferCommand.run(all.toArray(new String[0]), Map.of("DOCSTORE_JMX_PASSWORD", PASSWORD),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void exportWritesTheCachesExportToAFileHere() throws IOException {
        Path file = dir.resolve("backups/people.jsonl");

        assertThat(run("export", "--cache", "people", "--out", file.toString())).as(stderr()).isZero();

        assertThat(withoutExportedAt(Files.readString(file))).isEqualTo(withoutExportedAt(exportOf(people)));
        assertThat(stdout()).startsWith("exported 50 documents (" + Files.size(file) + " bytes) of cache 'people' to "
                + file);
        assertThat(stderr()).isEmpty();
    }

    @Test
    void importSendsAFileHereIntoTheCache() throws IOException {
        Path file = dir.resolve("people.jsonl");
        TestCaches.documents(people).exportTo(file);

        assertThat(run("import", "--cache", "copy", "--in", file.toString())).as(stderr()).isZero();

        assertThat(copy.get("p7")).isEqualTo(Map.of("name", "person-7", "age", 27));
        assertThat(stdout()).startsWith("imported 50 documents from " + file + " into cache 'copy' (0 expired");
    }

    @Test
    void aMalformedFileFailsNamingItsLineAndChangesNothingUnlessSkipped() throws IOException {
        String[] lines = exportOf(people).split("\n");
        lines[2] = "{\"key\": \"p1\", \"value\": {oops";
        Path file = Files.writeString(dir.resolve("bad.jsonl"), String.join("\n", lines) + "\n");

        assertThat(run("import", "--cache", "copy", "--in", file.toString())).isEqualTo(1);
        assertThat(stderr()).startsWith("jmx-console: import failed: ")
                .contains("cannot import the uploaded file: line 3: malformed JSON");
        assertThat(copy.iterator().hasNext()).isFalse();

        assertThat(run("import", "--cache", "copy", "--in", file.toString(), "--mode", "skip-and-report")).isZero();
        assertThat(stdout()).contains("imported 49 documents", "1 line skipped", "skipped line 3: malformed JSON");
    }

    @Test
    void aCacheNameOfSeveralManagersNeedsTheManager() {
        Cache<String, Map<String, Object>> other = caches.create("people");
        Path file = dir.resolve("people.jsonl");

        assertThat(run("export", "--cache", "people", "--out", file.toString())).isEqualTo(1);
        assertThat(stderr()).contains("caches of several managers are named 'people': choose one with --manager",
                TestCaches.manager(people), TestCaches.manager(other));
        assertThat(file).doesNotExist();

        assertThat(run("export", "--cache", "people", "--manager", TestCaches.manager(people), "--out",
                file.toString())).isZero();
        assertThat(file).exists();
    }

    @Test
    void aFailedExportLeavesThePreviousFileAsItWas() throws IOException {
        Path file = Files.writeString(dir.resolve("people.jsonl"), "yesterday's export\n");

        assertThat(run("export", "--cache", "nobody", "--out", file.toString())).isEqualTo(1);

        assertThat(stderr()).startsWith("jmx-console: export failed: no cache 'nobody' is managed in ");
        assertThat(file).hasContent("yesterday's export");
    }

    @Test
    void aMissingFileAnUnreachableJvmAndWrongCredentialsFailWithStatus1() throws IOException {
        assertThat(run("import", "--cache", "copy", "--in", dir.resolve("absent.jsonl").toString())).isEqualTo(1);
        assertThat(stderr()).contains("import failed: no file " + dir.resolve("absent.jsonl"));

        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String unreachable = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + closed + "/jmxrmi";
        assertThat(TransferCommand.run(new String[] {"export", "--jmx-url", unreachable, "--cache", "people", "--out",
            dir.resolve("x").toString()}, Map.of(), new PrintStream(out), new PrintStream(err))).isEqualTo(1);
        assertThat(stderr()).contains("export failed: could not connect to " + unreachable);

        assertThat(TransferCommand.run(new String[] {"export", "--jmx-url", jmx.url(), "--user", "ops", "--cache",
            "people", "--out", dir.resolve("x").toString()}, Map.of("DOCSTORE_JMX_PASSWORD", "wrong"),
            new PrintStream(out), new PrintStream(err))).isEqualTo(1);
        assertThat(stderr()).contains("refused the credentials").doesNotContain(PASSWORD);
        assertThat(copy.iterator().hasNext()).isFalse();
    }

    @Test
    void aWrongCommandLineExitsWith2AndSaysWhy() {
        assertThat(run("export", "--cache", "people")).isEqualTo(2);
        assertThat(stderr()).contains("export needs --out FILE", "usage: java -jar jmx-console.jar export");
        assertThat(run("import", "--cache", "copy", "--in", "x", "--mode", "most")).isEqualTo(2);
        assertThat(stderr()).contains("--mode: unknown import mode 'most'");
        assertThat(run("import", "--cache", "copy", "--in", "x", "--colour", "red")).isEqualTo(2);
        assertThat(stderr()).contains("unknown option --colour for import");
        assertThat(TransferCommand.run(new String[] {"import", "--in", "x"}, Map.of(), new PrintStream(out),
                new PrintStream(err))).isEqualTo(2);
        assertThat(stderr()).contains("import needs --jmx-url and --cache");
        assertThat(run("export", "--help")).isZero();
    }
}
