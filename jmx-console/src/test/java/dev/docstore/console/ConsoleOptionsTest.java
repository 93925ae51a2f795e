package dev.docstore.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: every option, the defaults, and a message naming the option for every mistake. */
class ConsoleOptionsTest {
    private static final Map<String, String> NO_ENVIRONMENT = Map.of();

    @TempDir
    Path dir;

    private static ConsoleOptions parse(String... args) {
        return ConsoleOptions.parse(args, NO_ENVIRONMENT);
    }

    private static String usageError(String... args) {
        ConsoleOptions.UsageException e = catchThrowableOfType(ConsoleOptions.UsageException.class,
                () -> parse(args));
        assertThat(e).as("%s must be refused", String.join(" ", args)).isNotNull();
        return e.getMessage();
    }

    @Test
    void defaultsListenOnLoopbackAtAFreePortUnconnected() {
        ConsoleOptions options = parse();
        assertThat(options.bind().isLoopbackAddress()).isTrue();
        assertThat(options.bind().getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(options.port()).isZero();
        assertThat(options.hosts()).isEmpty();
        assertThat(options.demo()).isFalse();
        assertThat(options.orders()).isEqualTo(200_000);
        assertThat(options.rate()).isEqualTo(2_000);
        assertThat(options.url()).isNull();
        assertThat(options.user()).isNull();
        assertThat(options.password()).isNull();
        assertThat(options.pid()).isZero();
        assertThat(options.sampleInterval()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void everyOptionIsRead() throws IOException {
        ConsoleOptions demo = parse("--demo", "--orders", "5000", "--rate", "0", "--bind", "0.0.0.0", "--port",
                "8080", "--sample-interval", "250");
        assertThat(demo.demo()).isTrue();
        assertThat(demo.orders()).isEqualTo(5000);
        assertThat(demo.rate()).isZero();
        assertThat(demo.bind()).isEqualTo(InetAddress.getByName("0.0.0.0"));
        assertThat(demo.port()).isEqualTo(8080);
        assertThat(demo.sampleInterval()).isEqualTo(Duration.ofMillis(250));

        assertThat(parse("--pid", "4242").pid()).isEqualTo(4242);
        assertThat(parse("--bind", "192.0.2.10", "--host", "Console.Example", "--host", "proxy.example:8443",
                "--host", "[2001:db8::1]:80").hosts()).containsExactly("console.example", "proxy.example:8443",
                        "[2001:db8::1]:80");

        Path file = Files.writeString(dir.resolve("password"), "  s3cret \n");
        ConsoleOptions remote = parse("--url", "service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi", "--user",
                "ops", "--password-file", file.toString());
        assertThat(remote.url()).isEqualTo("service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi");
        assertThat(remote.user()).isEqualTo("ops");
        assertThat(remote.password()).containsExactly("s3cret".toCharArray());
    }

    @Test
    void thePasswordComesFromTheEnvironmentWhenNoFileIsGiven() {
        ConsoleOptions options = ConsoleOptions.parse(new String[] {"--url", "service:jmx:rmi://h", "--user", "ops"},
                Map.of("DOCSTORE_JMX_PASSWORD", "from-env"));
        assertThat(options.password()).containsExactly("from-env".toCharArray());
    }

    @Test
    void toStringHidesThePassword() {
        ConsoleOptions options = ConsoleOptions.parse(new String[] {"--url", "service:jmx:rmi://h", "--user", "ops"},
                Map.of("DOCSTORE_JMX_PASSWORD", "hunter2-secret"));
        assertThat(options.toString()).doesNotContain("hunter2-secret").contains("password=(hidden)", "user=ops");
        assertThat(parse().toString()).contains("password=none");
    }

    @Test
    void helpIsAUsageExceptionWithoutAMessage() {
        assertThat(usageError("--help")).isEmpty();
        assertThat(usageError("-h")).isEmpty();
        assertThat(ConsoleOptions.USAGE).contains("--demo", "--orders", "--rate", "--url", "--user",
                "--password-file", "--pid", "--bind", "--port", "--host", "--sample-interval", "--help");
    }

    @Test
    void mistakesAreRefusedWithAMessageNamingTheOption() {
        assertThat(usageError("--bogus")).contains("--bogus");
        for (String option : new String[] {"--orders", "--rate", "--url", "--user", "--password-file", "--pid",
            "--bind", "--port", "--host", "--sample-interval"}) {
            assertThat(usageError(option)).as("%s without a value", option).contains(option, "needs a value");
            assertThat(usageError(option, "--demo")).as("%s followed by an option", option)
                    .contains(option, "needs a value");
        }
        assertThat(usageError("--orders", "0")).contains("--orders", "was 0");
        assertThat(usageError("--orders", "10000001")).contains("--orders");
        assertThat(usageError("--rate", "-1")).contains("--rate", "was -1");
        assertThat(usageError("--port", "65536")).contains("--port", "65536");
        assertThat(usageError("--pid", "0")).contains("--pid");
        assertThat(usageError("--sample-interval", "10")).contains("--sample-interval", "10");
        assertThat(usageError("--port", "eighty")).contains("--port", "'eighty'");
        assertThat(usageError("--bind", "[nope")).contains("--bind", "[nope");
        for (String host : new String[] {"a b", "evil.example/x", "http://x", "x:0", "x:65536", "x:", "-x", "[nope",
            "user@x", "x:80:80"}) {
            assertThat(usageError("--host", host)).as("--host %s", host).contains("--host", "'" + host + "'");
        }
        assertThat(usageError("--password-file", dir.resolve("missing").toString())).contains("--password-file",
                "missing");
    }

    @Test
    void credentialsAndTargetsMustFitTogether() {
        assertThat(usageError("--url", "service:jmx:rmi://h", "--user", "ops")).contains("--user",
                "DOCSTORE_JMX_PASSWORD");
        assertThat(usageError("--user", "ops")).contains("--user", "--url");
        assertThat(usageError("--demo", "--url", "service:jmx:rmi://h")).contains("--demo", "--url");
        assertThat(usageError("--demo", "--pid", "12")).contains("--demo", "--pid");
        assertThat(usageError("--url", "service:jmx:rmi://h", "--pid", "12")).contains("--url", "--pid");
    }
}
