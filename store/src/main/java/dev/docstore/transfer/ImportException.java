package dev.docstore.transfer;

import java.util.List;

/**
 * An import file that cannot be applied: not a docstore export, an unknown format version, a malformed or truncated
 * file, a key or value that does not fit the cache, or a document that a unique index refuses. In
 * {@link ImportMode#ALL_OR_NOTHING} mode the cache is unchanged when this is thrown; the message names the first bad
 * line, and {@link #problems()} lists them all (up to {@link #MAX_PROBLEMS}).
 */
public final class ImportException extends IllegalArgumentException {
    /** How many problems an exception keeps; a file with more is refused all the same. */
    public static final int MAX_PROBLEMS = 100;
    private static final long serialVersionUID = 1L;

    private final transient List<LineProblem> problems;
    private final long line;

    public ImportException(String source, List<LineProblem> problems) {
        super(message(source, problems));
        this.problems = List.copyOf(problems.subList(0, Math.min(problems.size(), MAX_PROBLEMS)));
        this.line = problems.get(0).line();
    }

    /** One problem. */
    public ImportException(String source, LineProblem problem) {
        this(source, List.of(problem));
    }

    private static String message(String source, List<LineProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("an import exception needs a problem");
        }
        String first = "cannot import " + source + ": " + problems.get(0);
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more bad line"
                + (problems.size() == 2 ? "" : "s") + "); nothing was imported";
    }

    /** The number of the first bad line, from 1. */
    public long line() {
        return line;
    }

    /** The bad lines, in file order (at most {@link #MAX_PROBLEMS}). */
    public List<LineProblem> problems() {
        return problems;
    }
}
