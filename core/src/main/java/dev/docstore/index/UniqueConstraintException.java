package dev.docstore.index;

import dev.docstore.engine.DocumentStoreException;

/**
 * A write would have given two keys the same tuple in a unique index, or a unique index could not be built because two
 * keys already share one. Nothing was written or created.
 */
public final class UniqueConstraintException extends DocumentStoreException {
    private static final long serialVersionUID = 1L;

    private final String index;
    private final transient Object key;
    private final transient Object value;
    private final transient Object existingKey;

    UniqueConstraintException(String index, Object key, Object value, Object existingKey) {
        super("unique index '" + index + "': key " + key + " cannot take value " + Tuples.describe(value)
                + ", which key " + existingKey + " already has");
        this.index = index;
        this.key = key;
        this.value = value;
        this.existingKey = existingKey;
    }

    /** The unique index. */
    public String index() {
        return index;
    }

    /** The key whose write (or whose presence, when building) broke the constraint. */
    public Object key() {
        return key;
    }

    /** The value (a tuple, as a list, for a composite index) both keys have. */
    public Object value() {
        return value;
    }

    /** The key that has the value already. */
    public Object existingKey() {
        return existingKey;
    }
}
