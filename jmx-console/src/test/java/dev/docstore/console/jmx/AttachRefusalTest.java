package dev.docstore.console.jmx;

import static dev.docstore.console.testing.ConsoleHarness.error;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.console.testing.ConsoleHarness;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Connecting by process id to a process that is not a JVM: the console refuses before it sends the process anything
 * (attaching starts with SIGQUIT, which kills most programs), so a {@code sleep} it is pointed at lives on, and a
 * process id nobody uses is refused the same way. The refusal names the process id.
 */
@Timeout(60)
class AttachRefusalTest {
    private ConsoleHarness harness;
    private Process sleeper;

    @BeforeEach
    void start() {
        harness = new ConsoleHarness();
    }

    @AfterEach
    void stop() throws InterruptedException {
        harness.close();
        if (sleeper != null) {
            sleeper.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcessThatIsNotAJvmIsRefusedAndLeftRunning() throws IOException {
        sleeper = new ProcessBuilder("sleep", "600").start();
        HttpResponse<String> refused = harness.post("/api/connect", Map.of("pid", sleeper.pid()));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).contains("process " + sleeper.pid(), "not a JVM");
        assertThat(sleeper.isAlive()).as("the sleep the console was pointed at").isTrue();
        assertThat(harness.console.session()).isEmpty();
    }

    @Test
    void aProcessIdNobodyUsesIsRefused() throws IOException, InterruptedException {
        Process ended = new ProcessBuilder("true").start();
        assertThat(ended.waitFor(20, TimeUnit.SECONDS)).isTrue();
        long pid = ended.pid();
        assertThat(ProcessHandle.of(pid)).as("process %d is gone", pid).isEmpty();
        HttpResponse<String> refused = harness.post("/api/connect", Map.of("pid", pid));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(error(refused)).contains("process " + pid, "not a JVM");
        assertThat(harness.console.session()).isEmpty();
    }
}
