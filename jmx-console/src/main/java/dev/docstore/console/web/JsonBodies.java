package dev.docstore.console.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Locale;

/**
 * Request bodies: one JSON object, no field twice, and the fields a route reads of the type they must have. A refusal
 * names the field and what was expected.
 *
 * <p>Thread-safe: stateless; the mapper is configured once and then only used.
 */
final class JsonBodies {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
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

    /** {@code bytes} as a JSON object. */
    static JsonNode object(byte[] bytes) {
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
