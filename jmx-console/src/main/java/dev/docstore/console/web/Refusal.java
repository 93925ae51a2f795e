package dev.docstore.console.web;

/** A request the console refuses: the status and the message to send as {@code {"error": message}}. */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    Refusal(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
