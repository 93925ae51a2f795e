package dev.docstore.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.console.demo.Demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Starting the console from options: what it prints, and how it starts when its target cannot be reached. */
class ConsoleMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ConsoleMain.Running start(ConsoleOptions options) {
        return ConsoleMain.start(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void printsTheUrlWithTheTokenOnLoopback() {
        try (ConsoleMain.Running running = start(ConsoleOptions.parse(new String[0], Map.of()))) {
            assertThat(out.toString(StandardCharsets.UTF_8).strip()).isEqualTo("docstore console: http://127.0.0.1:"
                    + running.server().port() + "/?token=" + running.server().token());
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
            assertThat(running.console().session()).isEmpty();
        }
    }

    @Test
    void anUnreachableTargetStartsTheConsoleUnconnectedAndForgetsThePassword() throws IOException {
        String password = "never-print-" + System.nanoTime();
        String url = "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + closedPort() + "/jmxrmi";
        ConsoleOptions options = ConsoleOptions.parse(new String[] {"--url", url, "--user", "ops"},
                Map.of("DOCSTORE_JMX_PASSWORD", password));
        try (ConsoleMain.Running running = start(options)) {
            String errors = err.toString(StandardCharsets.UTF_8);
            assertThat(errors).contains("could not connect", url, "starts unconnected").doesNotContain(password);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("docstore console: http://127.0.0.1:")
                    .doesNotContain(password);
            assertThat(running.console().session()).isEmpty();
            assertThat(options.password()).as("the password is wiped once used").containsOnly('\0');
        }
    }

    @Test
    void aPortInUseStopsWhatWasStartedAndSaysWhichPort() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ConsoleOptions options = ConsoleOptions.parse(new String[] {"--demo", "--orders", "100", "--rate", "0",
                "--port", String.valueOf(taken.getLocalPort())}, Map.of());
            assertThatThrownBy(() -> start(options)).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining("cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
        // the demo that was started for it was closed: another one can start
        Demo.start(100, 0, 1).close();
    }
}
