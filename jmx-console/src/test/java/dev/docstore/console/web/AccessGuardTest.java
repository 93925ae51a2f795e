package dev.docstore.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.console.Console;
import dev.docstore.console.web.AccessGuard.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.jetty.http.HttpFields;
import org.junit.jupiter.api.Test;

/**
 * The names the console answers to and the guard that checks them, configured as a console listening beyond
 * loopback would be ({@code --bind} an address of the machine, {@code --host} the names browsers use): the bind
 * address and the given names are accepted in {@code Host} and in a change's {@code Origin}, and nothing else is,
 * loopback names included. The last test serves such a configuration for real, on 127.0.0.1.
 */
class AccessGuardTest {
    private static final int PORT = 8443;
    private static final String TOKEN = "the-token";
    private static final String CSRF = "the-csrf-token";

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static AccessGuard beyondLoopback() {
        return new AccessGuard(TOKEN, CSRF, PORT, HostNames.accepted(address("192.0.2.10"), PORT,
                List.of("Console.Example", "proxy.example:80")));
    }

    private static Verdict read(AccessGuard guard, String host) {
        HttpFields.Mutable headers = HttpFields.build().add("Authorization", "Bearer " + TOKEN);
        if (host != null) {
            headers.add("Host", host);
        }
        return guard.check("GET", headers, null);
    }

    private static Verdict change(AccessGuard guard, String host, String origin) {
        HttpFields.Mutable headers = HttpFields.build().add("Authorization", "Bearer " + TOKEN).add("Host", host)
                .add(AccessGuard.CSRF_HEADER, CSRF);
        if (origin != null) {
            headers.add("Origin", origin);
        }
        return guard.check("POST", headers, null);
    }

    @Test
    void beyondLoopbackTheBindAddressAndTheGivenNamesAreAcceptedAndNothingElse() {
        AccessGuard guard = beyondLoopback();
        assertThat(guard.hosts()).containsExactlyInAnyOrder("192.0.2.10:" + PORT, "console.example:" + PORT,
                "proxy.example:80");
        for (String host : List.of("192.0.2.10:" + PORT, "console.example:" + PORT, "CONSOLE.EXAMPLE:" + PORT,
                "proxy.example:80", "proxy.example")) {
            assertThat(read(guard, host)).as("Host: %s", host).isEqualTo(Verdict.ALLOWED);
        }
        for (String host : List.of("localhost:" + PORT, "127.0.0.1:" + PORT, "[::1]:" + PORT, "192.0.2.10:1",
                "192.0.2.10", "console.example", "console.example:80", "evil.example:" + PORT,
                "console.example.evil:" + PORT, "console.example:" + PORT + "x", "", " ", "[::1", "a b:" + PORT)) {
            assertThat(read(guard, host)).as("Host: '%s'", host).isEqualTo(Verdict.WRONG_HOST);
        }
        assertThat(read(guard, null)).as("no Host").isEqualTo(Verdict.WRONG_HOST);
    }

    @Test
    void beyondLoopbackAChangeMustComeFromOneOfTheSameNames() {
        AccessGuard guard = beyondLoopback();
        String host = "console.example:" + PORT;
        for (String origin : List.of("http://console.example:" + PORT, "http://192.0.2.10:" + PORT,
                "http://proxy.example", "http://proxy.example:80")) {
            assertThat(change(guard, host, origin)).as("Origin %s", origin).isEqualTo(Verdict.ALLOWED);
        }
        assertThat(change(guard, host, null)).as("no Origin: the CSRF token decides").isEqualTo(Verdict.ALLOWED);
        for (String origin : List.of("http://evil.example:" + PORT, "https://console.example:" + PORT,
                "http://localhost:" + PORT, "http://console.example", "http://console.example:" + PORT + "/path",
                "http://user@console.example:" + PORT, "null", "console.example:" + PORT, "")) {
            assertThat(change(guard, host, origin)).as("Origin '%s'", origin).isEqualTo(Verdict.FORGED);
        }
    }

