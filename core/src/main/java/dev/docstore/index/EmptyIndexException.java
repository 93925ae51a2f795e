package dev.docstore.index;

import dev.docstore.engine.DocumentStoreException;

/** An index was defined without any field (go-store's "empty index"). */
public final class EmptyIndexException extends DocumentStoreException {
    private static final long serialVersionUID = 1L;

    EmptyIndexException(String name) {
        super("index '" + name + "' names no field; give at least one path");
    }
}
