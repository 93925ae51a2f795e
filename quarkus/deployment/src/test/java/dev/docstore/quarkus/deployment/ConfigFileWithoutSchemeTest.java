package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code config-file=docstore.yaml} (no scheme) names no file to the provider, which would start an empty manager:
 * the extension refuses it and says what to write.
 */
class ConfigFileWithoutSchemeTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource("docstore.yaml"))
            .overrideConfigKey("quarkus.docstore.config-file", "docstore.yaml")
            .assertException(Failures.causedBy(DocstoreSettingException.class, "quarkus.docstore.config-file: ",
                    "'docstore.yaml' names no file", "classpath:docstore.yaml"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