    @Test
    void onLoopbackAndOnEveryAddressTheLoopbackNamesAreAcceptedBesidesTheGivenOnes() {
        assertThat(HostNames.accepted(address("127.0.0.1"), PORT, List.of())).containsExactlyInAnyOrder(
                "localhost:" + PORT, "127.0.0.1:" + PORT, "[0:0:0:0:0:0:0:1]:" + PORT);
        AccessGuard loopback = new AccessGuard(TOKEN, CSRF, PORT, HostNames.accepted(address("127.0.0.1"), PORT,
                List.of()));
        for (String host : List.of("localhost:" + PORT, "127.0.0.1:" + PORT, "[::1]:" + PORT,
                "[0:0::1]:" + PORT)) {
            assertThat(read(loopback, host)).as("Host: %s", host).isEqualTo(Verdict.ALLOWED);
        }
        assertThat(read(loopback, "192.0.2.10:" + PORT)).isEqualTo(Verdict.WRONG_HOST);
        assertThat(HostNames.accepted(address("0.0.0.0"), PORT, List.of("box.example"))).containsExactlyInAnyOrder(
                "localhost:" + PORT, "127.0.0.1:" + PORT, "[0:0:0:0:0:0:0:1]:" + PORT, "box.example:" + PORT);
        assertThat(HostNames.accepted(address("2001:db8::5"), PORT, List.of("[2001:DB8::6]:9000")))
                .containsExactlyInAnyOrder("[2001:db8:0:0:0:0:0:5]:" + PORT, "[2001:db8:0:0:0:0:0:6]:9000");
        AccessGuard sixes = new AccessGuard(TOKEN, CSRF, PORT, HostNames.accepted(address("2001:db8::5"), PORT,
                List.of()));
        assertThat(read(sixes, "[2001:DB8::5]:" + PORT)).as("another spelling of the address")
                .isEqualTo(Verdict.ALLOWED);
        assertThat(read(sixes, "[2001:db8::6]:" + PORT)).isEqualTo(Verdict.WRONG_HOST);
        assertThatThrownBy(() -> HostNames.accepted(address("127.0.0.1"), PORT, List.of("bad name")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad name'");
        assertThat(new AccessGuard(TOKEN, CSRF, PORT, HostNames.accepted(address("192.0.2.10"), PORT,
                List.of("b.example", "a.example"))).hosts()).as("in the order given")
                .containsExactly("192.0.2.10:" + PORT, "b.example:" + PORT, "a.example:" + PORT);
    }

    @Test
    void aServerConfiguredWithANameAnswersToItAndRefusesOthers() throws IOException {
        try (Console console = new Console(Duration.ofHours(1), System::currentTimeMillis);
                ConsoleServer server = ConsoleServer.start(console, address("127.0.0.1"), 0,
                        List.of("console.example"), ServerLimits.DEFAULT)) {
            int port = server.port();
            assertThat(server.hostNames()).contains("console.example:" + port);
            String bearer = "Authorization: Bearer " + server.token() + "\r\n";
            assertThat(raw(port, "GET /api/session HTTP/1.1\r\nHost: console.example:" + port + "\r\n" + bearer
                    + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 200 ");
            assertThat(raw(port, "GET /api/session HTTP/1.1\r\nHost: other.example:" + port + "\r\n" + bearer
                    + "Connection: close\r\n\r\n")).startsWith("HTTP/1.1 421 ");
            String disconnect = "POST /api/disconnect HTTP/1.1\r\nHost: console.example:" + port + "\r\n" + bearer
                    + "X-CSRF-Token: " + csrf(port, bearer) + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 2\r\nConnection: close\r\n";
            assertThat(raw(port, disconnect + "Origin: http://other.example:" + port + "\r\n\r\n{}"))
                    .startsWith("HTTP/1.1 403 ");
            assertThat(raw(port, disconnect + "Origin: http://console.example:" + port + "\r\n\r\n{}"))
                    .startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void aServerGivenANameThatIsNotOneDoesNotStartAndFreesItsPort() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, address("127.0.0.1"))) {
            port = probe.getLocalPort();
        }
        try (Console console = new Console(Duration.ofHours(1), System::currentTimeMillis)) {
            assertThatThrownBy(() -> ConsoleServer.start(console, address("127.0.0.1"), port, List.of("bad name"),
                    ServerLimits.DEFAULT)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'bad name'");
        }
        try (ServerSocket again = new ServerSocket(port, 1, address("127.0.0.1"))) {
            assertThat(again.getLocalPort()).as("the port is free again").isEqualTo(port);
        }
    }

    private static String csrf(int port, String bearer) throws IOException {
        String session = raw(port, "GET /api/session HTTP/1.1\r\nHost: console.example:" + port + "\r\n" + bearer
                + "Connection: close\r\n\r\n");
        int at = session.indexOf("\"csrfToken\":\"") + "\"csrfToken\":\"".length();
        return session.substring(at, session.indexOf('"', at));
    }

    private static String raw(int port, String request) throws IOException {
        try (Socket socket = new Socket(address("127.0.0.1"), port)) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void theHostNamesAcceptedAreTheGuardsOwnCopy() {
        Set<String> names = new java.util.HashSet<>(Set.of("a.example:1"));
        AccessGuard guard = new AccessGuard(TOKEN, CSRF, 1, names);
        names.add("b.example:1");
        assertThat(guard.hosts()).containsExactly("a.example:1");
        assertThatThrownBy(() -> new AccessGuard(TOKEN, CSRF, 1, Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
