package dev.docstore.engine;

/** A call that needs an existing key (such as a version-checked replace) found none. */
public final class DocumentNotFoundException extends DocumentStoreException {
    private static final long serialVersionUID = 1L;

    private final transient Object key;

    DocumentNotFoundException(Object key) {
        super("no document with key " + key);
        this.key = key;
    }

    /** The key that was not found (not kept when the exception is serialised). */
    public Object key() {
        return key;
    }
}
