package dev.docstore.console.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docstore.console.Console;
import dev.docstore.console.jmx.CacheBrowser;
import dev.docstore.console.jmx.CacheRef;
import dev.docstore.console.jmx.LocalJvms;
import dev.docstore.console.jmx.OperationFailedException;
import dev.docstore.console.jmx.TargetSession;
import dev.docstore.console.jmx.TargetUnavailableException;
import dev.docstore.console.jmx.UnknownCacheException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The JSON API the console's page calls, under {@code /api/}. Reads answer GET and HEAD; everything that changes
 * something (connecting, index administration, a cache's bound) and the query runner, whose bounds are JSON, are POSTs with a JSON
 * body read strictly ({@link JsonBodies}: every route names the fields it takes); the export download (GET) and the
 * import upload (POST) stream files instead ({@link TransferRoutes}). Any other method is answered 405
 * with an {@code Allow} header. Errors come back as {@code {"error": "..."}}: 400 for bad input or an operation the
 * target refused, 404 for an unknown route or a cache the target does not manage, 409 when no JVM is connected, 503
 * when the connected JVM cannot be reached or the console is too busy to take the request.
 *
 * <p>A call to the target may take as long as its answer timeout (20 s for a JVM that stopped answering), so calls run
 * on the bounded pool of workers, never on Jetty's threads; a request that finds the workers and their queue full is
 * answered 503 at once. Answers that need no call (the session, the notifications received) are given on the thread
 * that received the request.
 *
 * <p>Thread-safe: holds the thread-safe {@link Console} and executor; the route table is immutable.
 */
final class ApiRoutes {
    /** The most entries one query page may return. */
    static final int MAX_PAGE = 500;
    private static final String READ_METHODS = "GET, HEAD";
    private static final String EXPORT = "export";

    private sealed interface Route permits Read, Change, Transfer {
    }

    /** A read; {@code callsTarget} sends it to the workers. */
    private record Read(boolean callsTarget, Function<Exchange, Object> answer) implements Route {
    }

    /** A change, with the fields its body may have. */
    private record Change(Set<String> fields, Function<JsonNode, Object> answer) implements Route {
    }

    /**
     * A transfer ({@link TransferRoutes}): answers {@code method} only; {@code check} runs on the receiving thread,
     * before the body is read, and the answer on a worker.
     */
    private record Transfer(String method, Consumer<Exchange> check, Function<Exchange, Object> answer)
            implements Route {
    }

    /** An answer that is JSON text already (a bean's), sent as it is. */
    private record RawJson(String text) {
    }

    private final Console console;
    private final String csrfToken;
    private final String listening;
    private final Executor workers;
    private final Map<String, Route> routes;

    ApiRoutes(Console console, String csrfToken, String listening, Executor workers, long maxUploadBytes) {
        TransferRoutes transfers = new TransferRoutes(() -> session().transfers(), maxUploadBytes);
        this.console = console;
        this.csrfToken = csrfToken;
        this.listening = listening;
        this.workers = workers;
        this.routes = Map.ofEntries(
                Map.entry("session", new Read(false, exchange -> sessionInfo())),
                Map.entry("notifications", new Read(false, exchange -> session().feed().since(after(exchange)))),
                Map.entry("jvms", new Read(true, exchange -> LocalJvms.list())),
                Map.entry("caches", new Read(true, exchange -> caches())),
                Map.entry("cache", new Read(true, exchange -> session().browser().details(ref(exchange)))),
                Map.entry("stats", new Read(true, exchange -> stats(ref(exchange)))),
                Map.entry("connect", new Change(Set.of("url", "user", "password", "pid", "self"), this::connect)),
                Map.entry("disconnect", new Change(Set.of(), this::disconnect)),
                Map.entry("index/create", new Change(withRef("name", "paths", "unique"), this::createIndex)),
                Map.entry("index/drop", new Change(withRef("name"), this::dropIndex)),
                Map.entry("index/rebuild", new Change(withRef("name"), this::rebuildIndex)),
                Map.entry("query", new Change(withRef("index", "bounds", "offset", "limit"), this::query)),
                Map.entry("bound/set", new Change(withRef("maximum"), this::setMaximum)),
                Map.entry(EXPORT, new Transfer("GET", exchange -> ref(exchange), transfers::export)),
                Map.entry("import", new Transfer("POST", transfers::checkImport, transfers::importFile)));
    }

    /**
     * Whether {@code path} is a read that needs the CSRF token as a change does: the export, which has the target
     * write its whole cache to a file.
     */
    static boolean isGuardedRead(String path) {
        return path.equals("/api/" + EXPORT);
    }

    private static Set<String> withRef(String... fields) {
        Set<String> all = new HashSet<>(Arrays.asList(fields));
        all.add("manager");
        all.add("cache");
        return Set.copyOf(all);
    }

    /** Answers {@code /api/<route>}, now or once a worker or the request body is ready. */
    void handle(Exchange exchange, String route) {
        String path = "/api/" + route;
        Route known = routes.get(route);
        if (known == null) {
            throw new Refusal(404, "no API route " + path);
        }
        if (known instanceof Read read) {
            if (!exchange.isRead()) {
                throw Refusal.methodNotAllowed(path, exchange.method(), READ_METHODS);
            }
            if (read.callsTarget()) {
                dispatch(exchange, () -> read.answer().apply(exchange));
            } else {
                answer(exchange, () -> read.answer().apply(exchange));
            }
        } else if (known instanceof Transfer transfer) {
            if (!transfer.method().equals(exchange.method())) {
                throw Refusal.methodNotAllowed(path, exchange.method(), transfer.method());
            }
            transfer.check().accept(exchange);
            dispatch(exchange, () -> transfer.answer().apply(exchange));
        } else if (known instanceof Change change) {
            if (!"POST".equals(exchange.method())) {
                throw Refusal.methodNotAllowed(path, exchange.method(), "POST");
            }
            JsonBodies.requireJson(exchange.headers().get(HttpHeader.CONTENT_TYPE));
            BodyReader.read(exchange.request(), JsonBodies.MAX_BODY).whenComplete((body, failure) -> {
                if (failure == null) {
                    exchange.bodyRead();
                    dispatch(exchange, () -> change.answer().apply(JsonBodies.object(body, change.fields())));
                } else {
                    answer(exchange, () -> {
                        throw failure instanceof CompletionException wrapped && wrapped.getCause() != null
                                ? asRuntime(wrapped.getCause()) : asRuntime(failure);
                    });
                }
            });
        }
    }

    private static RuntimeException asRuntime(Throwable failure) {
        return failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
    }

    private void dispatch(Exchange exchange, Supplier<Object> work) {
        // the work is bounded by the console's own limits (the target's answer timeout); the connection's idle
        // timeout is for clients that stall, not for a request the console is still working on
        exchange.request().addIdleTimeoutListener(timeout -> false);
        try {
            workers.execute(() -> answer(exchange, work));
        } catch (RejectedExecutionException e) {
            exchange.sendError(503, "the console is busy: too many requests wait for the target; try again shortly");
        }
    }

    private static void answer(Exchange exchange, Supplier<Object> work) {
        try {
            Object answer = work.get();
            if (answer == TransferRoutes.STREAMED) {
                return;
            }
            if (answer instanceof RawJson json) {
                exchange.sendRawJson(json.text());
            } else {
                exchange.sendJson(200, answer);
            }
        } catch (Refusal e) {
            exchange.refuse(e);
        } catch (UnknownCacheException e) {
            exchange.sendError(404, e.getMessage());
        } catch (OperationFailedException e) {
            exchange.sendError(400, e.getMessage());
        } catch (TargetUnavailableException e) {
            exchange.sendError(503, e.getMessage());
        } catch (RuntimeException e) {
            exchange.sendError(500, "the console failed: " + e.getClass().getSimpleName());
        }
    }

    private TargetSession session() {
        return console.session().orElseThrow(() -> new Refusal(409,
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
                // closed between listing and reading: it is simply not there any more
            }
        }
        return caches;
    }

    private Map<String, Object> stats(CacheRef ref) {
        TargetSession session = session();
        session.browser().requireKnown(ref);
        return session.sampler().series(ref);
    }

    private static CacheRef ref(Exchange exchange) {
        return new CacheRef(exchange.parameter("manager"), exchange.parameter("cache"));
    }

    private static CacheRef ref(JsonNode body) {
        return new CacheRef(JsonBodies.text(body, "manager"), JsonBodies.text(body, "cache"));
    }

    private static long after(Exchange exchange) {
        String after = exchange.query().getOrDefault("after", "0");
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw new Refusal(400, "'after' must be a whole number, was " + after);
        }
    }

    private Object connect(JsonNode body) {
        boolean self = JsonBodies.flag(body, "self", false);
        boolean byPid = body.hasNonNull("pid");
        boolean byUrl = body.hasNonNull("url");
        if ((self ? 1 : 0) + (byPid ? 1 : 0) + (byUrl ? 1 : 0) != 1) {
            throw new Refusal(400, "give one of 'url' (with optional 'user' and 'password'), 'pid', or 'self'");
        }
        String user = JsonBodies.optionalText(body, "user");
        String password = JsonBodies.optionalText(body, "password");
        if (!byUrl && (user != null || password != null)) {
            throw new Refusal(400, "'user' and 'password' go with 'url'");
        }
        TargetSession session;
        if (byPid) {
            JsonNode pid = body.get("pid");
            if (!pid.canConvertToLong() || !pid.isIntegralNumber() || pid.asLong() <= 0) {
                throw new Refusal(400, "'pid' must be a process id");
            }
            session = console.attach(pid.asLong());
        } else if (byUrl) {
            char[] secret = password == null ? new char[0] : password.toCharArray();
            try {
                session = console.connect(JsonBodies.text(body, "url"), user, secret);
            } finally {
                Arrays.fill(secret, '\0');
            }
        } else {
            session = console.useThisJvm("this JVM (the console's own)");
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
            throw new Refusal(400, "'paths' must be a non-empty array of field paths");
        }
        List<String> list = new ArrayList<>();
        for (JsonNode path : paths) {
            if (!path.isTextual() || path.asText().isBlank()) {
                throw new Refusal(400, "each of 'paths' must be a non-empty string");
            }
            list.add(path.asText().trim());
        }
        CacheRef ref = ref(body);
        String name = JsonBodies.text(body, "name");
        boolean unique = JsonBodies.flag(body, "unique", false);
        return Map.of("summary", session().browser().createIndex(ref, name, list, unique));
    }

    private Object dropIndex(JsonNode body) {
        CacheRef ref = ref(body);
        String name = JsonBodies.text(body, "name");
        session().browser().dropIndex(ref, name);
        return Map.of("dropped", name);
    }

    private Object rebuildIndex(JsonNode body) {
        CacheRef ref = ref(body);
        return Map.of("summary", session().browser().rebuildIndex(ref, JsonBodies.text(body, "name")));
    }

    /** Changes a bounded cache's maximum; answers the bound as it is after. */
    private Object setMaximum(JsonNode body) {
        JsonNode maximum = body.get("maximum");
        // checked here so a wrong shape never reaches the target; the target still refuses a cache with no bound
        if (maximum == null || !maximum.isIntegralNumber() || !maximum.canConvertToLong() || maximum.asLong() < 1) {
            throw new Refusal(400, "'maximum' must be a whole number of at least 1 (entries, or weight for a cache"
                    + " bounded by weight)");
        }
        CacheRef ref = ref(body);
        return session().browser().setMaximum(ref, maximum.asLong());
    }

    private Object query(JsonNode body) {
        JsonNode bounds = body.get("bounds");
        if (bounds == null || !bounds.isObject()) {
            throw new Refusal(400, "'bounds' must be a JSON object such as {\"eq\": [\"Lisbon\"]}");
        }
        CacheRef ref = ref(body);
        String index = JsonBodies.text(body, "index");
        int offset = JsonBodies.whole(body, "offset", 0, Integer.MAX_VALUE);
        int limit = JsonBodies.whole(body, "limit", 20, MAX_PAGE);
        return new RawJson(session().browser().queryPage(ref, index, bounds.toString(), offset, limit));
    }
}
