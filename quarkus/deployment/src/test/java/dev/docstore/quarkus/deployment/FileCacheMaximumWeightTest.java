package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cache of the file has its bound from the file: a weight bound in properties is refused, naming the property. */
class FileCacheMaximumWeightTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource("docstore.yaml"))
            .overrideConfigKey("quarkus.docstore.config-file", "classpath:docstore.yaml")
            .overrideConfigKey("quarkus.docstore.caches.orders.maximum-weight", "4096")
            .overrideConfigKey("quarkus.docstore.caches.orders.weigher", "estimated-bytes")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.orders.maximum-weight: ",
                    "defined in classpath:docstore.yaml", "set it there"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
