package dev.docstore.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.jcache.WarmRestart;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reference file stays loadable and documents every key of the model, so it cannot rot. */
class ConfigReferenceTest {
    private static final URI REFERENCE = URI.create("classpath:dev/docstore/config/reference.yaml");

    @Test
    void theReferenceFileLoadsAndCreatesItsExampleCache() {
        ConfigFile file = ConfigFileSource.parse(REFERENCE, getClass().getClassLoader());
        assertThat(file.caches()).containsOnlyKeys("books");
        assertThat(file.defaultTemplate()).isNotNull();
        try (CacheManager manager = ConfigTesting.manager(REFERENCE)) {
            assertThat(manager.getCacheNames()).containsExactly("books");
        }
    }

    @Test
    void theCommentedWarmRestartExampleIsValid(@TempDir Path folder) throws IOException {
        String reference = reference();
        StringBuilder example = new StringBuilder();
        for (String line : reference.split("\n")) {
            if (line.startsWith("    #   ")) {
                example.append("    ").append(line.substring("    #   ".length())).append('\n');
            }
        }
        Path file = folder.resolve("books.jsonl");
        String uncommented = reference.replace("    warmRestart: null\n", example.toString()
                .replace("/var/lib/app/books.jsonl", file.toString()));
        URI uri = ConfigTesting.write(folder, "reference.yaml", uncommented);

        CacheSettings books = ConfigFileSource.parse(uri, getClass().getClassLoader()).caches().get("books");

        assertThat(books.warmRestart()).isEqualTo(new WarmRestartSettings(file.toString(), "PT5M"));
        assertThat(books.toConfiguration().getWarmRestart()).contains(WarmRestart.of(file, Duration.ofMinutes(5)));
    }

    private String reference() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("reference.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theReferenceFileNamesEveryKeyOfTheModelAndEveryPolicy() throws IOException {
        String reference = reference();
        List<String> keys = new ArrayList<>(List.of("caches", "default"));
        for (Class<?> model : List.of(CacheSettings.class, ExpirySettings.class, IndexSettings.class)) {
            Arrays.stream(model.getRecordComponents()).map(RecordComponent::getName).forEach(keys::add);
        }
        for (String key : keys) {
            assertThat(reference).as("reference.yaml documents '%s'", key).containsPattern("(?m)^[ -]*" + key + ":");
        }
        // the example cache cannot have a warm restart (it would write a file wherever the reference is read), so
        // these keys are documented in a commented example, which the next test reads
        for (RecordComponent key : WarmRestartSettings.class.getRecordComponents()) {
            assertThat(reference).as("reference.yaml documents warmRestart.%s", key.getName())
                    .containsPattern("(?m)^    #     " + key.getName() + ":");
        }
        for (ExpiryPolicyName policy : ExpiryPolicyName.values()) {
            assertThat(reference).contains(policy.key());
        }
        assertThat(ConfigFile.class.getRecordComponents()).extracting(RecordComponent::getName)
                .containsExactly("caches", "defaultTemplate");
    }
}
