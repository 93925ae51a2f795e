package dev.docstore.engine;

/** The store was closed: every call after {@link DocumentStore#close()} fails with this, before anything else. */
public final class StoreClosedException extends DocumentStoreException {
    private static final long serialVersionUID = 1L;

    StoreClosedException(String storeName) {
        super("store '" + storeName + "' is closed");
    }
}
