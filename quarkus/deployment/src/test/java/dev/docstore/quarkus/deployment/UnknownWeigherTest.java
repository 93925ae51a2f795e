package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A weigher that names nothing docstore can use stops the application, listing the forms it takes. */
class UnknownWeigherTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("quarkus.docstore.caches.sessions.maximum-weight", "4096")
            .overrideConfigKey("quarkus.docstore.caches.sessions.weigher", "estimated-byte")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.sessions.weigher: ",
                    "'estimated-byte' is neither the built-in weigher", "write estimated-bytes", "class name of a"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
