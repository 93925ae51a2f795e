package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.cache.enabled=false} wins over {@code quarkus.cache.type=docstore}: nothing is cached. */
class CachingDisabledTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Library.class))
            .overrideConfigKey("quarkus.cache.type", "docstore")
            .overrideConfigKey("quarkus.cache.enabled", "false");

    @Inject
    Library library;
    @Inject
    CacheManager jcacheManager;

    @Test
    void everyCallRunsTheMethod() {
        library.book("a-1");
        library.book("a-1");

        assertThat(library.titleCalls).hasValue(2);
        assertThat(jcacheManager.getCacheNames()).isEmpty();
    }
}
