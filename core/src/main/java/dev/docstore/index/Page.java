package dev.docstore.index;

import dev.docstore.engine.Entry;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of an index scan.
 *
 * @param entries the entries, in scan order
 * @param next    where to resume for the next page, or {@code null} when this page is the last
 * @param <K>     the key type
 * @param <V>     the value type
 */
public record Page<K, V>(List<Entry<K, V>> entries, @Nullable PageToken next) {
    public Page {
        entries = List.copyOf(entries);
    }

    /** Whether a next page exists. */
    public boolean hasNext() {
        return next != null;
    }
}
