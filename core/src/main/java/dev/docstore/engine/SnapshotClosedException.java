package dev.docstore.engine;

/**
 * A snapshot, or a cursor or stream reading one, was used after it was closed (go-store's "stream closed").
 * {@link SnapshotExpiredException} says when the store closed it because it outlived the maximum snapshot age.
 */
public class SnapshotClosedException extends DocumentStoreException {
    private static final long serialVersionUID = 1L;

    SnapshotClosedException(String message) {
        super(message);
    }
}
