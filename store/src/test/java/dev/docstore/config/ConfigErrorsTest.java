package dev.docstore.config;

import static dev.docstore.config.ConfigTesting.manager;
import static dev.docstore.config.ConfigTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of mistake fails with a {@link ConfigurationException} naming the file, the line and the key, and leaves
 * nothing behind: the valid cache before the mistake is not created, and no manager is registered.
 */
class ConfigErrorsTest {
    @TempDir
    Path folder;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key        | 4 | caches.bad.statistic     | 'statistic: true'
            string for boolean | 4 | caches.bad.statistics    | 'statistics: "yes"'
            number for class   | 4 | caches.bad.keyType       | 'keyType: 5'
            unknown class      | 4 | caches.bad.valueType     | 'valueType: com.example.NoSuchThing'
            not a copier       | 4 | caches.bad.copier        | 'copier: java.lang.String'
            unknown policy     | 4 | caches.bad.expiry.policy | 'expiry: {policy: forever, duration: PT1M}'
            bad duration       | 4 | caches.bad.expiry.duration | 'expiry: {policy: created, duration: 10 minutes}'
            duplicate index    | 4 | caches.bad.indexes       | 'indexes: [{name: a, paths: [x]}, {name: a, paths: [y]}]'
            index without path | 4 | caches.bad.indexes[0].paths | 'indexes: [{name: a, paths: []}]'
            duplicate key      | 4 | caches.bad.statistics    | 'statistics: true, statistics: false'
            zero maximum size  | 4 | caches.bad.maximumSize   | 'maximumSize: 0'
            negative size      | 4 | caches.bad.maximumSize   | 'maximumSize: -5'
            text for size      | 4 | caches.bad.maximumSize   | 'maximumSize: many'
            negative weight    | 4 | caches.bad.maximumWeight | '{maximumWeight: -1, weigher: dev.docstore.config.ConfigLoadingTest$LengthWeigher}'
            size and weight    | 4 | caches.bad.maximumWeight | '{maximumSize: 10, maximumWeight: 10, weigher: dev.docstore.config.ConfigLoadingTest$LengthWeigher}'
            weight, no weigher | 4 | caches.bad.maximumWeight | 'maximumWeight: 100'
            weigher, no weight | 4 | caches.bad.weigher       | 'weigher: dev.docstore.config.ConfigLoadingTest$LengthWeigher'
            not a weigher      | 4 | caches.bad.weigher       | '{maximumWeight: 100, weigher: java.lang.String}'
            misspelt weigher   | 4 | caches.bad.weigher       | '{maximumWeight: 100, weigher: estimated-byte}'
            unknown weigher    | 4 | caches.bad.weigher       | '{maximumWeight: 100, weigher: com.example.NoSuchWeigher}'
            number for weigher | 4 | caches.bad.weigher       | '{maximumWeight: 100, weigher: 5}'
            abstract weigher   | 4 | caches.bad.weigher       | '{maximumWeight: 100, weigher: dev.docstore.jcache.Weigher}'
            text for timestamps| 4 | caches.bad.keepTimestamps | 'keepTimestamps: "often"'
            restart, no file   | 4 | caches.bad.warmRestart.file | 'warmRestart: {saveInterval: PT5M}'
            blank restart file | 4 | caches.bad.warmRestart.file | 'warmRestart: {file: " "}'
            zero save interval | 4 | caches.bad.warmRestart.saveInterval | 'warmRestart: {file: x, saveInterval: PT0S}'
            negative interval  | 4 | caches.bad.warmRestart.saveInterval | 'warmRestart: {file: x, saveInterval: PT-5M}'
            bad save interval  | 4 | caches.bad.warmRestart.saveInterval | 'warmRestart: {file: x, saveInterval: 5 min}'
            number interval    | 4 | caches.bad.warmRestart.saveInterval | 'warmRestart: {file: x, saveInterval: 300}'
            unknown restart key| 4 | caches.bad.warmRestart.interval | 'warmRestart: {file: x, interval: PT5M}'
            restart as a path  | 4 | caches.bad.warmRestart   | 'warmRestart: /tmp/x.jsonl'
            """)
    void aMistakeNamesFileLineAndKeyAndCreatesNothing(String mistake, int line, String key, String setting) {
        String yaml = """
                caches:
                  good: {statistics: true}
                  bad:
                    %s
                """.formatted(setting.contains(", statistics") ? "{" + setting + "}" : setting);
        if (setting.contains(", statistics")) {
            yaml = "caches:\n  good: {statistics: true}\n  bad:\n    {statistics: true, statistics: false}\n";
        }
        URI uri = write(folder, "docstore.yaml", yaml);

        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, () -> manager(uri));

        assertThat(failure).isInstanceOf(CacheException.class);
        assertThat(failure.file()).isEqualTo(uri);
        assertThat(failure.key()).isEqualTo(key);
        assertThat(failure.line()).isEqualTo(line);
        assertThat(failure.getMessage()).startsWith(uri + ", line " + failure.line() + ", at '" + key + "': ");
        assertNothingWasCreated(uri);
    }

    /** A weigher the file cannot use is refused with the forms it accepts, whatever is wrong with it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            misspelt built-in | estimated-byte              | 'estimated-byte' is neither the built-in weigher
            unknown class     | com.example.NoSuchWeigher   | 'com.example.NoSuchWeigher' is neither the built-in
            not a weigher     | java.lang.String            | java.lang.String is not a dev.docstore.jcache.Weigher
            an interface      | dev.docstore.jcache.Weigher | dev.docstore.jcache.Weigher has no public no-argument
            not a name        | 5                           | expected a weigher, found VALUE_NUMBER_INT
            """)
    void aBadWeigherIsRefusedListingTheAcceptedForms(String mistake, String weigher, String problem) {
        URI uri = write(folder, "docstore.yaml", "caches:\n  bad:\n    maximumWeight: 100\n    weigher: " + weigher
                + "\n");

        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, () -> manager(uri));

        assertThat(failure.getMessage()).startsWith(uri + ", line 4, at 'caches.bad.weigher': " + problem)
                .endsWith(": write estimated-bytes (the built-in weigher, by estimated heap bytes) or the class name"
                        + " of a dev.docstore.jcache.Weigher with a public no-argument constructor");
    }

    /**
     * In block style a YAML parser reports the end of a mapping on the line after its last key, and a value checked
     * once its object is complete is reported there too; the error must still name the key's own line.
     */
    static Stream<Arguments> blockStyleMistakes() {
        return Stream.of(
                Arguments.of("unknown last key of a block", 6, "caches.bad.statistic", """
                        caches:
                          good:
                            statistics: true
                          bad:
                            statistics: true
                            statistic: true
                        """),
                Arguments.of("bad duration after a blank line in a nested block", 9, "caches.bad.expiry.duration", """
                        caches:
                          good:
                            statistics: true
                          bad:
                            statistics: true
                            expiry:
                              policy: created

                              duration: ten minutes
                        """),
                Arguments.of("empty paths in a block list", 9, "caches.bad.indexes[1].paths", """
                        caches:
                          good:
                            statistics: true
                          bad:
                            indexes:
                              - name: a
                                paths: [x]
                              - name: b
                                paths: []
                            statistics: true
                        """),
                Arguments.of("a warm restart in the default template", 6, "default.warmRestart", """
                        caches:
                          good:
                            statistics: true
                        default:
                          statistics: true
                          warmRestart:
                            file: /tmp/shared.jsonl
                        """),
                Arguments.of("two caches saving one file", 7, "caches.second.warmRestart.file", """
                        caches:
                          first:
                            warmRestart: {file: /tmp/one.jsonl}
                          second:
                            statistics: true
                            warmRestart:
                              file: /tmp/../tmp/one.jsonl
                        """),
                Arguments.of("unknown key at the end of the default template", 6, "default.nope", """
                        caches:
                          good:
                            statistics: true
                        default:
                          statistics: true
                          nope: 1
                        """));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockStyleMistakes")
    void aMistakeInBlockStyleNamesTheLineOfItsKey(String mistake, int line, String key, String yaml) {
        URI uri = write(folder, "docstore.yaml", yaml);

        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, () -> manager(uri));

        assertThat(failure.key()).isEqualTo(key);
        assertThat(failure.line()).as(yaml).isEqualTo(line);
        assertThat(failure.getMessage()).startsWith(uri + ", line " + line + ", at '" + key + "': ");
    }

    @Test
    void aMissingClasspathFileNamesTheFile() {
        URI uri = URI.create("classpath:dev/docstore/config/no-such-file.yaml");
        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, () -> manager(uri));
        assertThat(failure.getMessage()).isEqualTo(uri + ": no such file");
    }

    @Test
    void aJsonSyntaxErrorNamesItsLine() {
        URI uri = write(folder, "docstore.json", "{\"caches\": {\n  \"a\": {\n    \"statistics\": tru\n}}}");
        ConfigurationException failure = catchThrowableOfType(ConfigurationException.class, () -> manager(uri));
        assertThat(failure.line()).isEqualTo(3);
        assertThat(failure.getMessage()).startsWith(uri + ", line 3");
    }

    /** Once the file is fixed, the manager holds only the fixed file's caches: the failure left nothing behind. */
    private void assertNothingWasCreated(URI uri) {
        write(folder, uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1), "caches: {fixed: {}}");
        try (CacheManager manager = manager(uri)) {
            assertThat(manager.getCacheNames()).containsExactly("fixed");
        }
    }
}
