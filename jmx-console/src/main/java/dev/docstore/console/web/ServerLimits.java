package dev.docstore.console.web;

import java.time.Duration;

/**
 * How much the console's HTTP server takes on.
 *
 * @param idleTimeout    how long a connection may send or accept nothing before it is closed: a client that stalls
 *                       (sends nothing, half a request, half a body) loses its connection after this long
 * @param maxConnections the most connections open at once; more wait to be accepted until one closes
 * @param requestThreads Jetty's threads, which parse requests and answer those that need no call to the target
 * @param apiWorkers     the threads that call the target; each call may wait up to the target's answer timeout
 * @param apiQueue       API requests that may wait for a worker; beyond that the console answers 503 at once
 * @param maxUploadBytes the largest import file the console takes; a larger one is refused with 413 before more than
 *                       this is read
 */
public record ServerLimits(Duration idleTimeout, int maxConnections, int requestThreads, int apiWorkers,
        int apiQueue, long maxUploadBytes) {
    /** The default upload limit: 256 MiB, an export of a few hundred thousand middle-sized documents. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L << 20;

    /**
     * The console's limits: a page asks for at most two target calls at once and a browser opens at most six
     * connections, so 8 workers and a queue of 64 serve several people at once; a target that stopped answering holds
     * a worker for at most its answer timeout, after which it is marked lost and later calls fail at once.
     */
    public static final ServerLimits DEFAULT = new ServerLimits(Duration.ofSeconds(30), 64, 16, 8, 64,
            DEFAULT_MAX_UPLOAD_BYTES);

    public ServerLimits {
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("the idle timeout must be positive, was " + idleTimeout);
        }
        // Jetty needs threads of its own to accept and select besides those that answer
        if (maxConnections < 1 || requestThreads < 8 || apiWorkers < 1 || apiQueue < 1) {
            throw new IllegalArgumentException("limits need at least 1 connection, 8 request threads, 1 API worker "
                    + "and a queue of 1, were " + maxConnections + ", " + requestThreads + ", " + apiWorkers + " and "
                    + apiQueue);
        }
        if (maxUploadBytes < 1) {
            throw new IllegalArgumentException("the upload limit must be positive, was " + maxUploadBytes);
        }
    }

    /** These limits with another idle timeout. */
    public ServerLimits withIdleTimeout(Duration timeout) {
        return new ServerLimits(timeout, maxConnections, requestThreads, apiWorkers, apiQueue, maxUploadBytes);
    }

    /** These limits with another upload limit. */
    public ServerLimits withMaxUploadBytes(long bytes) {
        return new ServerLimits(idleTimeout, maxConnections, requestThreads, apiWorkers, apiQueue, bytes);
    }
}
