package dev.docstore.transfer;

import java.util.Objects;

/**
 * Why one line of an import file could not be applied.
 *
 * @param line    the line's number in the file, from 1 (the header)
 * @param message what is wrong with it, naming the value and what was expected
 */
public record LineProblem(long line, String message) {
    public LineProblem {
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return "line " + line + ": " + message;
    }
}
