package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A weight bound that is not positive stops the application, naming the property. */
class NonPositiveMaximumWeightTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.docstore.caches.sessions.maximum-weight", "0")
            .overrideConfigKey("quarkus.docstore.caches.sessions.weigher", "estimated-bytes")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.sessions.maximum-weight: ", "maximumWeight must be positive, was 0"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
