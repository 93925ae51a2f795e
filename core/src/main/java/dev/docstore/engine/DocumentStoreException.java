package dev.docstore.engine;

/**
 * The root of the store's own errors. Every subclass names what went wrong and the value that caused it; when one is
 * thrown, the store is as it was before the call.
 */
public abstract class DocumentStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected DocumentStoreException(String message) {
        super(message);
    }
}
