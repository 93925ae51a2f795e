package dev.docstore.console.web;

import dev.docstore.console.jmx.CacheRef;
import dev.docstore.console.jmx.OperationFailedException;
import dev.docstore.console.jmx.TransferClient;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The export download and the import upload, streamed between the browser and the target one chunk at a time
 * ({@link TransferClient}), so the console never holds a file:
 * <ul>
 *   <li>{@code GET /api/export?manager=M&cache=C}: the cache's export as {@code application/x-ndjson}, an attachment
 *       named {@code C.jsonl}, with its length. A failure before the first byte is a JSON error as for any route; one
 *       after it cuts the connection, so the client sees fewer bytes than the length and never takes a truncated
 *       file for a whole one. Like a change, it needs the CSRF token ({@link AccessGuard}).</li>
 *   <li>{@code POST /api/import?manager=M&cache=C&mode=ALL_OR_NOTHING|SKIP_AND_REPORT}, the file as the body (any
 *       content type): the import's report ({@code imported}, {@code expired}, {@code skipped},
 *       {@code indexesCreated}), or 400 with the target's message naming the first bad line, the cache unchanged in
 *       all-or-nothing mode. A body over the upload limit is refused with 413 before more than the limit is read
 *       (at once when its declared length says so), and a body that breaks off with 400 (408 if it stalls); the
 *       upload is then aborted and nothing is imported.</li>
 * </ul>
 * Both run on the API's workers and hold one for as long as the transfer takes.
 *
 * <p>Thread-safe: holds the immutable limit and a supplier of the current session's client.
 */
final class TransferRoutes {
    /** What a route answers when it has answered the exchange itself, by streaming. */
    static final Object STREAMED = new Object();

    private final Supplier<TransferClient> client;
    private final long maxUploadBytes;

    TransferRoutes(Supplier<TransferClient> client, long maxUploadBytes) {
        this.client = client;
        this.maxUploadBytes = maxUploadBytes;
    }

    /** The download; on a worker. */
    Object export(Exchange exchange) {
        CacheRef ref = ref(exchange);
        try (TransferClient.Export export = client.get().beginExport(ref)) {
            try {
                OutputStream out = exchange.stream(200, "application/x-ndjson", export.bytes(),
                        disposition(ref.cache()));
                export.copyTo(out);
                out.close();
            } catch (IOException | RuntimeException e) {
                exchange.abort(e);
                return STREAMED;
            }
            exchange.streamed();
            return STREAMED;
        }
    }

    /** Refuses, on the thread that received it and before its body is read, an upload that cannot be taken. */
    void checkImport(Exchange exchange) {
        ref(exchange);
        try {
            TransferClient.mode(exchange.parameter("mode"));
        } catch (OperationFailedException e) {
            throw new Refusal(400, e.getMessage());
        }
        if (exchange.request().getLength() > maxUploadBytes) {
            throw tooLarge();
        }
    }

    /** The upload; on a worker. */
    Object importFile(Exchange exchange) {
        CacheRef ref = ref(exchange);
        String mode = exchange.parameter("mode");
        UploadLimit body = new UploadLimit(exchange.body(), maxUploadBytes);
        try {
            return client.get().importFrom(ref, body, mode);
        } catch (UploadLimit.TooLarge e) {
            throw tooLarge();
        } catch (IOException e) {
            throw new Refusal(stalled(e) ? 408 : 400, "the upload broke off (" + e.getMessage()
                    + "); nothing was imported");
        } finally {
            if (body.ended()) {
                exchange.bodyRead();
            }
        }
    }

    /** Whether the body stopped arriving (the idle timeout), rather than being cut off. */
    private static boolean stalled(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private Refusal tooLarge() {
        return new Refusal(413, "the file is larger than the console takes (" + maxUploadBytes + " bytes; start it"
                + " with --max-upload-mb to change that); nothing was imported");
    }

    private static CacheRef ref(Exchange exchange) {
        return new CacheRef(exchange.parameter("manager"), exchange.parameter("cache"));
    }

    /**
     * {@code attachment} named after the cache: a plain name of its letters, digits, dots, dashes and underscores
     * (anything else as {@code _}) for every browser, and the exact name for those that read {@code filename*}.
     */
    static String disposition(String cache) {
        String plain = cache.replaceAll("[^A-Za-z0-9._-]", "_") + ".jsonl";
        String exact = URLEncoder.encode(cache + ".jsonl", StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + plain + "\"; filename*=UTF-8''" + exact;
    }
}
