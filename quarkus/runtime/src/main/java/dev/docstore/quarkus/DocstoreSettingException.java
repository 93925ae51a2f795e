package dev.docstore.quarkus;

/**
 * A {@code quarkus.docstore.*} setting that docstore cannot apply: the message names the property, its value and
 * what was expected. Thrown while the application starts, so a misconfigured application does not start.
 */
public final class DocstoreSettingException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String property;

    /** A problem with {@code property}, described by {@code message}, caused by {@code cause} (may be null). */
    public DocstoreSettingException(String property, String message, Throwable cause) {
        super(property + ": " + message, cause);
        this.property = property;
    }

    /** The offending property, like {@code quarkus.docstore.caches.books.indexes.byAuthor.paths}. */
    public String property() {
        return property;
    }
}
