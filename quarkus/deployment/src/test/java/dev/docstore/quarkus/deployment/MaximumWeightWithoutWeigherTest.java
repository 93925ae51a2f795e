package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A weight bound with nothing to weigh entries stops the application, listing the weighers it takes. */
class MaximumWeightWithoutWeigherTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.docstore.caches.sessions.maximum-weight", "4096")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.sessions.maximum-weight: ",
                    "needs quarkus.docstore.caches.sessions.weigher", "write estimated-bytes", "class name of a"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
