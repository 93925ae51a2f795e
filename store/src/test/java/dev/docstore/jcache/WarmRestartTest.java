package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache with a warm restart loads its file when created, saves it when closed and every interval, refuses to start
 * from a file it cannot load (leaving the file as it is), and a destroyed cache's file is deleted.
 */
class WarmRestartTest {
    private static final Duration AWAIT = Duration.ofSeconds(30);
    /** Held here: the logging framework keeps its loggers weakly, and with them a handler a test adds. */
    private static final Logger SAVE_LOG = Logger.getLogger(WarmRestartFile.class.getName());

    @TempDir
    Path folder;

    private final CacheManager manager = newManager("warm-restart");

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private static DocstoreConfiguration<String, Map<String, Object>> configuration(Path file,
                                                                                   Duration saveInterval) {
        DocstoreConfiguration<String, Map<String, Object>> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(keyType(), valueType());
        return configuration.addIndex(IndexDefinition.of("byCity", "city")).setWarmRestart(file, saveInterval);
    }

    private static Class<String> keyType() {
        return String.class;
    }

    @SuppressWarnings("unchecked") // a class literal cannot carry the type arguments of a document map
    private static Class<Map<String, Object>> valueType() {
        return (Class<Map<String, Object>>) (Class<?>) Map.class;
    }

    private static Map<String, Object> person(String name, String city) {
        return Map.of("name", name, "city", city);
    }

    @Test
    void aClosedCacheIsBackInTheNextManagerWithItsIndexes() {
        Path file = folder.resolve("state/people.jsonl");
        try (CacheManager first = newManager("warm-restart-first")) {
            Cache<String, Map<String, Object>> people = first.createCache("people", configuration(file, null));
            people.put("ana", person("Ana", "Porto"));
            people.put("bia", person("Bia", "Lisboa"));
            documents(people).createIndex(IndexDefinition.of("byName", "name"));
            assertThat(file).as("nothing is saved before the cache closes").doesNotExist();
        }
        assertThat(file).isRegularFile();

        Cache<String, Map<String, Object>> people = manager.createCache("people",
                configuration(file, null).setStatisticsEnabled(true));

        assertThat(people.get("ana")).isEqualTo(person("Ana", "Porto"));
        assertThat(people.get("bia")).isEqualTo(person("Bia", "Lisboa"));
        assertThat(documents(people).indexes()).extracting(IndexInfo::name, IndexInfo::entries)
                .containsExactlyInAnyOrder(tuple("byCity", 2L),
                        tuple("byName", 2L));
        assertThat(documents(people).lookup("byCity", "Porto")).extracting(DocstoreCacheEntry::getKey)
                .containsExactly("ana");
        assertThat(JCacheTesting.statistics(people).getCachePuts()).as("loading is no put").isZero();
    }

    @Test
    void closingTheCacheSavesItAndANewCacheOfTheNameLoadsIt() {
        Path file = folder.resolve("people.jsonl");
        Cache<String, Map<String, Object>> people = manager.createCache("people", configuration(file, null));
        people.put("ana", person("Ana", "Porto"));

        people.close();
        Cache<String, Map<String, Object>> again = manager.createCache("people", configuration(file, null));

        assertThat(again.get("ana")).isEqualTo(person("Ana", "Porto"));
    }

    @Test
    void aMissingFileIsAColdStart() {
        Path file = folder.resolve("not/yet/there.jsonl");

        Cache<String, Map<String, Object>> people = manager.createCache("people", configuration(file, null));

        assertThat(people.iterator()).isExhausted();
        people.close();
        assertThat(file).as("the first close creates it, directories too").isRegularFile();
    }

    @Test
    void theLoadedDocumentsAreNoEventsForTheConfiguredListeners() {
        Path file = folder.resolve("people.jsonl");
        Cache<String, Map<String, Object>> people = manager.createCache("people", configuration(file, null));
        people.put("ana", person("Ana", "Porto"));
        people.close();
        JCacheTesting.RecordingListener<String, Map<String, Object>> listener =
                new JCacheTesting.RecordingListener<>();
        DocstoreConfiguration<String, Map<String, Object>> withListener = configuration(file, null);
        withListener.addCacheEntryListenerConfiguration(JCacheTesting.listenerConfiguration(listener, false, true));

        Cache<String, Map<String, Object>> again = manager.createCache("people", withListener);
        again.put("bia", person("Bia", "Lisboa"));

        assertThat(again.get("ana")).isNotNull();
        assertThat(listener.events).extracting(JCacheTesting.Seen::type, JCacheTesting.Seen::key)
                .containsExactly(tuple(EventType.CREATED, "bia"));
    }

