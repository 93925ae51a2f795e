package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A cache is bounded by size or by weight: both stop the application, naming the properties. */
class MaximumSizeAndWeightTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.docstore.caches.sessions.maximum-size", "10")
            .overrideConfigKey("quarkus.docstore.caches.sessions.maximum-weight", "4096")
            .overrideConfigKey("quarkus.docstore.caches.sessions.weigher", "estimated-bytes")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.sessions.maximum-weight: ",
                    "bounded by quarkus.docstore.caches.sessions.maximum-size or by maximum-weight, not both"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
