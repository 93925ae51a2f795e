package dev.docstore.cluster.query;

import dev.docstore.index.IndexDefinition;
import java.io.Serializable;
import java.util.Comparator;
import java.util.Objects;

/**
 * An index as the cluster-wide registry holds it: its definition and its place in creation order. The order matters
 * because the query planner, like the local one, prefers the earlier of two equally good indexes. Immutable.
 *
 * @param definition what the index is
 * @param ordinal    its place in creation order (ties, from two JVMs creating at once, fall back to the name)
 */
record RegisteredIndex(IndexDefinition definition, long ordinal) implements Serializable {
    /** Creation order. */
    static final Comparator<RegisteredIndex> CREATION_ORDER = Comparator.comparingLong(RegisteredIndex::ordinal)
            .thenComparing(index -> index.definition().name());

    RegisteredIndex {
        Objects.requireNonNull(definition, "definition must not be null");
    }

    String name() {
        return definition.name();
    }
}
