package dev.docstore.document;

/**
 * A value given as a document cannot be stored: it holds a type the store does not accept, a map key that is not a
 * string, or a cycle. The message names the offending path and what was expected; nothing was written.
 */
public final class InvalidDocumentException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String path;

    InvalidDocumentException(String path, String problem) {
        super((path.isEmpty() ? "document" : "document field '" + path + "'") + ": " + problem);
        this.path = path;
    }

    /** The dotted path of the offending value ({@code ""} for the document itself, {@code tags[2]} for a list item). */
    public String path() {
        return path;
    }
}
