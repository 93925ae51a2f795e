package dev.docstore.console.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The page: {@code index.html}, {@code console.css} and {@code console.js} from the jar, read once. The page has no
 * inline script or style, so the Content-Security-Policy can forbid both.
 */
final class StaticAssets {
    private record Asset(String contentType, byte[] body) {
    }

    private static final Map<String, Asset> ASSETS = Map.of(
            "/", load("index.html", "text/html; charset=utf-8"),
            "/console.css", load("console.css", "text/css; charset=utf-8"),
            "/console.js", load("console.js", "text/javascript; charset=utf-8"),
            "/favicon.svg", load("favicon.svg", "image/svg+xml"));

    private StaticAssets() {
    }

    private static Asset load(String name, String contentType) {
        try (InputStream in = StaticAssets.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the console's jar lacks static/" + name);
            }
            return new Asset(contentType, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves {@code path}; returns false if there is no such asset. */
    static boolean serve(Exchange exchange, String path) {
        Asset asset = ASSETS.get("/index.html".equals(path) ? "/" : path);
        if (asset == null) {
            return false;
        }
        if (!exchange.isRead()) {
            throw Refusal.methodNotAllowed(path, exchange.method(), "GET, HEAD");
        }
        exchange.send(200, asset.contentType(), asset.body());
        return true;
    }
}
