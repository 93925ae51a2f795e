package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With quarkus-micrometer present, a docstore cache with statistics reports Micrometer's {@code cache.*} meters (as
 * quarkus-cache's Caffeine caches do) and docstore's own figures.
 */
class MicrometerMetricsTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Library.class))
            .overrideConfigKey("quarkus.cache.type", "docstore")
            .overrideConfigKey("quarkus.docstore.statistics", "true");

    @Inject
    Library library;
    @Inject
    MeterRegistry registry;

    @Test
    void cacheResultHitsAndMissesAreMeters() {
        library.book("a-1");
        library.book("a-1");
        library.book("a-2");

        assertThat(registry.get("cache.gets").tags("cache", "books", "result", "hit").functionCounter().count())
                .isEqualTo(1);
        assertThat(registry.get("cache.gets").tags("cache", "books", "result", "miss").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("cache.puts").tags("cache", "books").functionCounter().count()).isEqualTo(2);
        assertThat(registry.get("docstore.cache.documents").tags("cache", "books").gauge().value()).isEqualTo(2);
    }
}
