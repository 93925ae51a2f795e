package dev.docstore.console.jmx;

/**
 * A JMX operation was refused by the target or by the console (unknown cache or index, bad bounds, a unique
 * violation): the message says why, and nothing changed in the target.
 */
public class OperationFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public OperationFailedException(String message) {
        super(message);
    }
}
