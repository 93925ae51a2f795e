package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.index.IndexDefinition;
import dev.docstore.transfer.ImportException;
import dev.docstore.transfer.ImportOptions;
import dev.docstore.transfer.ImportReport;
import dev.docstore.transfer.LineProblem;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each bad input of an import: refused with an {@link ImportException} naming its line, and the cache unchanged (the
 * same entries at the same versions, the same indexes); in skip-and-report mode, left out and reported.
 */
class ImportErrorsTest {
    private CacheManager manager;
    private Cache<String, Object> target;
    /** A good export of five documents (lines 2 to 6), with a unique index on "email". */
    private List<String> lines;

    @BeforeEach
    void setUp() {
        manager = newManager("import-errors");
        DocstoreConfiguration<String, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(String.class, Object.class);
        Cache<String, Object> source = manager.createCache("source", configuration);
        documents(source).createIndex(IndexDefinition.of("byEmail", List.of("email"), true));
        for (int i = 1; i <= 5; i++) {
            source.put("k" + i, Map.of("email", "user" + i + "@example.com", "n", i));
        }
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        documents(source).exportTo(file);
        lines = new ArrayList<>(List.of(file.toString(StandardCharsets.UTF_8).split("\n")));

        target = manager.createCache("target", configuration);
        documents(target).createIndex(IndexDefinition.of("byEmail", List.of("email"), true));
        target.put("existing", Map.of("email", "taken@example.com"));
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private InputStream file(List<String> fileLines) {
        return new ByteArrayInputStream((String.join("\n", fileLines) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private List<String> with(int line, UnaryOperator<String> change) {
        List<String> changed = new ArrayList<>(lines);
        changed.set(line - 1, change.apply(changed.get(line - 1)));
        return changed;
    }

    private Map<String, Object> state() {
        Map<String, Object> state = new HashMap<>();
        for (Cache.Entry<String, Object> entry : target) {
            state.put(entry.getKey(), entry.unwrap(DocstoreCacheEntry.class).version() + ":" + entry.getValue());
        }
        state.put("indexes", documents(target).indexNames());
        return state;
    }

    private void assertRefused(List<String> fileLines, long line, String message) {
        Map<String, Object> before = state();
        assertThatThrownBy(() -> documents(target).importFrom(file(fileLines), ImportOptions.allOrNothing()))
                .isInstanceOfSatisfying(ImportException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.getMessage()).contains("line " + line + ": ").contains(message);
                });
        assertThat(state()).as("the cache is unchanged").isEqualTo(before);
    }

    @Test
    void theGoodFileImports() {
        assertThat(documents(target).importFrom(file(lines), ImportOptions.allOrNothing()).imported()).isEqualTo(5);
    }

    @Test
    void anEmptyFileOrOneThatIsNotAnExportIsRefusedAtLineOne() {
        assertRefused(List.of(""), 1, "docstore export");
        assertRefused(List.of("not json"), 1, "not JSON");
        assertRefused(List.of("{\"format\": \"something-else\"}"), 1, "not a docstore export header");
        assertRefused(with(1, header -> header.replace("\"formatVersion\":1", "\"formatVersion\":2")), 1,
                "unknown format version 2");
        assertRefused(with(1, header -> header.replace("\"cache\":\"source\",", "")), 1, "\"cache\" must be a string");
    }

    @Test
    void aMalformedLineIsNamed() {
        assertRefused(with(3, line -> line.substring(0, line.length() - 1)), 3, "malformed JSON");
        assertRefused(with(3, line -> "[1, 2]"), 3, "one JSON object");
        assertRefused(with(3, line -> line + " {}"), 3, "more than one JSON value");
        assertRefused(with(4, line -> line.replace("\"version\"", "\"colour\"")), 4, "unknown field \"colour\"");
        assertRefused(with(4, line -> line.replace("\"version\":", "\"version\":\"x\",\"v\":")), 4,
                "\"version\" must be a whole number");
        assertRefused(with(5, line -> line.replace("{\"key\":\"k4\",", "{")), 5, "no key");
    }

    @Test
    void aKeyOrValueThatDoesNotFitTheCacheIsNamed() {
        assertRefused(with(2, line -> line.replace("\"key\":\"k1\"", "\"key\":{\"$long\":1}")), 2,
                "which does not fit the cache's key type java.lang.String");
        assertRefused(with(2, line -> line.replace("\"key\":\"k1\"", "\"key\":{\"$uuid\":\"nope\"}")), 2,
                "bad \"$uuid\" value");
        assertRefused(with(6, line -> line.replace("\"n\":", "\"n\":{\"$wat\":1},\"m\":")), 6,
                "unknown type mark \"$wat\"");
        assertRefused(with(2, line -> line.replaceFirst("\"value\":\\{.*},\"version\"", "\"value\":null,\"version\"")),
                2, "no value for key k1");
    }

    @Test
    void aValueThatDoesNotFitAStringCacheIsNamed() {
        DocstoreConfiguration<String, String> strings = new DocstoreConfiguration<>();
        strings.setTypes(String.class, String.class);
        Cache<String, String> cache = manager.createCache("strings", strings);
        assertThatThrownBy(() -> documents(cache).importFrom(file(lines), ImportOptions.allOrNothing()))
                .isInstanceOf(ImportException.class)
                .hasMessageContaining("line 2: the value of key k1 is a java.util.LinkedHashMap, which does not fit"
                        + " the cache's value type java.lang.String")
                .hasMessageContaining("and 4 more bad lines");
        assertThat(cache.iterator().hasNext()).isFalse();
    }

    @Test
    void aTruncatedFileOrAWrongCountIsRefused() {
        assertRefused(lines.subList(0, 4), 5, "ends without its end line");
        assertRefused(with(7, end -> end.replace("5", "6")), 7, "counts 6 documents but the file has 5");
        List<String> extra = new ArrayList<>(lines);
        extra.add(lines.get(2));
        assertRefused(extra, 8, "after the end line");
    }

    @Test
    void aRepeatedKeyIsRefusedAtItsSecondLine() {
        List<String> repeated = with(4, line -> lines.get(1).replace("user1@", "other@"));
        assertRefused(repeated, 4, "key k1 appears again (first at line 2)");
    }

    @Test
    void aUniqueValueHeldInTheCacheOrTwiceInTheFileIsRefused() {
        assertRefused(with(3, line -> line.replace("user2@example.com", "taken@example.com")), 3,
                "taken@example.com");
        assertRefused(with(5, line -> line.replace("user4@", "user1@")), 5, "user1@example.com");
    }

    @Test
    void anIndexOfTheFileThatTheCacheCannotHaveIsRefusedAtLineOne() {
        // the cache holds two documents with one "n"; the file wants "n" unique
        target.put("a", Map.of("n", 1));
        target.put("b", Map.of("n", 1));
        assertRefused(with(1, header -> header.replace("\"indexes\":[", "\"indexes\":[{\"name\":\"byN\","
                + "\"paths\":[\"n\"],\"unique\":true},")), 1, "cannot create index 'byN'");
    }

    @Test
    void bytesThatAreNotUtf8AreRefused() {
        byte[] good = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        int third = String.join("\n", lines.subList(0, 2)).getBytes(StandardCharsets.UTF_8).length + 1;
        good[third + 3] = (byte) 0xC3; // starts a two-byte sequence...
        good[third + 4] = (byte) 0x28; // ...that this byte cannot continue
        Map<String, Object> before = state();
        assertThatThrownBy(() -> documents(target).importFrom(new ByteArrayInputStream(good),
                ImportOptions.allOrNothing()))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isEqualTo(3))
                .hasMessageContaining("UTF-8");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void skipAndReportLeavesOutTheBadLinesAndAppliesTheRest() {
        List<String> bad = with(3, line -> line.substring(1));
        bad.set(4, bad.get(4).replace("user4@example.com", "taken@example.com"));
        ImportReport report = documents(target).importFrom(file(bad), ImportOptions.skipAndReport());
        assertThat(report.imported()).isEqualTo(3);
        assertThat(report.skipped()).extracting(LineProblem::line).containsExactly(3L, 5L);
        assertThat(report.skipped().get(1).message()).contains("taken@example.com");
        assertThat(target.containsKey("k1")).isTrue();
        assertThat(target.containsKey("k2")).isFalse();
        assertThat(target.containsKey("k4")).isFalse();

        // a file that is no export at all is refused whole in this mode too
        assertThatThrownBy(() -> documents(target).importFrom(file(List.of("{}")), ImportOptions.skipAndReport()))
                .isInstanceOf(ImportException.class).hasMessageContaining("line 1");
    }

    /** Takes a unique value that a later line of the import holds, as a concurrent writer could. */
    public static final class ConflictingWriter implements CacheEntryCreatedListener<String, Object>,
            java.io.Serializable {
        private static final long serialVersionUID = 1L;
        static volatile Cache<String, Object> cache;

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
            for (CacheEntryEvent<? extends String, ? extends Object> event : events) {
                if (event.getKey().equals("k2")) {
                    cache.put("intruder", Map.of("email", "user5@example.com"));
                }
            }
        }
    }

    @Test
    void aConflictThatAppearsWhileStoringUndoesWhatTheImportStored() {
        target.put("k1", Map.of("email", "old@example.com"));
        ConflictingWriter.cache = target;
        target.registerCacheEntryListener(new javax.cache.configuration.MutableCacheEntryListenerConfiguration<>(
                javax.cache.configuration.FactoryBuilder.factoryOf(ConflictingWriter.class), null, false, true));
        assertThatThrownBy(() -> documents(target).importFrom(file(lines), ImportOptions.allOrNothing()))
                .isInstanceOfSatisfying(ImportException.class, e -> assertThat(e.line()).isEqualTo(6))
                .hasMessageContaining("user5@example.com");
        assertThat(target.get("k1")).as("put back").isEqualTo(Map.of("email", "old@example.com"));
        for (String key : List.of("k2", "k3", "k4", "k5")) {
            assertThat(target.containsKey(key)).as(key).isFalse();
        }
        assertThat(target.containsKey("intruder")).as("the other writer's write stands").isTrue();
    }

    @Test
    void aMissingFileIsNamed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory) {
        java.nio.file.Path missing = directory.resolve("absent.jsonl");
        Map<String, Object> before = state();
        assertThatThrownBy(() -> documents(target).importFrom(missing, ImportOptions.allOrNothing()))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessage("cannot import " + missing + ": there is no such file");
        assertThat(state()).isEqualTo(before);
    }

    @Test
    void aClosedCacheAndNullArgumentsAreRefused() {
        assertThatThrownBy(() -> documents(target).importFrom((InputStream) null, ImportOptions.allOrNothing()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("in");
        assertThatThrownBy(() -> documents(target).importFrom(file(lines), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("options");
        assertThatThrownBy(() -> documents(target).exportTo((java.io.OutputStream) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("out");
        DocumentCache<String, Object> view = documents(target);
        target.close();
        assertThatThrownBy(() -> view.importFrom(file(lines), ImportOptions.allOrNothing()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> view.exportTo(new ByteArrayOutputStream()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
