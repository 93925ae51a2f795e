package dev.docstore.transfer;

/**
 * A value that an export cannot write: a plain object that Jackson cannot serialize, or one in a cache whose value
 * type does not name its class and that has no document form. Names the key and the reason. Nothing is written to a
 * path when an export to it fails (see {@link AtomicFiles}); a stream has the lines written before the failure.
 */
public final class ExportException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public ExportException(String message, Throwable cause) {
        super(message, cause);
    }

    public ExportException(String message) {
        super(message);
    }
}
