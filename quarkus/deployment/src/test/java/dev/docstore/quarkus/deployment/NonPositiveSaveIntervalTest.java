package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A save interval that is not positive stops the application with a message naming the property. */
class NonPositiveSaveIntervalTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.docstore.caches.orders.warm-restart.file", "target/orders.jsonl")
            .overrideConfigKey("quarkus.docstore.caches.orders.warm-restart.save-interval", "0s")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.orders.warm-restart.save-interval: ",
                    "saveInterval must be at least a millisecond, was PT0S"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
