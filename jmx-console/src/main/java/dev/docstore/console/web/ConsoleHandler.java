package dev.docstore.console.web;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Every request that Jetty has parsed: the security headers, the {@link AccessGuard}'s verdict, then the API or the
 * page. It runs on Jetty's threads and never blocks them: the page is in memory, request bodies are read as they
 * arrive, and calls to the target go to the API's workers.
 *
 * <p>Thread-safe: holds the immutable guard and the thread-safe routes.
 */
final class ConsoleHandler extends Handler.Abstract {
    private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9._~/-]*");

    private final AccessGuard guard;
    private final ApiRoutes api;

    ConsoleHandler(AccessGuard guard, ApiRoutes api) {
        this.guard = guard;
        this.api = api;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        SecurityHeaders.addTo(response.getHeaders());
        Exchange exchange = new Exchange(request, response, callback);
        try {
            route(exchange);
        } catch (Refusal refusal) {
            exchange.refuse(refusal);
        }
        return true;
    }

    private void route(Exchange exchange) {
        String path = exchange.path();
        switch (guard.check(exchange.method(), exchange.headers(), exchange.query().get("token"),
                ApiRoutes.isGuardedRead(path))) {
            case WRONG_HOST -> throw new Refusal(421, "this console does not answer to that host");
            case UNAUTHENTICATED -> refuse(exchange, path);
            case FORGED -> throw new Refusal(403,
                    "refused: a change needs the console's CSRF token and must come from its own page");
            case SIGN_IN -> exchange.redirect(backTo(exchange.rawPath()), guard.signInCookie());
            case ALLOWED -> {
                if (path.startsWith("/api/")) {
                    api.handle(exchange, path.substring("/api/".length()));
                } else if (!StaticAssets.serve(exchange, path)) {
                    throw new Refusal(404, "not found");
                }
            }
        }
    }

    /**
     * Where signing in returns to: the path asked for when it is plainly one of the console's, else the page. A path
     * with anything but letters, digits and {@code - . _ ~ /}, or with {@code //}, could send the browser to another
     * site ({@code //host}, {@code /\host}, or their encoded forms once decoded).
     */
    static String backTo(String rawPath) {
        return rawPath != null && SAFE_PATH.matcher(rawPath).matches() && !rawPath.contains("//") ? rawPath : "/";
    }

    private static void refuse(Exchange exchange, String path) {
        if (path.startsWith("/api/")) {
            throw new Refusal(401, "open the console with the URL it printed at start (it has the token)");
        }
        exchange.send(401, "text/plain; charset=utf-8", ("docstore console: access token required."
                + " Open the URL the console printed when it started (it ends in ?token=...).\n")
                .getBytes(StandardCharsets.UTF_8));
    }
}