    @Test
    void aPeriodicSaveWritesTheFileWhileTheCacheIsOpen() throws IOException {
        Path file = folder.resolve("people.jsonl");
        Cache<String, Map<String, Object>> people =
                manager.createCache("people", configuration(file, Duration.ofMillis(20)));
        people.put("ana", person("Ana", "Porto"));
        await().atMost(AWAIT).until(() -> read(file).contains("\"ana\""));

        people.put("bia", person("Bia", "Lisboa"));

        await().atMost(AWAIT).until(() -> read(file).contains("\"bia\""));
        assertThat(read(file)).contains("\"ana\"").contains("{\"end\":{\"documents\":2}}");
    }

    @Test
    void aFailedPeriodicSaveKeepsThePreviousFileAndTheNextSaveSucceeds() throws IOException {
        Path file = folder.resolve("people.jsonl");
        Cache<String, Map<String, Object>> people =
                manager.createCache("people", configuration(file, Duration.ofMillis(20)));
        List<LogRecord> warnings = new CopyOnWriteArrayList<>();
        Handler recorder = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                    warnings.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        SAVE_LOG.addHandler(recorder);
        SAVE_LOG.setUseParentHandlers(false); // the expected warnings, kept out of the build's output
        try {
            // a non-empty directory where the file goes: renaming a file over it fails, so every save fails
            Files.createDirectories(file.resolve("blocker"));
            people.put("ana", person("Ana", "Porto"));
            await().atMost(AWAIT).until(() -> warnings.size() >= 2);

            Files.delete(file.resolve("blocker"));
            Files.delete(file);

            await().atMost(AWAIT).until(() -> read(file).contains("\"ana\""));
        } finally {
            SAVE_LOG.removeHandler(recorder);
            SAVE_LOG.setUseParentHandlers(true);
        }
        assertThat(warnings.get(0).getMessage()).startsWith("cache 'people': saving to " + file + " failed; the file"
                + " saved before is kept, and the next save, in PT0.02S, tries again");
        assertThat(warnings.get(0).getThrown()).isInstanceOf(UncheckedIOException.class);
        people.close(); // waits for a save in flight, whose temporary file is no leftover
        assertThat(leftovers(file)).as("a failed save deletes its temporary file").isEmpty();
    }

    @Test
    void aFailedSaveOnCloseIsThrownAndTheCacheIsClosedAllTheSame() throws IOException {
        Path file = folder.resolve("people.jsonl");
        Cache<String, Map<String, Object>> people = manager.createCache("people", configuration(file, null));
        Files.createDirectories(file.resolve("blocker"));

        WarmRestartException failure = catchThrowableOfType(WarmRestartException.class, people::close);

        assertThat(failure.getMessage()).startsWith("cache 'people' closed, but saving it to " + file + " failed");
        assertThat(failure.file()).isEqualTo(file);
        assertThat(people.isClosed()).isTrue();
        assertThat(manager.getCache("people")).isNull();
        assertThat(leftovers(file)).isEmpty();
    }

    @Test
    void aFileThatCannotBeLoadedRefusesTheCacheNamingTheLineAndIsLeftAsItIs() throws IOException {
        Path file = folder.resolve("people.jsonl");
        Cache<String, Map<String, Object>> people = manager.createCache("people", configuration(file, null));
        people.put("ana", person("Ana", "Porto"));
        people.put("bia", person("Bia", "Lisboa"));
        people.close();
        // a file cut before its end line, as no save leaves one (AtomicFiles) but a copy by hand might
        List<String> lines = Files.readAllLines(file);
        Files.write(file, lines.subList(0, lines.size() - 1));
        byte[] truncated = Files.readAllBytes(file);

        WarmRestartException failure = catchThrowableOfType(WarmRestartException.class,
                () -> manager.createCache("people", configuration(file, null)));

        assertThat(failure.getMessage()).startsWith("cache 'people' was not created: cannot import " + file
                + ": line ").contains("remove the cache's warm restart");
        assertThat(failure.file()).isEqualTo(file);
        assertThat(failure.line()).isPositive();
        assertThat(failure.getMessage()).contains("line " + failure.line() + ":");
        assertThat(Files.readAllBytes(file)).as("the file is untouched").isEqualTo(truncated);
        assertThat(manager.getCache("people")).isNull();
        assertThat(manager.getCacheNames()).isEmpty();

        Files.write(file, lines);
        assertThat(manager.createCache("people", configuration(file, null)).get("bia"))
                .as("the name is free again once the file is repaired").isEqualTo(person("Bia", "Lisboa"));
    }

