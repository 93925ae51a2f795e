package dev.docstore.console.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request body without holding a thread while its bytes are on their way: it takes what has arrived and asks
 * Jetty to call again when more does ({@link Request#demand}). A body that is declared, or turns out, to be larger
 * than the limit is refused with 413 as soon as that is known, without reading the rest; a body that stops arriving
 * is ended by the connection's idle timeout, with 408.
 *
 * <p>Thread-safety: Jetty never runs two reads or demand callbacks of one request at once, and hands each to the next
 * with a happens-before edge, so the bytes received so far need no lock.
 */
final class BodyReader implements Runnable {
    private final Request request;
    private final int limit;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();

    private BodyReader(Request request, int limit) {
        this.request = request;
        this.limit = limit;
    }

    /** The body of {@code request}, or a {@link Refusal} if it is too large or does not arrive. */
    static CompletableFuture<byte[]> read(Request request, int limit) {
        if (request.getLength() > limit) {
            return CompletableFuture.failedFuture(tooLarge(limit));
        }
        BodyReader reader = new BodyReader(request, limit);
        reader.run();
        return reader.body;
    }

    private static Refusal tooLarge(int limit) {
        return new Refusal(413, "request body over " + limit + " bytes");
    }

    @Override
    public void run() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                body.completeExceptionally(chunk.getFailure() instanceof TimeoutException
                        ? new Refusal(408, "the request body did not arrive in time")
                        : new Refusal(400, "the request body was cut short"));
                return;
            }
            boolean last = chunk.isLast();
            try {
                ByteBuffer bytes = chunk.getByteBuffer();
                if (received.size() + bytes.remaining() > limit) {
                    body.completeExceptionally(tooLarge(limit));
                    return;
                }
                byte[] copy = new byte[bytes.remaining()];
                bytes.get(copy);
                received.writeBytes(copy);
            } finally {
                chunk.release();
            }
            if (last) {
                body.complete(received.toByteArray());
                return;
            }
        }
    }
}
