package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.config.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A configuration file that is not there stops the start rather than leaving the manager empty. */
class MissingConfigFileTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.docstore.config-file", "classpath:nowhere.yaml")
            .assertException(Failures.causedBy(ConfigurationException.class, "classpath:nowhere.yaml",
                    "no such file"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
