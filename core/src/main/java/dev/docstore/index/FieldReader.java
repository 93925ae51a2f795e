package dev.docstore.index;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads one named field of a stored value. The default reads documents ({@code Map}s); the JCache layer supplies one
 * that also reads the properties of plain objects and records.
 */
@FunctionalInterface
public interface FieldReader {
    /** Reads {@code Map} fields; a value that is not a map has no fields. */
    FieldReader DOCUMENTS = (value, field) -> value instanceof Map<?, ?> map ? map.get(field) : null;

    /**
     * The value of {@code field} in {@code value}, or {@code null} when it has none.
     *
     * @param value a stored value, or a value found inside one (never null)
     */
    @Nullable Object read(Object value, String field);
}
