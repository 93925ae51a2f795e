package dev.docstore.index;

import dev.docstore.engine.DocumentStoreException;

/** An index with that name exists already (go-store's "index exists"); nothing was created. */
public final class IndexExistsException extends DocumentStoreException {
    private static final long serialVersionUID = 1L;

    public IndexExistsException(String name) {
        super("index '" + name + "' already exists");
    }
}
