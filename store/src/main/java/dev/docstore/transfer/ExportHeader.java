package dev.docstore.transfer;

import dev.docstore.index.IndexDefinition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The first line of an export: which cache it came from, its declared key and value types (class names) and its
 * index definitions, and when it was taken.
 */
public record ExportHeader(String cache, String keyType, String valueType, List<IndexDefinition> indexes,
                           Instant exportedAt) {
    public ExportHeader {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        indexes = List.copyOf(indexes);
        Objects.requireNonNull(exportedAt, "exportedAt");
    }
}
