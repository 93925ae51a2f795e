package dev.docstore.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty writes itself: to a request it cannot parse (a bad request line, both {@code Content-Length} and
 * {@code Transfer-Encoding}, headers over the limit, an ambiguous path) and to one the console's handler failed on.
 * They carry the security headers and the console's error shape, {@code {"error": "..."}}, as every other answer
 * does. A failure of the console itself is named by its type only: its message may hold a target's details.
 *
 * <p>Thread-safe: stateless.
 */
final class ErrorPages implements Request.Handler {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = response.getStatus();
        String message;
        Object cause = request.getAttribute(ErrorHandler.ERROR_EXCEPTION);
        if (cause instanceof HttpException failure) {
            status = failure.getCode();
            response.setStatus(status);
            message = failure.getReason();
        } else if (cause != null) {
            message = "the console failed: " + cause.getClass().getSimpleName();
        } else {
            message = (String) request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        }
        if (message == null || message.isBlank()) {
            message = HttpStatus.getMessage(status);
        }
        SecurityHeaders.addTo(response.getHeaders());
        if (HttpStatus.hasNoBody(status)) {
            callback.succeeded();
            return true;
        }
        byte[] body;
        try {
            body = JsonBodies.JSON.writeValueAsBytes(Map.of("error", message));
        } catch (JsonProcessingException e) {
            callback.failed(e);
            return true;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }
}
