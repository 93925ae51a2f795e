package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cache of the file has its warm restart from the file: setting one in properties is refused, naming it. */
class FileCacheWarmRestartTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource("docstore.yaml"))
            .overrideConfigKey("quarkus.docstore.config-file", "classpath:docstore.yaml")
            .overrideConfigKey("quarkus.docstore.caches.orders.warm-restart.file", "target/orders.jsonl")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.orders.warm-restart.file: ", "defined in classpath:docstore.yaml",
                    "set it there"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
