package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Store-by-value cannot change once a cache exists: setting it for a cache of the file is refused. */
class FileCacheStoreByValueTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource("docstore.yaml"))
            .overrideConfigKey("quarkus.docstore.config-file", "classpath:docstore.yaml")
            .overrideConfigKey("quarkus.docstore.caches.orders.store-by-value", "true")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.orders.store-by-value: ", "defined in classpath:docstore.yaml",
                    "set it there"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
