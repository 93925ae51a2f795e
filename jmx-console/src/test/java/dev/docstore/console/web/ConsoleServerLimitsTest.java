package dev.docstore.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docstore.console.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The server against clients that stall or send too much, on 127.0.0.1 at a free port: connections that send
 * nothing, half a request line, or headers and half the body they declare hold no thread, so others are answered while
 * they stay open, and the idle timeout closes them; a body over the limit is refused with 413 before it is read.
 */
@Timeout(120)
class ConsoleServerLimitsTest {
    /** Stalled connections of each kind: together more than Jetty's request threads and the API's workers. */
    private static final int EACH_KIND = 8;
    /** Far beyond the time any answer below may take, so the stalled connections are open while it is given. */
    private static final Duration LONG_IDLE = Duration.ofMinutes(5);
    private static final Duration ANSWER = Duration.ofSeconds(60);

    private final List<Socket> sockets = new ArrayList<>();
    private Console console;
    private ConsoleServer server;
    private String csrf;

    private void start(Duration idleTimeout) throws IOException {
        console = new Console(Duration.ofHours(1), System::currentTimeMillis);
        console.useThisJvm("the test JVM");
        server = ConsoleServer.start(console, InetAddress.getByName("127.0.0.1"), 0, List.of(),
                ServerLimits.DEFAULT.withIdleTimeout(idleTimeout));
        csrf = csrfToken();
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        if (server != null) {
            server.close();
        }
        if (console != null) {
            console.close();
        }
    }

    private Socket connect(String firstBytes) throws IOException {
        Socket socket = new Socket(InetAddress.getByName("127.0.0.1"), server.port());
        sockets.add(socket);
        socket.setSoTimeout((int) ANSWER.toMillis());
        OutputStream out = socket.getOutputStream();
        out.write(firstBytes.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return socket;
    }

    private String host() {
        return "Host: 127.0.0.1:" + server.port() + "\r\n";
    }

    private Socket sendingNothing() throws IOException {
        return connect("");
    }

    private Socket sendingHalfARequestLine() throws IOException {
        return connect("GET /api/cac");
    }

    /** Headers that pass every check, and half of the body they declare. */
    private Socket sendingHalfABody() throws IOException {
        String half = "{\"manager\": \"urn:docstore:";
        return connect("POST /api/index/drop HTTP/1.1\r\n" + host() + "Authorization: Bearer " + server.token()
                + "\r\nX-CSRF-Token: " + csrf + "\r\nContent-Type: application/json\r\nContent-Length: "
                + half.length() * 2 + "\r\n\r\n" + half);
    }

    private List<Socket> stallEveryWay() throws IOException {
        List<Socket> stalled = new ArrayList<>();
        for (int i = 0; i < EACH_KIND; i++) {
            stalled.add(sendingNothing());
            stalled.add(sendingHalfARequestLine());
            stalled.add(sendingHalfABody());
        }
        return stalled;
    }

    /** Whether the server has neither answered nor closed {@code socket}: a read finds nothing and no end. */
    private static boolean silentAndOpen(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(1);
        try {
            // a byte of an answer, or the end of the stream
            socket.getInputStream().read();
            return false;
        } catch (SocketTimeoutException nothingYet) {
            return true;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    /** Everything the server sends on {@code socket} until it closes it. */
    private static String untilClosed(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void connectionsThatStallHoldNoThreadSoAnotherClientIsAnswered() throws IOException {
        start(LONG_IDLE);
        List<Socket> stalled = stallEveryWay();
        HttpClient client = HttpClient.newHttpClient();
        CompletableFuture<HttpResponse<String>> caches = client.sendAsync(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.port() + "/api/caches"))
                .header("Authorization", "Bearer " + server.token()).timeout(ANSWER).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        await().atMost(ANSWER).until(caches::isDone);
        assertThat(caches.join().statusCode()).as(caches.join().body()).isEqualTo(200);
        for (Socket socket : stalled) {
            assertThat(silentAndOpen(socket)).as("a stalled connection is still open").isTrue();
        }
    }

    @Test
    void theIdleTimeoutClosesConnectionsThatStall() throws IOException {
        start(Duration.ofSeconds(2));
        List<Socket> silent = List.of(sendingNothing(), sendingHalfARequestLine());
        Socket halfBody = sendingHalfABody();
        for (Socket socket : silent) {
            assertThat(untilClosed(socket)).as("closed without an answer").isEmpty();
        }
        String answer = untilClosed(halfBody);
        assertThat(answer).startsWith("HTTP/1.1 408 ").contains("the request body did not arrive in time");
        assertThat(answer.toLowerCase(Locale.ROOT)).contains("content-security-policy:", "connection: close");
    }

    @Test
    void aBodyDeclaredOverTheLimitIsRefused413BeforeItIsSent() throws IOException {
        start(LONG_IDLE);
        Socket socket = connect("POST /api/query HTTP/1.1\r\n" + host() + "Authorization: Bearer " + server.token()
                + "\r\nX-CSRF-Token: " + csrf + "\r\nContent-Type: application/json\r\nContent-Length: "
                + 100L * JsonBodies.MAX_BODY + "\r\n\r\n");
        String answer = untilClosed(socket);
        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("over " + JsonBodies.MAX_BODY + " bytes");
        assertThat(answer.toLowerCase(Locale.ROOT)).contains("content-security-policy:", "connection: close");
    }

    @Test
    void aChunkedBodyIsRefused413AsSoonAsItPassesTheLimit() throws IOException {
        start(LONG_IDLE);
        int size = JsonBodies.MAX_BODY + 1;
        // one chunk one byte over the limit, and no end: the answer comes without the rest
        Socket socket = connect("POST /api/query HTTP/1.1\r\n" + host() + "Authorization: Bearer " + server.token()
                + "\r\nX-CSRF-Token: " + csrf + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(size) + "\r\n" + " ".repeat(size));
        String answer = untilClosed(socket);
        assertThat(answer).startsWith("HTTP/1.1 413 ").contains("over " + JsonBodies.MAX_BODY + " bytes");
        assertThat(answer.toLowerCase(Locale.ROOT)).contains("content-security-policy:");
    }

    private String csrfToken() throws IOException {
        try (Socket socket = connect("GET /api/session HTTP/1.1\r\n" + host() + "Authorization: Bearer "
                + server.token() + "\r\nConnection: close\r\n\r\n")) {
            String answer = untilClosed(socket);
            int at = answer.indexOf("\"csrfToken\":\"") + "\"csrfToken\":\"".length();
            return answer.substring(at, answer.indexOf('"', at));
        }
    }
}
