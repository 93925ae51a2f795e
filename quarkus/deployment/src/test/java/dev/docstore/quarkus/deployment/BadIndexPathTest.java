package dev.docstore.quarkus.deployment;

import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.quarkus.DocstoreSettingException;
import io.quarkus.test.QuarkusUnitTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An index docstore cannot build (two list paths) stops the start, naming the property. */
class BadIndexPathTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.docstore.caches.posts.indexes.byTag.paths", "tags[],labels[]")
            .assertException(Failures.causedBy(DocstoreSettingException.class,
                    "quarkus.docstore.caches.posts.indexes.byTag.paths: ", "at most one"));

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }
}
