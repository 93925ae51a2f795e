package dev.docstore.jcache;

/**
 * A bounded cache's bound as it is at one moment: by what it is counted, its maximum, and how much of it the resident
 * entries take. Read with {@link DocumentCache#evictionBound()}, changed with {@link DocumentCache#setMaximum}.
 *
 * <p>{@code maximum} and {@code weightedSize} are read together under the bound's lock, so they belong to the same
 * moment. While writes run, {@code weightedSize} may exceed {@code maximum} by the writes whose evictions are still
 * under way (the slack described in ARCHITECTURE.md); once they stop it is within it.
 *
 * @param kind         what the bound counts
 * @param maximum      the maximum number of entries or total weight, positive
 * @param weightedSize the number of entries (bounded by size) or their total weight (bounded by weight)
 */
public record EvictionBound(Kind kind, long maximum, long weightedSize) {
    /** What a bound counts. */
    public enum Kind {
        /** Entries: {@code DocstoreConfiguration.setMaximumSize}. */
        SIZE,
        /** The weights a {@link Weigher} gives entries: {@code DocstoreConfiguration.setMaximumWeight}. */
        WEIGHT;

        /** The name of the configuration setting that holds this kind of maximum. */
        public String setting() {
            return this == SIZE ? "maximumSize" : "maximumWeight";
        }
    }
}
