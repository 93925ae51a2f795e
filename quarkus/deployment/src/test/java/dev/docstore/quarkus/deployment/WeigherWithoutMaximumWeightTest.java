package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A weigher without a weight bound would weigh for nothing: it stops the application. */
class WeigherWithoutMaximumWeightTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.docstore.caches.sessions.weigher", "estimated-bytes")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.sessions.weigher: ",
                    "only for quarkus.docstore.caches.sessions.maximum-weight, which is not set"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
