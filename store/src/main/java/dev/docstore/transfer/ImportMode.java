package dev.docstore.transfer;

/** What an import does with a file in which some lines cannot be applied. */
public enum ImportMode {
    /**
     * Every line is read and checked (format, types, unique indexes against the cache and against the rest of the
     * file) before any is applied; one bad line refuses the whole file with an {@link ImportException} naming it, and
     * the cache is left as it was.
     */
    ALL_OR_NOTHING,
    /**
     * Lines that cannot be applied are left out and listed in the {@link ImportReport} with their line numbers and
     * reasons; the others are applied. A file whose first line is not a docstore export header is still refused whole.
     */
    SKIP_AND_REPORT
}
