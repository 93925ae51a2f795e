package dev.docstore.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.docstore.console.Console;
import dev.docstore.console.jmx.CacheBrowser;
import dev.docstore.console.jmx.CacheRef;
import dev.docstore.console.jmx.LocalJvms;
import dev.docstore.console.jmx.OperationFailedException;
import dev.docstore.console.jmx.TargetSession;
import dev.docstore.console.jmx.TargetUnavailableException;
import dev.docstore.console.jmx.UnknownCacheException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API the console's page calls, under {@code /api/}. Reads are GETs; everything that changes something
 * (connecting, index administration) and the query runner, whose bounds are JSON, are POSTs with a JSON body.
 * Errors come back as {@code {"error": "..."}}: 400 for bad input or an operation the target refused, 404 for a
 * cache the target does not manage, 409 when no JVM is connected, 503 when the connected JVM cannot be reached.
 *
 * <p>Thread-safe: holds only the thread-safe {@link Console}.
 */
final class ApiRoutes {
    /** The most entries one query page may return. */
    static final int MAX_PAGE = 500;

    private final Console console;
    private final String csrfToken;
    private final String listening;

    ApiRoutes(Console console, String csrfToken, String listening) {
        this.console = console;
        this.csrfToken = csrfToken;
        this.listening = listening;
    }

    void handle(HttpExchange exchange, String route) throws IOException {
        try {
            boolean post = "POST".equals(exchange.getRequestMethod());
            Object answer = switch (route) {
                case "session" -> get(post, this::sessionInfo);
                case "jvms" -> get(post, LocalJvms::list);
                case "caches" -> get(post, this::caches);
                case "cache" -> get(post, () -> cache(ref(exchange)));
                case "stats" -> get(post, () -> stats(ref(exchange)));
                case "notifications" -> get(post, () -> session().feed().since(after(exchange)));
                case "connect" -> connect(post(post, exchange));
                case "disconnect" -> disconnect(post(post, exchange));
                case "index/create" -> createIndex(post(post, exchange));
                case "index/drop" -> dropIndex(post(post, exchange));
                case "index/rebuild" -> rebuildIndex(post(post, exchange));
                case "query" -> {
                    Exchanges.sendRawJson(exchange, query(post(post, exchange)));
                    yield null;
                }
                default -> throw new Exchanges.Refusal(404, "no API route /api/" + route);
            };
            if (answer != null) {
                Exchanges.sendJson(exchange, 200, answer);
            }
        } catch (Exchanges.Refusal e) {
            Exchanges.sendError(exchange, e.status, e.getMessage());
        } catch (UnknownCacheException e) {
            Exchanges.sendError(exchange, 404, e.getMessage());
        } catch (OperationFailedException e) {
            Exchanges.sendError(exchange, 400, e.getMessage());
        } catch (TargetUnavailableException e) {
            Exchanges.sendError(exchange, 503, e.getMessage());
        }
    }

    private interface Read {
        Object get();
    }

    private static Object get(boolean post, Read read) {
        if (post) {
            throw new Exchanges.Refusal(405, "use GET");
        }
        return read.get();
    }

    private static JsonNode post(boolean post, HttpExchange exchange) throws IOException {
        if (!post) {
            throw new Exchanges.Refusal(405, "use POST");
        }
        return Exchanges.body(exchange);
    }

    private TargetSession session() {
        return console.session().orElseThrow(() -> new Exchanges.Refusal(409,
                "not connected to a JVM: choose one on the Connect page"));
    }

    private Map<String, Object> sessionInfo() {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("csrfToken", csrfToken);
        info.put("listening", listening);
        info.put("target", console.session().map(session -> {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("description", session.target().description());
            target.put("lost", session.target().lostBecause());
            return target;
        }).orElse(null));
        return info;
    }

