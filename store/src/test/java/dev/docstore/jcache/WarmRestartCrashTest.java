package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process killed with SIGKILL while its cache saves leaves a file that loads whole: the previous save, or the one
 * in progress if it got as far as its rename, never a part of one. {@link WarmRestartChild} keeps writing while it
 * saves every few milliseconds; the test kills it as soon as it reports a save started, three times, and after each
 * kill imports the file all or nothing and checks it is one consistent save. Each new child loads the file the last
 * one left (a warm restart after a crash) and deletes the temporary file the kill left.
 *
 * <p>No assumption about how long a save takes: a kill that lands after the save ended is a valid run too (the
 * file is then that save), and the test says how many kills landed during a save.
 */
class WarmRestartCrashTest {
    /** Enough that a save takes a good fraction of a second, few enough that three loads and checks stay quick. */
    private static final int DOCUMENTS = 50_000;
    private static final int KILLS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path folder;

    @SuppressWarnings("unchecked") // a class literal cannot carry the type arguments of a document map
    static Class<Map<String, Object>> documentType() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }

    @Test
    void aProcessKilledDuringASaveLeavesAFileThatLoadsWhole() throws Exception {
        Path file = folder.resolve("crash.jsonl");
        int duringSave = 0;
        int temporaryFiles = 0;
        List<Path> leftBehind = List.of();
        for (int kill = 1; kill <= KILLS; kill++) {
            Child child = Child.start(file);
            try {
                child.awaitLine(line -> line.startsWith("READY "));
                assertThat(leftBehind).as("the temporary files the last kill left are deleted on start")
                        .allSatisfy(leftover -> assertThat(leftover).doesNotExist());
                // a save that started once the cache was full has ended: from now on every save holds DOCUMENTS
                int ready = child.indexOf(line -> line.startsWith("READY "));
                int saved = child.awaitLineAfter(ready, line -> line.contains(" saved " + DOCUMENTS + " documents"));
                int started = child.awaitLineAfter(saved, line -> line.endsWith("saving to " + file));
                child.kill();
                if (child.indexOf(line -> line.contains(" saved ")) < 0
                        || child.lastIndexOf(line -> line.contains(" saved ")) < started) {
                    duringSave++;
                }
            } finally {
                child.kill();
            }
            leftBehind = leftovers(file);
            temporaryFiles += leftBehind.size();
            assertLoadsWhole(file);
        }
        System.out.printf("%d of %d kills landed during a save; they left %d temporary files, deleted on start%n",
                duringSave, KILLS, temporaryFiles);
    }

    /** The file imports all or nothing, with every document, and is one consistent moment of the child's writes. */
    private static void assertLoadsWhole(Path file) {
        try (CacheManager manager = newManager("crash-check")) {
            DocstoreConfiguration<Integer, Map<String, Object>> configuration = new DocstoreConfiguration<>();
            configuration.setTypes(Integer.class, documentType()).setStoreByValue(false);
            Cache<Integer, Map<String, Object>> cache = manager.createCache("check", configuration);

            ImportReport report = documents(cache).importFrom(file, ImportOptions.allOrNothing().trustingClassNames());

            assertThat(report.imported()).isEqualTo(DOCUMENTS);
            int[] rounds = new int[DOCUMENTS];
            for (Cache.Entry<Integer, Map<String, Object>> entry : cache) {
                assertThat(entry.getValue().get("i")).isEqualTo(entry.getKey());
                rounds[entry.getKey()] = ((Number) entry.getValue().get("gen")).intValue();
            }
            for (int i = 1; i < DOCUMENTS; i++) {
                if (rounds[i] > rounds[i - 1]) {
                    throw new AssertionError("not one moment of the writes: key " + i + " is of round " + rounds[i]
                            + ", after key " + (i - 1) + " of round " + rounds[i - 1]);
                }
            }
        }
    }

    private static List<Path> leftovers(Path file) throws IOException {
        try (Stream<Path> files = Files.list(file.getParent())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".saving")).toList();
        }
    }

    /** A running {@link WarmRestartChild} and the lines it printed so far. */
    private static final class Child {
        private final Process process;
        private final List<String> lines = new CopyOnWriteArrayList<>();

        private final Thread reader;

        private Child(Process process) {
            this.process = process;
            this.reader = new Thread(this::readLines, "crash-child-output");
            reader.setDaemon(true);
            reader.start();
        }

        static Child start(Path file) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "-cp",
                    System.getProperty("java.class.path"), WarmRestartChild.class.getName(), file.toString(),
                    String.valueOf(DOCUMENTS), "5"));
            return new Child(new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        private void readLines() {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void awaitLine(Predicate<String> wanted) {
            awaitLineAfter(-1, wanted);
        }

        /** Waits for a line after the one at {@code after} that {@code wanted} accepts; returns its index. */
        int awaitLineAfter(int after, Predicate<String> wanted) {
            // polled often: the test means to kill the child while a save of a fraction of a second runs
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(2))
                    .failFast("the child died: " + lines, () -> !process.isAlive())
                    .until(() -> firstAfter(after, wanted) >= 0);
            return firstAfter(after, wanted);
        }

        private int firstAfter(int after, Predicate<String> wanted) {
            List<String> seen = List.copyOf(lines);
            for (int i = after + 1; i < seen.size(); i++) {
                if (wanted.test(seen.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        int indexOf(Predicate<String> wanted) {
            return firstAfter(-1, wanted);
        }

        int lastIndexOf(Predicate<String> wanted) {
            List<String> seen = List.copyOf(lines);
            for (int i = seen.size() - 1; i >= 0; i--) {
                if (wanted.test(seen.get(i))) {
                    return i;
                }
            }
            return -1;
        }

        /** SIGKILL on Linux: no shutdown hook, no close, no flush. Returns once every line it printed is read. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
            reader.join();
        }
    }
}
