package dev.docstore.index;

import dev.docstore.engine.DocumentStoreException;

/** No index has that name, or it is still being built (go-store's "index not found"). */
public final class IndexNotFoundException extends DocumentStoreException {
    private static final long serialVersionUID = 1L;

    public IndexNotFoundException(String name, String known) {
        super("no index named '" + name + "'; the indexes are: " + known);
    }
}
