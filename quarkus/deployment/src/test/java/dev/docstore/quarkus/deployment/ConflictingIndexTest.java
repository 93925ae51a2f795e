package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An index in the properties that the file defines otherwise stops the start, naming both definitions. */
class ConflictingIndexTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addAsResource("docstore.yaml"))
            .overrideConfigKey("quarkus.docstore.config-file", "classpath:docstore.yaml")
            .overrideConfigKey("quarkus.docstore.caches.books.indexes.byAuthor.paths", "authors[]")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.books.indexes.byAuthor: ", "on [author] from classpath:docstore.yaml",
                    "this one is on [authors[]]"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
