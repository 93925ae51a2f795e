package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A misspelt backend ({@code dokstore}) stops the application, naming the value. */
class UnknownCacheTypeTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Library.class))
            .overrideConfigKey("quarkus.cache.type", "dokstore")
            .assertException(failure -> assertThat(Failures.messages(failure))
                    .anyMatch(message -> message.contains("Unknown cache type: dokstore")));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
