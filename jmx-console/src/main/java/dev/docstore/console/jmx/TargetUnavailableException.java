package dev.docstore.console.jmx;

/** The JVM the console talks to cannot be reached: it has gone away, or the connection failed or was closed. */
public final class TargetUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TargetUnavailableException(String message) {
        super(message);
    }
}
