package dev.docstore.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its answer. Every exchange is answered exactly once, by one of the {@code send} methods, which
 * write the whole answer without blocking and complete Jetty's callback when it has gone out (or failed to).
 *
 * <p>Not thread-safe, and need not be: one thread uses an exchange at a time, first the Jetty thread that received the
 * request, then (for API calls) the worker thread the request was handed to; the hand-over through an executor makes
 * the first thread's writes visible to the second.
 */
final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private Map<String, String> query;
    private boolean bodyRead;

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    Request request() {
        return request;
    }

    String method() {
        return request.getMethod();
    }

    boolean isRead() {
        return "GET".equals(method()) || "HEAD".equals(method());
    }

    /** The path, decoded. */
    String path() {
        return Request.getPathInContext(request);
    }

    /** The path as the client sent it, still encoded. */
    String rawPath() {
        return request.getHttpURI().getPath();
    }

    HttpFields headers() {
        return request.getHeaders();
    }

    /** The query parameters, decoded; of a name given twice, the first. */
    Map<String, String> query() {
        if (query == null) {
            query = parse(request.getHttpURI().getQuery());
        }
        return query;
    }

    private static Map<String, String> parse(String raw) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new Refusal(400, "malformed query string");
        }
    }

    /** A query parameter that must be there. */
    String parameter(String name) {
        String value = query().get(name);
        if (value == null) {
            throw new Refusal(400, "missing parameter '" + name + "'");
        }
        return value;
    }

    /** Records that the request body was read to its end, so the connection can serve the client's next request. */
    void bodyRead() {
        bodyRead = true;
    }

    void send(int status, String contentType, byte[] body) {
        if (!bodyRead && (request.getLength() > 0 || request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING))) {
            // answered without reading the body (a refusal): what is left of it would be read as the next request,
            // so the connection ends with this answer, and the header tells the client not to send another on it
            response.getHeaders().put(HttpHeader.CONNECTION, "close");
        }
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    void sendJson(int status, Object value) {
        byte[] body;
        try {
            body = JsonBodies.JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an answer that cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
        send(status, "application/json; charset=utf-8", body);
    }

    /** Sends JSON text that is already written (a bean's answer), unchanged. */
    void sendRawJson(String json) {
        send(200, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
    }

    void sendError(int status, String message) {
        sendJson(status, Map.of("error", message));
    }

    void refuse(Refusal refusal) {
        if (refusal.allow() != null) {
            response.getHeaders().put(HttpHeader.ALLOW, refusal.allow());
        }
        sendError(refusal.status(), refusal.getMessage());
    }

    /**
     * The request body as a stream, for a worker to read as it arrives (blocking); it fails with an
     * {@link java.io.IOException} if the client stops sending for longer than the idle timeout.
     */
    InputStream body() {
        return Content.Source.asInputStream(request);
    }

    /**
     * Starts a streamed answer of {@code length} bytes and returns the stream to write it to; writes block until the
     * client takes the bytes, so only a worker may write. Closing the stream sends its end.
     */
    OutputStream stream(int status, String contentType, long length, String disposition) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, disposition);
        return Content.Sink.asOutputStream(response);
    }

    /** Ends an exchange whose answer was streamed and closed. */
    void streamed() {
        callback.succeeded();
    }

    /**
     * Ends an exchange whose streamed answer broke off: the connection is closed, so the client sees a transfer cut
     * short (fewer bytes than its length said) rather than a complete one.
     */
    void abort(Throwable failure) {
        callback.failed(failure);
    }

    /** 303 to {@code location}, setting {@code cookie}. */
    void redirect(String location, String cookie) {
        response.getHeaders().add(HttpHeader.SET_COOKIE, cookie);
        response.getHeaders().put(HttpHeader.LOCATION, location);
        send(303, "text/plain; charset=utf-8", new byte[0]);
    }
}
