package dev.docstore.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Request bodies, read strictly: one JSON object and nothing after it, no field twice, no field the route does not
 * know (a misspelt {@code "Unique"} would otherwise be ignored without a word), and every field of the type it must
 * have (no {@code "true"} or {@code 1} for a boolean). A refusal names the field and what was expected.
 *
 * <p>Thread-safe: stateless; the mapper is configured once and then only used.
 */
final class JsonBodies {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Request bodies are small forms; anything bigger is refused before it is read whole. */
    static final int MAX_BODY = 64 * 1024;

    private JsonBodies() {
    }

    /** Refuses with 415 a body that is not declared as JSON. */
    static void requireJson(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Refusal(415, "send the request body as application/json");
        }
    }

    /** {@code bytes} as a JSON object whose fields are all among {@code fields}. */
    static JsonNode object(byte[] bytes, Set<String> fields) {
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new Refusal(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Refusal(400, "malformed JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
            throw new Refusal(400, "the request body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!fields.contains(name)) {
                throw new Refusal(400, "unknown field '" + name + "'" + (fields.isEmpty() ? ": this request takes none"
                        : "; expected only " + String.join(", ", new TreeSet<>(fields))));
            }
        }
        return node;
    }

    /** A field that must be a non-empty string. */
    static String text(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new Refusal(400, "'" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    /** A field that may be absent or null (then null), and otherwise must be a string. */
    static String optionalText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new Refusal(400, "'" + field + "' must be a string");
        }
        return value.asText();
    }

    /** A field that may be absent or null (then {@code fallback}), and otherwise must be true or false. */
    static boolean flag(JsonNode body, String field, boolean fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new Refusal(400, "'" + field + "' must be true or false, was " + value);
        }
        return value.booleanValue();
    }

    /** A field that may be absent or null (then {@code fallback}), and otherwise a whole number from 0 to max. */
    static int whole(JsonNode body, String field, int fallback, int max) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 0 || value.asInt() > max) {
            throw new Refusal(400, "'" + field + "' must be a whole number from 0 to " + max);
        }
        return value.asInt();
    }
}