    @Test
    void aFileThatIsNoExportRefusesTheCacheAtLineOne() throws IOException {
        Path file = folder.resolve("people.jsonl");
        Files.writeString(file, "name,city\nAna,Porto\n", StandardCharsets.UTF_8);

        WarmRestartException failure = catchThrowableOfType(WarmRestartException.class,
                () -> manager.createCache("people", configuration(file, Duration.ofMillis(10))));

        assertThat(failure.line()).isEqualTo(1);
        assertThat(failure.getMessage()).contains(file + ": line 1: ");
        assertThat(Files.readString(file)).isEqualTo("name,city\nAna,Porto\n");
    }

    @Test
    void leftoversOfAKilledSaveAreDeletedWhenTheCacheIsCreated() throws IOException {
        Path file = folder.resolve("people.jsonl");
        Path leftover = Files.writeString(folder.resolve("people.jsonl.12345.saving"), "{\"format\":");
        Path unrelated = Files.writeString(folder.resolve("other.jsonl.12345.saving"), "{}");

        manager.createCache("people", configuration(file, null));

        assertThat(leftover).doesNotExist();
        assertThat(unrelated).exists();
    }

    @Test
    void destroyingTheCacheDeletesItsFileInsteadOfSavingIt() throws IOException {
        Path file = folder.resolve("people.jsonl");
        Cache<String, Map<String, Object>> people = manager.createCache("people", configuration(file, null));
        people.put("ana", person("Ana", "Porto"));
        people.close();
        manager.createCache("people", configuration(file, Duration.ofMillis(10)));

        manager.destroyCache("people");

        assertThat(file).doesNotExist();
        assertThat(leftovers(file)).isEmpty();
        assertThat(manager.createCache("people", configuration(file, null)).iterator()).isExhausted();
    }

    @Test
    void closingTheManagerSavesEveryCache() {
        Path orders = folder.resolve("orders.jsonl");
        Path people = folder.resolve("people.jsonl");
        try (CacheManager other = newManager("warm-restart-two")) {
            other.createCache("orders", configuration(orders, null)).put("o1", person("Order", "Faro"));
            other.createCache("people", configuration(people, Duration.ofHours(1))).put("ana", person("Ana", "Porto"));
        }

        assertThat(manager.createCache("orders", configuration(orders, null)).get("o1")).isNotNull();
        assertThat(manager.createCache("people", configuration(people, null)).get("ana")).isNotNull();
    }

    @Test
    void aSaveIntervalMustBeAtLeastAMillisecond() {
        DocstoreConfiguration<String, String> configuration = new DocstoreConfiguration<>();
        Path file = folder.resolve("x.jsonl");

        assertThatThrownBy(() -> configuration.setWarmRestart(file, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("warmRestart saveInterval must be at least a millisecond, was PT0S (leave it unset to"
                        + " save only on close)");
        assertThatThrownBy(() -> configuration.setWarmRestart(file, Duration.ofSeconds(-5)))
                .hasMessageContaining("was PT-5S");
        assertThatThrownBy(() -> configuration.setWarmRestart(file, Duration.ofNanos(999_999)))
                .hasMessageContaining("at least a millisecond");
        assertThatThrownBy(() -> configuration.setWarmRestart(null, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a file");
        assertThat(configuration.getWarmRestart()).as("a refused setting changes nothing").isEmpty();
    }

    @Test
    void theWarmRestartIsPartOfTheConfigurationButNotOfATemplate() {
        Path file = folder.resolve("x.jsonl");
        DocstoreConfiguration<String, String> configuration = new DocstoreConfiguration<String, String>()
                .setWarmRestart(file, Duration.ofMinutes(5));

        DocstoreConfiguration<String, String> copy = new DocstoreConfiguration<>(configuration);

        assertThat(copy.getWarmRestart()).contains(WarmRestart.of(file, Duration.ofMinutes(5)));
        assertThat(copy).isEqualTo(configuration).hasSameHashCodeAs(configuration);
        assertThat(copy.removeWarmRestart()).isNotEqualTo(configuration);
        assertThat(new DocstoreConfiguration<String, String>().setWarmRestart(file, null))
                .isNotEqualTo(configuration);
        assertThat(configuration.applyTo(new MutableConfiguration<String, String>()).getWarmRestart())
                .as("a template's caches would all share one file").isEmpty();
        assertThat(configuration.getWarmRestart().orElseThrow().saveInterval()).contains(Duration.ofMinutes(5));
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> leftovers(Path file) throws IOException {
        try (var files = Files.list(file.getParent())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".saving")).toList();
        }
    }
}
