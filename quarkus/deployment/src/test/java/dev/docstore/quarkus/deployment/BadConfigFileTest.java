package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.config.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A configuration file with a misspelt key stops the start, naming the file and the key. */
class BadConfigFileTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource("bad-docstore.yaml"))
            .overrideConfigKey("quarkus.docstore.config-file", "classpath:bad-docstore.yaml")
            // the line is not checked: for a misspelt key, docstore names the line where the key's mapping ends
            .assertException(Failures.causedBy(ConfigurationException.class, "classpath:bad-docstore.yaml, line ",
                    "at 'caches.books.statistcs'", "Unrecognized field"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
