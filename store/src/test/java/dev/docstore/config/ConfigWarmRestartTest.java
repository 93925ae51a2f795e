package dev.docstore.config;

import static dev.docstore.config.ConfigTesting.documents;
import static dev.docstore.config.ConfigTesting.manager;
import static dev.docstore.config.ConfigTesting.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.WarmRestart;
import dev.docstore.jcache.WarmRestartException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache's {@code warmRestart} in the file: set on the cache, saved when the manager closes, loaded by the next; and
 * {@code keepTimestamps}, which its exports carry.
 */
class ConfigWarmRestartTest {
    @TempDir
    Path folder;

    private URI configFile(Path orders) {
        return write(folder, "docstore.yaml", """
                caches:
                  orders:
                    keyType: java.lang.String
                    indexes:
                      - name: byCustomer
                        paths: [customer]
                    warmRestart:
                      file: %s
                      saveInterval: PT5M
                    keepTimestamps: true
                  scratch: {}
                """.formatted(orders));
    }

    @Test
    void theFileSetsTheWarmRestartOfItsCacheOnly() {
        Path orders = folder.resolve("orders.jsonl");
        try (CacheManager manager = manager(configFile(orders))) {
            assertThat(ConfigTesting.configuration(manager.getCache("orders")).getWarmRestart())
                    .contains(WarmRestart.of(orders, Duration.ofMinutes(5)));
            assertThat(ConfigTesting.configuration(manager.getCache("scratch")).getWarmRestart()).isEmpty();
            assertThat(ConfigTesting.configuration(manager.getCache("orders")).isKeepingTimestamps()).isTrue();
            assertThat(ConfigTesting.configuration(manager.getCache("scratch")).isKeepingTimestamps()).isFalse();
        }
    }

    @Test
    void aManagerClosedSavesTheCacheAndTheNextManagerOfTheFileLoadsIt() {
        Path orders = folder.resolve("orders.jsonl");
        URI uri = configFile(orders);
        try (CacheManager manager = manager(uri)) {
            manager.getCache("orders", String.class, Object.class).put("o-1", Map.of("customer", "ana"));
        }
        assertThat(orders).isRegularFile();

        try (CacheManager manager = manager(uri)) {
            Cache<String, Object> cache = manager.getCache("orders", String.class, Object.class);
            assertThat(cache.get("o-1")).isEqualTo(Map.of("customer", "ana"));
            assertThat(documents(cache).indexes()).extracting(IndexInfo::name, IndexInfo::entries)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("byCustomer", 1L));
        }
    }

    @Test
    void aFileTheCacheCannotLoadRefusesTheManagerAndIsLeftAsItIs() throws IOException {
        Path orders = Files.writeString(folder.resolve("orders.jsonl"), "not an export\n");
        URI uri = configFile(orders);

        WarmRestartException failure = catchThrowableOfType(WarmRestartException.class, () -> manager(uri));

        assertThat(failure.getMessage()).startsWith("cache 'orders' was not created: cannot import " + orders
                + ": line 1: ");
        assertThat(failure.file()).isEqualTo(orders);
        assertThat(Files.readString(orders)).isEqualTo("not an export\n");
    }
}
