package dev.docstore.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;

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
    void theReferenceFileNamesEveryKeyOfTheModelAndEveryPolicy() throws IOException {
        String reference;
        try (InputStream in = getClass().getResourceAsStream("reference.yaml")) {
            reference = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        List<String> keys = new ArrayList<>(List.of("caches", "default"));
        for (Class<?> model : List.of(CacheSettings.class, ExpirySettings.class, IndexSettings.class)) {
            Arrays.stream(model.getRecordComponents()).map(RecordComponent::getName).forEach(keys::add);
        }
        for (String key : keys) {
            assertThat(reference).as("reference.yaml documents '%s'", key).containsPattern("(?m)^[ -]*" + key + ":");
        }
        for (ExpiryPolicyName policy : ExpiryPolicyName.values()) {
            assertThat(reference).contains(policy.key());
        }
        assertThat(ConfigFile.class.getRecordComponents()).extracting(RecordComponent::getName)
                .containsExactly("caches", "defaultTemplate");
    }
}
