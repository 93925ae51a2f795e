package dev.docstore.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export and import through the DocumentCache bean, with plain {@code invoke} calls on the platform MBeanServer as a
 * JDK-only client makes them: to and from a path, in chunks, and bad input of every kind (each refused with a JDK
 * exception that says what is wrong, and changing nothing). The source cache holds {@code p00..p19}; the target cache
 * of the same manager starts empty.
 */
@Timeout(120)
class TransferOperationsTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path TEMP = Path.of(System.getProperty("java.io.tmpdir"));
    private static final String TEXT = String.class.getName();
    private static final Map<String, String[]> SIGNATURES = Map.of(
            "exportTo", new String[] {TEXT},
            "importFrom", new String[] {TEXT, TEXT},
            "beginExport", new String[0],
            "readExport", new String[] {TEXT, long.class.getName(), int.class.getName()},
            "endExport", new String[] {TEXT},
            "beginImport", new String[0],
            "appendImport", new String[] {TEXT, byte[].class.getName()},
            "finishImport", new String[] {TEXT, TEXT},
            "abortImport", new String[] {TEXT});
    private static final int DOCUMENTS = 20;

    private final URI uri = URI.create("urn:docstore:transfer-operations-test:" + UUID.randomUUID());
    private final ObjectName source = JmxRegistration.documentCacheName(uri, "people");
    private final ObjectName target = JmxRegistration.documentCacheName(uri, "copy");
    private CacheManager manager;
    private DocumentCache<?, ?> people;
    private Cache<String, Object> copy;

    @TempDir
    Path dir;

    @BeforeEach
    void createCaches() {
        manager = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                .getCacheManager(uri, TransferOperationsTest.class.getClassLoader());
        Cache<String, Object> cache = manager.createCache("people", managed());
        for (int i = 0; i < DOCUMENTS; i++) {
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("name", "person-" + i);
            document.put("city", "city-" + i % 4);
            cache.put(String.format("p%02d", i), document);
        }
        people = cache.unwrap(DocumentCache.class);
        people.createIndex(IndexDefinition.of("byCity", "city"));
        copy = manager.createCache("copy", managed());
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private static DocstoreConfiguration<String, Object> managed() {
        DocstoreConfiguration<String, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(String.class, Object.class);
        configuration.setManagementEnabled(true);
        return configuration;
    }

    private static Object invoke(ObjectName bean, String operation, Object... parameters) throws JMException {
        return SERVER.invoke(bean, operation, parameters, SIGNATURES.get(operation));
    }

    private String exportedNow() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        people.exportTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An export's text with its header's {@code exportedAt} removed: two exports of one state then read alike. */
    static String withoutExportedAt(String export) {
        String[] lines = export.split("\n", 2);
        try {
            ObjectNode header = (ObjectNode) JSON.readTree(lines[0]);
            header.remove("exportedAt");
            return header + "\n" + lines[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> filesOf(String id) throws IOException {
        try (Stream<Path> files = Files.list(TEMP)) {
            return files.filter(file -> file.getFileName().toString().contains(id)).toList();
        }
    }

    private static byte[] readAll(ObjectName bean, String id, int chunk) throws JMException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] read = (byte[]) invoke(bean, "readExport", id, 0L, chunk); read.length > 0;
                read = (byte[]) invoke(bean, "readExport", id, (long) out.size(), chunk)) {
            out.writeBytes(read);
        }
        return out.toByteArray();
    }

    @Test
    void exportToAPathAndImportFromItCopyTheDocumentsAndIndexes() throws Exception {
        Path file = dir.resolve("sub/people.jsonl");
        assertThat(invoke(source, "exportTo", file.toString())).isEqualTo((long) DOCUMENTS);
        assertThat(withoutExportedAt(Files.readString(file))).isEqualTo(withoutExportedAt(exportedNow()));

        CompositeData report = (CompositeData) invoke(target, "importFrom", file.toString(), "ALL_OR_NOTHING");

        assertThat(report.get("imported")).isEqualTo((long) DOCUMENTS);
        assertThat(report.get("expired")).isEqualTo(0L);
        assertThat((CompositeData[]) report.get("skipped")).isEmpty();
        assertThat((String[]) report.get("indexesCreated")).containsExactly("byCity");
        assertThat(copy.get("p07")).isEqualTo(Map.of("name", "person-7", "city", "city-3"));
        RemoteJmxTest.assertJdkTypes(report, "the report");
    }

    @Test
    void aChunkedExportReadsWhatExportToWritesFromAPrivateFileThatEndDeletes() throws Exception {
        CompositeData started = (CompositeData) invoke(source, "beginExport");
        String id = (String) started.get("id");
        assertThat(started.get("documents")).isEqualTo((long) DOCUMENTS);
        List<Path> files = filesOf(id);
        assertThat(files).hasSize(1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.get(0))))
                .as("only the cache's user may read a file of every document").isEqualTo("rw-------");

        byte[] read = readAll(source, id, 100);

        assertThat((long) read.length).isEqualTo(started.get("bytes"));
        assertThat(withoutExportedAt(new String(read, StandardCharsets.UTF_8)))
                .isEqualTo(withoutExportedAt(exportedNow()));
        assertThat((byte[]) invoke(source, "readExport", id, 5L, 10))
                .as("any chunk can be read again").containsExactly(Arrays.copyOfRange(read, 5, 15));
        invoke(source, "endExport", id);
        assertThat(filesOf(id)).isEmpty();
        assertRefused(source, "readExport", new Object[] {id, 0L, 10}, "no export with id '" + id + "'");
    }

    @Test
    void aChunkedImportStoresTheDocumentsOnlyWhenFinished() throws Exception {
        byte[] export = exportedNow().getBytes(StandardCharsets.UTF_8);
        String id = (String) invoke(target, "beginImport");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(filesOf(id).get(0))))
                .isEqualTo("rw-------");
        long received = 0;
        for (int from = 0; from < export.length; from += 64) {
            received = (Long) invoke(target, "appendImport", id,
                    Arrays.copyOfRange(export, from, Math.min(export.length, from + 64)));
        }
        assertThat(received).isEqualTo(export.length);
        assertThat(copy.iterator().hasNext()).as("nothing imported before finishImport").isFalse();

        CompositeData report = (CompositeData) invoke(target, "finishImport", id, "skip-and-report");

        assertThat(report.get("imported")).isEqualTo((long) DOCUMENTS);
        assertThat(copy.get("p00")).isEqualTo(Map.of("name", "person-0", "city", "city-0"));
        assertThat(filesOf(id)).isEmpty();
        assertRefused(target, "finishImport", new Object[] {id, "SKIP_AND_REPORT"}, "no import with id");
    }

    @Test
    void anAbortedImportChangesNothingAndDeletesItsFile() throws Exception {
        String id = (String) invoke(target, "beginImport");
        invoke(target, "appendImport", id, exportedNow().getBytes(StandardCharsets.UTF_8));
        invoke(target, "abortImport", id);
        assertThat(filesOf(id)).isEmpty();
        assertThat(copy.iterator().hasNext()).isFalse();
        assertRefused(target, "appendImport", new Object[] {id, new byte[] {1}}, "no import with id '" + id + "'");
    }

    @Test
    void aMalformedLineIsNamedByNumberAndAllOrNothingImportsNothing() throws Exception {
        String[] lines = exportedNow().split("\n");
        lines[2] = "{not json";
        String malformed = String.join("\n", lines) + "\n";
        Path file = Files.writeString(dir.resolve("bad.jsonl"), malformed);

        assertRefused(target, "importFrom", new Object[] {file.toString(), "ALL_OR_NOTHING"},
                "ImportException: cannot import " + file + ": line 3: malformed JSON");
        String id = (String) invoke(target, "beginImport");
        invoke(target, "appendImport", id, malformed.getBytes(StandardCharsets.UTF_8));
        assertRefused(target, "finishImport", new Object[] {id, "ALL_OR_NOTHING"},
                "ImportException: cannot import the uploaded file: line 3: malformed JSON");
        assertThat(filesOf(id)).as("finishing ends the import, refused or not").isEmpty();

        CompositeData report = (CompositeData) invoke(target, "importFrom", file.toString(), "SKIP_AND_REPORT");
        assertThat(report.get("imported")).isEqualTo((long) DOCUMENTS - 1);
        CompositeData[] skipped = (CompositeData[]) report.get("skipped");
        assertThat(skipped).as("the bad line alone: the end line counts it among the documents").hasSize(1);
        assertThat(skipped[0].get("line")).isEqualTo(3L);
        assertThat((String) skipped[0].get("message")).startsWith("malformed JSON");
    }

    @Test
    void aBadModeIsRefusedAndLeavesTheImportToBeFinished() throws Exception {
        Path file = dir.resolve("people.jsonl");
        invoke(source, "exportTo", file.toString());
        assertRefused(target, "importFrom", new Object[] {file.toString(), "MOST"},
                "unknown import mode 'MOST': expected ALL_OR_NOTHING or SKIP_AND_REPORT");
        assertRefused(target, "importFrom", new Object[] {file.toString(), null}, "unknown import mode null");
        String id = (String) invoke(target, "beginImport");
        invoke(target, "appendImport", id, Files.readAllBytes(file));
        assertRefused(target, "finishImport", new Object[] {id, "some"}, "unknown import mode 'some'");
        assertThat(((CompositeData) invoke(target, "finishImport", id, "all_or_nothing")).get("imported"))
                .isEqualTo((long) DOCUMENTS);
    }

    @Test
    void badArgumentsAreRefusedByNameAndChangeNothing() throws Exception {
        String export = (String) ((CompositeData) invoke(source, "beginExport")).get("id");
        String upload = (String) invoke(source, "beginImport");
        Map<String, Object[]> refusals = new LinkedHashMap<>();
        List<String> messages = new ArrayList<>();
        refusals.put("readExport", new Object[] {"nope", 0L, 10});
        messages.add("no export with id 'nope' is open on this cache");
        refusals.put("endExport", new Object[] {upload});
        messages.add("'" + upload + "' is an import, not an export");
        refusals.put("appendImport", new Object[] {export, new byte[] {1}});
        messages.add("'" + export + "' is an export, not an import");
        refusals.put("abortImport", new Object[] {null});
        messages.add("no import with id 'null'");
        int i = 0;
        for (Map.Entry<String, Object[]> refusal : refusals.entrySet()) {
            assertRefused(source, refusal.getKey(), refusal.getValue(), messages.get(i++));
        }
        assertRefused(source, "readExport", new Object[] {export, -1L, 10}, "offset must be from 0");
        assertRefused(source, "readExport", new Object[] {export, 1L << 40, 10}, "offset must be from 0");
        assertRefused(source, "readExport", new Object[] {export, 0L, 0}, "length must be from 1 to 8388608");
        assertRefused(source, "readExport", new Object[] {export, 0L, DocumentCacheMBean.MAX_CHUNK + 1},
                "length must be from 1 to");
        assertRefused(source, "appendImport", new Object[] {upload, new byte[0]}, "a chunk must hold from 1 to");
        assertRefused(source, "appendImport", new Object[] {upload, null}, "a chunk must hold from 1 to");
        assertRefused(target, "importFrom", new Object[] {" ", "ALL_OR_NOTHING"}, "a path on the cache's machine");
        assertRefused(target, "importFrom", new Object[] {dir.resolve("absent").toString(), "ALL_OR_NOTHING"},
                "no file " + dir.resolve("absent") + " on the cache's machine");
        assertRefused(source, "exportTo", new Object[] {""}, "a path on the cache's machine");
        assertThat(readAll(source, export, 1 << 20)).as("the export is still readable").isNotEmpty();
        assertThat(copy.iterator().hasNext()).isFalse();
        assertThat(people.figures().documents()).isEqualTo(DOCUMENTS);
    }

    @Test
    void aCacheHasAtMostFourTransfersOpen() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < TransferSessions.MAX_OPEN; i++) {
            ids.add((String) invoke(target, "beginImport"));
        }
        assertRefused(target, "beginImport", new Object[0], "4 transfers are open on this cache already");
        assertRefused(target, "beginExport", new Object[0], "4 transfers are open on this cache already");
        invoke(target, "abortImport", ids.get(0));
        invoke(target, "beginExport");
    }

    @Test
    void closingTheCacheEndsItsTransfersAndDeletesTheirFiles() throws Exception {
        String export = (String) ((CompositeData) invoke(source, "beginExport")).get("id");
        String upload = (String) invoke(source, "beginImport");
        invoke(source, "appendImport", upload, new byte[] {'{'});
        assertThat(filesOf(export)).hasSize(1);

        manager.getCache("people").close();

        assertThat(filesOf(export)).isEmpty();
        assertThat(filesOf(upload)).isEmpty();
        assertThat(SERVER.isRegistered(source)).isFalse();
    }

    private static void assertRefused(ObjectName bean, String operation, Object[] parameters, String message) {
        Throwable thrown = catchThrowable(() -> invoke(bean, operation, parameters));
        assertThat(thrown).as(operation).isExactlyInstanceOf(RuntimeMBeanException.class);
        RemoteJmxTest.assertJdkTypes(thrown, operation);
        assertThat(((RuntimeMBeanException) thrown).getTargetException()).as(operation)
                .isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class)
                .hasMessageStartingWith(message).hasNoCause();
    }
}
