package dev.docstore.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An export streams: it never holds the file, or a copy of the documents, in memory. A child JVM
 * ({@link SmallHeapExport}) with a heap smaller than its documents and their export file together fills a cache with
 * a million documents and exports it to a file; it would run out of memory if the export buffered the file or copied
 * the documents. The serial collector makes the child's heap figures those of a complete collection, the same every
 * run.
 */
class BoundedExportMemoryTest {
    private static final int DOCUMENTS = 1_000_000;
    /**
     * Room for the documents (about 390 MB in the cache, measured) and the export's working set, with a margin (at
     * 400 MB the child ran out of memory after minutes of collections; at 448 MB it passed, slowed by collections),
     * but well short of the documents plus their file (about 196 MB): 503 MB against about 583 MB. The test checks
     * the second on the figures of each run, so a change that makes documents smaller shows up as a failure here
     * rather than as a test that no longer proves anything.
     */
    private static final int HEAP_MB = 480;
    private static final long HEAP_BYTES = HEAP_MB * 1024L * 1024L;
    private static final long TIMEOUT_SECONDS = 120;

    @TempDir
    Path directory;

    @Test
    void exportsAMillionDocumentsWithAHeapSmallerThanTheDocumentsAndTheirFile() throws Exception {
        Path file = directory.resolve("documents.jsonl");
        Path output = directory.resolve("child.out");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + HEAP_MB + "m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SmallHeapExport.class.getName(), Integer.toString(DOCUMENTS), file.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!child.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly().waitFor();
            throw new AssertionError("the child did not finish in " + TIMEOUT_SECONDS + " s: "
                    + Files.readString(output));
        }
        String printed = Files.readString(output);
        assertThat(child.exitValue()).as("the child's exit status; it printed: %s", printed).isZero();

        Map<String, Long> figures = figures(printed);
        long fileBytes = Files.size(file);
        // the margins, in the test's log: what a change to documents or the export would move
        System.out.printf("-Xmx%dm: documents %d B in the heap, file %d B, together %d B%n", HEAP_MB,
                figures.get("dataBytes"), fileBytes, figures.get("dataBytes") + fileBytes);
        assertThat(figures.get("documents")).as(printed).isEqualTo(DOCUMENTS);
        assertThat(lastLine(file)).isEqualTo("{\"end\":{\"documents\":" + DOCUMENTS + "}}");
        assertThat(figures.get("maxHeap")).as("the child's maximum heap").isLessThanOrEqualTo(HEAP_BYTES);
        assertThat(HEAP_BYTES).as("the heap, against the documents (%d B) and the file (%d B) together",
                figures.get("dataBytes"), fileBytes).isLessThan(figures.get("dataBytes") + fileBytes);
    }

    /** The {@code name=value} figures of the child's last line. */
    private static Map<String, Long> figures(String printed) {
        List<String> lines = printed.lines().filter(line -> !line.isBlank()).toList();
        Map<String, Long> figures = new HashMap<>();
        for (String field : lines.get(lines.size() - 1).split(" ")) {
            String[] pair = field.split("=", 2);
            figures.put(pair[0], Long.parseLong(pair[1]));
        }
        return figures;
    }

    /** The file's last line, read from its end: the file is too large to read whole here for no reason. */
    private static String lastLine(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            int tail = (int) Math.min(in.length(), 256);
            byte[] bytes = new byte[tail];
            in.seek(in.length() - tail);
            in.readFully(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8).stripTrailing();
            return text.substring(text.lastIndexOf('\n') + 1);
        }
    }
}
