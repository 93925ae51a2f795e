package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A bound that makes no sense stops the application with a message naming the property and the setting. */
class NonPositiveMaximumSizeTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.docstore.caches.sessions.maximum-size", "0")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.sessions.maximum-size: ", "maximumSize must be positive, was 0"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
