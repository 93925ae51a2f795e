package dev.docstore.engine;

import java.time.Duration;

/**
 * A snapshot was open longer than the store's {@linkplain DocumentStore.Builder#maxSnapshotAge(Duration) maximum
 * snapshot age}, so the store released the old versions it held and closed it.
 */
public final class SnapshotExpiredException extends SnapshotClosedException {
    private static final long serialVersionUID = 1L;

    SnapshotExpiredException(long readPoint, Duration maxAge) {
        super("snapshot at version " + readPoint + " was open longer than the maximum snapshot age of " + maxAge
                + " and has been closed");
    }
}
