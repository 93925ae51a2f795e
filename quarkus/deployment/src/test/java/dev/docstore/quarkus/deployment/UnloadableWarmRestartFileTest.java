package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.docstore.jcache.WarmRestartException;
import io.quarkus.test.QuarkusUnitTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A warm-restart file the cache cannot load stops the application, naming the file and line, and is kept. */
class UnloadableWarmRestartFileTest {
    private static final String CONTENT = "this is no docstore export\n";
    /** Fixed: this class is loaded by JUnit and by Quarkus, and both must name the one file. */
    private static final Path FILE = Path.of("target", "unloadable-warm-restart", "orders.jsonl").toAbsolutePath();

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .setBeforeAllCustomizer(UnloadableWarmRestartFileTest::writeTheFile)
            .overrideConfigKey("quarkus.docstore.caches.orders.warm-restart.file", FILE.toString())
            .assertException(Failures.causedBy(WarmRestartException.class,
                    "cache 'orders' was not created: cannot import " + FILE + ": line 1: ",
                    "not JSON", "The file is left as it is"));

    private static void writeTheFile() {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, CONTENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theApplicationDoesNotStart() {
        fail("the application should not have started");
    }

    @AfterAll
    static void theFileIsLeftAsItWas() throws IOException {
        assertThat(Files.readString(FILE)).isEqualTo(CONTENT);
    }
}
