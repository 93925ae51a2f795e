package dev.docstore.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The export file format, version {@value #FORMAT_VERSION}: UTF-8 JSON Lines, one JSON object per line.
 * <ol>
 *   <li>The header: {@code {"format": "docstore-export", "formatVersion": 1, "cache": "orders",
 *       "keyType": "java.lang.String", "valueType": "java.lang.Object", "indexes": [{"name": "byCity",
 *       "paths": ["address.city"], "unique": false}], "exportedAt": "2026-12-03T18:00:00Z"}}.</li>
 *   <li>One line per document, in the order of the cache's snapshot: {@code {"key": …, "value": …, "version": 17}},
 *       with {@code "created"} and {@code "modified"} (epoch milliseconds) when the cache keeps those times, and
 *       {@code "expires"} (epoch milliseconds of the cache's clock) when the entry has an expiry time. Keys and values
 *       are written by {@link ValueCodec}, which keeps their Java types.</li>
 *   <li>The end line: {@code {"end": {"documents": 1000}}}. A file without it, or whose count differs, is truncated and
 *       is refused.</li>
 * </ol>
 * Blank lines are ignored.
 */
public final class JsonLines {
    /** The value of the header's {@code format} field. */
    public static final String FORMAT = "docstore-export";
    /** The format version this code writes and the only one it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET).disable(JsonParser.Feature.AUTO_CLOSE_SOURCE)
            .disable(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);

    private JsonLines() {
    }

    /** The mapper for plain objects and headers: java.time support, never closes the caller's streams. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }
}
