package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
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
            .assertException(failure -> {
                Throwable bad = Failures.find(failure, ConfigurationException.class);
                assertThat(bad).as("a ConfigurationException in %s", failure).isNotNull();
                // the line is not checked: for a misspelt key, docstore names the line where the key's mapping ends
                assertThat(bad.getMessage()).startsWith("classpath:bad-docstore.yaml, line ")
                        .contains("at 'caches.books.statistcs'", "Unrecognized field");
            });

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
