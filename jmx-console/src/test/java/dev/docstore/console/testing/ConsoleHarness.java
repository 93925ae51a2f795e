package dev.docstore.console.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docstore.console.Console;
import dev.docstore.console.web.ConsoleServer;
import dev.docstore.console.web.ServerLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A console served on 127.0.0.1 at a free port, and an HTTP client that talks to it as the console's page does:
 * {@code Authorization: Bearer} with the access token, and the CSRF token on POSTs. Background sampling runs once an
 * hour, so tests drive {@code sampler().sample()} themselves with the {@link #clock} they set.
 */
public final class ConsoleHarness implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();

    public final AtomicLong clock = new AtomicLong(1_000_000);
    public final Console console = new Console(Duration.ofHours(1), clock::get);
    public final ConsoleServer server;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private String csrf;

    /** A console with the default limits. */
    public ConsoleHarness() {
        this(ServerLimits.DEFAULT);
    }

    /** A console with {@code limits}. */
    public ConsoleHarness(ServerLimits limits) {
        server = ConsoleServer.start(console, InetAddress.getLoopbackAddress(), 0, List.of(), limits);
    }

    public URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    public HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(60));
    }

    public HttpRequest.Builder authorized(String pathAndQuery) {
        return request(pathAndQuery).header("Authorization", "Bearer " + server.token());
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET with the token. */
    public HttpResponse<String> get(String pathAndQuery) {
        return send(authorized(pathAndQuery).GET().build());
    }

    /** POST of a JSON body with the token and the CSRF token. */
    public HttpResponse<String> post(String path, String json) {
        return send(authorized(path).header("Content-Type", "application/json")
                .header("X-CSRF-Token", csrfToken()).POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** POST of {@code body} (turned into JSON) with the token and the CSRF token. */
    public HttpResponse<String> post(String path, Object body) {
        try {
            return post(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** GET that must answer 200; its body as JSON. */
    public JsonNode getJson(String pathAndQuery) {
        return json(ok(get(pathAndQuery)));
    }

    /** POST that must answer 200; its body as JSON. */
    public JsonNode postJson(String path, Object body) {
        return json(ok(post(path, body)));
    }

    public static HttpResponse<String> ok(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new AssertionError(response.request().method() + " " + response.uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
        return response;
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    /** The error message of a refused request. */
    public static String error(HttpResponse<String> response) {
        return json(response).path("error").asText();
    }

    public String csrfToken() {
        if (csrf == null) {
            csrf = getJson("/api/session").get("csrfToken").asText();
        }
        return csrf;
    }

    @Override
    public void close() {
        server.close();
        console.close();
    }
}
