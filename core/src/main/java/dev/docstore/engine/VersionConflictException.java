package dev.docstore.engine;

/**
 * A version-checked write found another version than the one it expected, and wrote nothing. Carries the version the
 * key has now, so the caller can read again and retry.
 */
public final class VersionConflictException extends DocumentStoreException {
    private static final long serialVersionUID = 1L;

    private final transient Object key;
    private final long expectedVersion;
    private final long currentVersion;

    VersionConflictException(Object key, long expectedVersion, long currentVersion) {
        super("version conflict on key " + key + ": expected version " + expectedVersion
                + " but the current version is " + currentVersion);
        this.key = key;
        this.expectedVersion = expectedVersion;
        this.currentVersion = currentVersion;
    }

    /** The key written to (not kept when the exception is serialised). */
    public Object key() {
        return key;
    }

    /** The version the caller expected. */
    public long expectedVersion() {
        return expectedVersion;
    }

    /** The version the key had when the write was refused. */
    public long currentVersion() {
        return currentVersion;
    }
}
