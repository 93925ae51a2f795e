package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.WarmRestart;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code warm-restart.file} and {@code warm-restart.save-interval} give a cache the file does not define a warm
 * restart: it starts with the documents of the file, saves it while the application runs, and when it stops.
 */
class WarmRestartTest {
    /**
     * Fixed, not a fresh temporary folder: this class is loaded twice, by JUnit and by Quarkus, and both must see the
     * one folder; the folder is emptied before the application starts.
     */
    private static final Path FOLDER = Path.of("target", "warm-restart-test").toAbsolutePath();
    private static final Path ORDERS = FOLDER.resolve("orders.jsonl");
    private static final Path DRAFTS = FOLDER.resolve("drafts.jsonl");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .setBeforeAllCustomizer(WarmRestartTest::saveAnEarlierRun)
            .overrideConfigKey("quarkus.docstore.caches.orders.warm-restart.file", ORDERS.toString())
            .overrideConfigKey("quarkus.docstore.caches.orders.warm-restart.save-interval", "PT0.05S")
            .overrideConfigKey("quarkus.docstore.caches.drafts.warm-restart.file", DRAFTS.toString())
            .setAfterAllCustomizer(WarmRestartTest::draftsWereSavedWhenTheApplicationStopped);

    @Inject
    CacheManager jcacheManager;

    /** The file of an earlier run: a cache of the same name, closed. */
    private static void saveAnEarlierRun() {
        try {
            Files.createDirectories(FOLDER);
            try (var files = Files.list(FOLDER)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (CacheManager earlier = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                .getCacheManager(URI.create("urn:docstore-warm-restart-earlier-run"),
                        WarmRestartTest.class.getClassLoader())) {
            DocstoreConfiguration<Object, Object> configuration = new DocstoreConfiguration<>();
            configuration.setTypes(Object.class, Object.class);
            earlier.createCache("orders", configuration.setWarmRestart(ORDERS, null))
                    .put("o-1", Map.of("customer", "ana"));
        }
    }

    private static void draftsWereSavedWhenTheApplicationStopped() {
        try {
            assertThat(Files.readString(DRAFTS)).contains("\"d-1\"");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theCacheStartsWithTheFileAndSavesItWhileTheApplicationRuns() {
        Cache<Object, Object> orders = jcacheManager.getCache("orders");
        assertThat(orders.get("o-1")).isEqualTo(Map.of("customer", "ana"));
        assertThat(configuration(orders).getWarmRestart()).contains(WarmRestart.of(ORDERS, Duration.ofMillis(50)));

        orders.put("o-2", Map.of("customer", "bia"));

        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(ORDERS).contains("\"o-2\""));
    }

    @Test
    void withoutAnIntervalTheCacheSavesWhenTheApplicationStops() {
        Cache<Object, Object> drafts = jcacheManager.getCache("drafts");
        assertThat(configuration(drafts).getWarmRestart()).contains(WarmRestart.of(DRAFTS, null));

        drafts.put("d-1", Map.of("title", "draft"));

        assertThat(DRAFTS).as("saved only when the application stops (checked after it has)").doesNotExist();
    }

    @SuppressWarnings("unchecked") // getConfiguration takes a raw class; every docstore cache has this configuration
    private static DocstoreConfiguration<?, ?> configuration(Cache<?, ?> cache) {
        return cache.getConfiguration(DocstoreConfiguration.class);
    }
}