    private List<Map<String, Object>> caches() {
        CacheBrowser browser = session().browser();
        List<Map<String, Object>> caches = new ArrayList<>();
        for (CacheRef ref : browser.caches()) {
            try {
                caches.add(browser.summary(ref));
            } catch (UnknownCacheException e) {
                // closed between listing and describing: it is simply not there any more
            }
        }
        return caches;
    }

    private Map<String, Object> stats(CacheRef ref) {
        TargetSession session = session();
        session.browser().requireKnown(ref);
        return session.sampler().series(ref);
    }

    private Map<String, Object> cache(CacheRef ref) {
        return session().browser().details(ref);
    }

    private static CacheRef ref(HttpExchange exchange) {
        Map<String, String> query = Exchanges.query(exchange);
        return new CacheRef(Exchanges.required(query, "manager"), Exchanges.required(query, "cache"));
    }

    private static CacheRef ref(JsonNode body) {
        return new CacheRef(Exchanges.text(body, "manager"), Exchanges.text(body, "cache"));
    }

    private static long after(HttpExchange exchange) {
        String after = Exchanges.query(exchange).getOrDefault("after", "0");
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new Exchanges.Refusal(400, "'after' must be a whole number, was " + after);
        }
    }

    private Object connect(JsonNode body) {
        TargetSession session;
        if (body.hasNonNull("pid")) {
            JsonNode pid = body.get("pid");
            if (!pid.canConvertToLong() || !pid.isIntegralNumber() || pid.asLong() <= 0) {
                throw new Exchanges.Refusal(400, "'pid' must be a process id");
            }
            session = console.attach(pid.asLong());
        } else if (body.hasNonNull("url")) {
            String user = body.hasNonNull("user") ? body.get("user").asText() : null;
            char[] password = body.hasNonNull("password") ? body.get("password").asText().toCharArray() : new char[0];
            session = console.connect(Exchanges.text(body, "url"), user, password);
            java.util.Arrays.fill(password, '\0');
        } else if (body.path("self").asBoolean(false)) {
            session = console.useThisJvm("this JVM (the console's own)");
        } else {
            throw new Exchanges.Refusal(400, "give 'url' (with optional 'user' and 'password'), 'pid', or 'self'");
        }
        return Map.of("description", session.target().description());
    }

    private Object disconnect(JsonNode body) {
        console.disconnect();
        return Map.of("disconnected", true);
    }

    private Object createIndex(JsonNode body) {
        JsonNode paths = body.get("paths");
        if (paths == null || !paths.isArray() || paths.isEmpty()) {
            throw new Exchanges.Refusal(400, "'paths' must be a non-empty array of field paths");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode path : paths) {
            if (!path.isTextual() || path.asText().isBlank()) {
                throw new Exchanges.Refusal(400, "each path must be a non-empty string");
            }
            list.add(path.asText().trim());
        }
        String summary = session().browser().createIndex(ref(body), Exchanges.text(body, "name"), list,
                body.path("unique").asBoolean(false));
        return Map.of("summary", summary);
    }

    private Object dropIndex(JsonNode body) {
        session().browser().dropIndex(ref(body), Exchanges.text(body, "name"));
        return Map.of("dropped", Exchanges.text(body, "name"));
    }

    private Object rebuildIndex(JsonNode body) {
        return Map.of("summary", session().browser().rebuildIndex(ref(body), Exchanges.text(body, "name")));
    }

    private String query(JsonNode body) throws IOException {
        JsonNode bounds = body.get("bounds");
        if (bounds == null || !bounds.isObject()) {
            throw new Exchanges.Refusal(400, "'bounds' must be a JSON object such as {\"eq\": [\"Lisbon\"]}");
        }
        return session().browser().queryPage(ref(body), Exchanges.text(body, "index"),
                Exchanges.JSON.writeValueAsString(bounds), Exchanges.whole(body, "offset", 0, Integer.MAX_VALUE),
                Exchanges.whole(body, "limit", 20, MAX_PAGE));
    }
}
