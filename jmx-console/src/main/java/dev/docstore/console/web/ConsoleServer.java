package dev.docstore.console.web;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.docstore.console.Console;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The console's HTTP server (the JDK's {@link HttpServer}): every request passes the {@link AccessGuard}, gets the
 * security headers, and goes to the API or the static page.
 *
 * <p>Thread-safe: requests run on a small pool; all state is in the thread-safe {@link Console} and immutable guard.
 */
public final class ConsoleServer implements AutoCloseable {
    private static final String SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private final HttpServer server;
    private final ExecutorService workers;
    private final AccessGuard guard;
    private final ApiRoutes api;

    private ConsoleServer(HttpServer server, ExecutorService workers, AccessGuard guard, ApiRoutes api) {
        this.server = server;
        this.workers = workers;
        this.guard = guard;
        this.api = api;
    }

    /** Starts serving {@code console} on {@code address} ({@code port} 0 picks a free port). */
    public static ConsoleServer start(Console console, InetAddress address, int port) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + address.getHostAddress() + ":" + port, e);
        }
        int bound = server.getAddress().getPort();
        AccessGuard guard = new AccessGuard(bound, address.isLoopbackAddress() ? loopbackHosts(address, bound)
                : Set.of());
        ExecutorService workers = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "docstore-console-http");
            thread.setDaemon(true);
            return thread;
        });
        ApiRoutes api = new ApiRoutes(console, guard.csrfToken(), address.getHostAddress() + ":" + bound);
        ConsoleServer consoleServer = new ConsoleServer(server, workers, guard, api);
        server.createContext("/", consoleServer::handle);
        server.setExecutor(workers);
        server.start();
        return consoleServer;
    }

    private static Set<String> loopbackHosts(InetAddress address, int port) {
        Set<String> hosts = new LinkedHashSet<>();
        hosts.add("localhost:" + port);
        hosts.add("127.0.0.1:" + port);
        hosts.add("[::1]:" + port);
        String literal = address.getHostAddress();
        hosts.add((literal.contains(":") ? "[" + literal + "]" : literal).toLowerCase(Locale.ROOT) + ":" + port);
        return hosts;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The address to open in a browser, with the access token. */
    public String url() {
        String host = server.getAddress().getAddress().getHostAddress();
        if (server.getAddress().getAddress().isAnyLocalAddress()) {
            host = "127.0.0.1";
        }
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/?token="
                + guard.token();
    }

    /** The access token. */
    public String token() {
        return guard.token();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            Headers headers = exchange.getResponseHeaders();
            headers.set("Content-Security-Policy", SECURITY_POLICY);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("Cache-Control", "no-store");
            String path = exchange.getRequestURI().getPath();
            switch (guard.check(exchange)) {
                case WRONG_HOST -> Exchanges.sendError(exchange, 421, "this console does not answer to that host");
                case UNAUTHENTICATED -> refuse(exchange, path);
                case FORGED -> Exchanges.sendError(exchange, 403,
                        "refused: a change needs the console's CSRF token and must come from its own page");
                case SIGN_IN -> {
                    headers.add("Set-Cookie", guard.signInCookie());
                    // the raw path: decoded, "/%2F%2Fhost" would be the protocol-relative "//host", another site
                    String back = exchange.getRequestURI().getRawPath();
                    headers.set("Location", back == null || !back.startsWith("/") || back.startsWith("//") ? "/"
                            : back);
                    Exchanges.send(exchange, 303, "text/plain; charset=utf-8", new byte[0]);
                }
                case ALLOWED -> route(exchange, path);
            }
        } catch (RuntimeException e) {
            Exchanges.sendError(exchange, 500, "the console failed: " + e.getClass().getSimpleName());
        } finally {
            exchange.close();
        }
    }

    private void route(HttpExchange exchange, String path) throws IOException {
        if (path.startsWith("/api/")) {
            api.handle(exchange, path.substring("/api/".length()));
        } else if (!StaticAssets.serve(exchange, path)) {
            Exchanges.sendError(exchange, 404, "not found");
        }
    }

    private static void refuse(HttpExchange exchange, String path) throws IOException {
        if (path.startsWith("/api/")) {
            Exchanges.sendError(exchange, 401, "open the console with the URL it printed at start (it has the token)");
        } else {
            Exchanges.send(exchange, 401, "text/plain; charset=utf-8", ("docstore console: access token required."
                    + " Open the URL the console printed when it started (it ends in ?token=...).\n")
                    .getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}
