package dev.docstore.console.web;

/**
 * A request the console refuses: the status and the message to send as {@code {"error": message}}, and for 405 the
 * methods the path allows. Nothing was changed when one is thrown.
 */
final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String allow;

    Refusal(int status, String message) {
        this(status, message, null);
    }

    private Refusal(int status, String message, String allow) {
        super(message, null, false, false);
        this.status = status;
        this.allow = allow;
    }

    /** 405, naming the methods that {@code path} answers, for the {@code Allow} header and the message. */
    static Refusal methodNotAllowed(String path, String method, String allow) {
        return new Refusal(405, path + " does not answer " + method + "; use " + allow.replace(", ", " or "),
                allow);
    }

    int status() {
        return status;
    }

    /** The {@code Allow} header to send, or null. */
    String allow() {
        return allow;
    }
}
