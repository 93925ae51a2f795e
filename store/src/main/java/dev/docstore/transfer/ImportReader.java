package dev.docstore.transfer;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.docstore.index.IndexDefinition;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads an import file in the {@link JsonLines} format, line by line, checking each line against the cache's key and
 * value types. A bad header refuses the file ({@link ImportException}); a bad document line, a repeated key, a missing
 * or wrong end line is reported as a {@link LineProblem} and reading goes on, so a caller sees every bad line.
 *
 * <p>Not thread-safe: one reader per import.
 */
public final class ImportReader {
    private final ByteLines lines;
    private final String source;
    private final ValueCodec codec;
    private final Class<?> keyType;
    private final Class<?> valueType;
    private final ImportOptions options;
    private long lineNumber;

    public ImportReader(InputStream stream, String source, ValueCodec codec, Class<?> keyType, Class<?> valueType,
                        ImportOptions options) {
        this.lines = new ByteLines(stream);
        this.source = source;
        this.codec = codec;
        this.keyType = keyType;
        this.valueType = valueType;
        this.options = options;
    }

    /** Reads and checks the first line. */
    public ExportHeader header() {
        if (!nextLine()) {
            throw refused(1, "the file is empty; a docstore export starts with its header line");
        }
        JsonNode header;
        try {
            header = JsonLines.mapper().readTree(lines.bytes(), lines.start(), lines.length());
        } catch (JsonProcessingException e) {
            throw refused(lineNumber, "not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (header == null || !header.isObject() || !JsonLines.FORMAT.equals(header.path("format").asText(null))) {
            throw refused(lineNumber, "not a docstore export header: it needs \"format\": \"" + JsonLines.FORMAT
                    + "\"");
        }
        JsonNode version = header.path("formatVersion");
        if (!version.isInt() || version.intValue() != JsonLines.FORMAT_VERSION) {
            throw refused(lineNumber, "unknown format version " + version + ": this docstore reads version "
                    + JsonLines.FORMAT_VERSION);
        }
        try {
            List<IndexDefinition> indexes = new ArrayList<>();
            for (JsonNode index : header.path("indexes")) {
                List<String> paths = new ArrayList<>();
                index.path("paths").forEach(path -> paths.add(path.asText()));
                indexes.add(IndexDefinition.of(index.path("name").asText(), paths, index.path("unique").asBoolean()));
            }
            return new ExportHeader(text(header, "cache"), text(header, "keyType"), text(header, "valueType"),
                    indexes, Instant.parse(text(header, "exportedAt")));
        } catch (RuntimeException e) {
            throw refused(lineNumber, "bad header: " + e.getMessage());
        }
    }

    private static String text(JsonNode header, String field) {
        JsonNode value = header.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" must be a string");
        }
        return value.asText();
    }

    /**
     * Reads every document line after the header, giving each good one to {@code entries} and each bad one to
     * {@code problems}, then checks the end line.
     */
    public void documents(Consumer<ExportedEntry> entries, Consumer<LineProblem> problems) {
        Map<Object, Long> seen = new HashMap<>();
        long count = 0;
        Long declaredCount = null;
        long endLine = 0;
        while (nextLine()) {
            if (lines.isBlank()) {
                continue;
            }
            if (declaredCount != null) {
                problems.accept(new LineProblem(lineNumber, "a line after the end line (line " + endLine + ")"));
                continue;
            }
            count++; // every line but blank ones and the end line is a document line, good or bad
            try (JsonParser parser = JsonLines.mapper().getFactory().createParser(lines.bytes(), lines.start(),
                    lines.length())) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw new ValueCodec.BadValueException("a line must be one JSON object");
                }
                String first = parser.nextFieldName();
                if ("end".equals(first)) {
                    count--;
                    declaredCount = readEnd(parser);
                    endLine = lineNumber;
                } else {
                    ExportedEntry entry = readDocument(parser, first);
                    expectLineEnd(parser);
                    Long earlier = seen.putIfAbsent(entry.key(), lineNumber);
                    if (earlier != null) {
                        problems.accept(new LineProblem(lineNumber, "key " + entry.key()
                                + " appears again (first at line " + earlier + ")"));
                    } else {
                        entries.accept(entry);
                    }
                }
            } catch (ValueCodec.BadValueException e) {
                problems.accept(new LineProblem(lineNumber, e.getMessage()));
            } catch (JsonProcessingException e) {
                problems.accept(new LineProblem(lineNumber, "malformed JSON: " + e.getOriginalMessage()));
            } catch (IOException | RuntimeException e) {
                problems.accept(new LineProblem(lineNumber, e.getClass().getSimpleName() + ": " + e.getMessage()));
            }
        }
        if (declaredCount == null) {
            problems.accept(new LineProblem(lineNumber + 1, "the file ends without its end line"
                    + " ({\"end\": {\"documents\": N}}): it is truncated"));
        } else if (declaredCount != count) {
            problems.accept(new LineProblem(endLine, "the end line counts " + declaredCount
                    + " documents but the file has " + count));
        }
    }

    private ExportedEntry readDocument(JsonParser parser, String first) throws IOException {
        Object key = null;
        Object value = null;
        boolean hasKey = false;
        boolean hasValue = false;
        long version = 0;
        long created = 0;
        long modified = 0;
        long expires = ExportedEntry.NEVER;
        for (String field = first; field != null; field = parser.nextFieldName()) {
            parser.nextToken();
            switch (field) {
                case "key" -> {
                    key = codec.read(parser, keyType, options);
                    hasKey = true;
                }
                case "value" -> {
                    value = codec.read(parser, valueType, options);
                    hasValue = true;
                }
                case "version" -> version = number(parser, field);
                case "created" -> created = number(parser, field);
                case "modified" -> modified = number(parser, field);
                case "expires" -> expires = number(parser, field);
                default -> throw new ValueCodec.BadValueException("unknown field \"" + field + "\"");
            }
        }
        if (!hasKey || key == null) {
            throw new ValueCodec.BadValueException("the line has no key");
        }
        if (!hasValue || value == null) {
            throw new ValueCodec.BadValueException("the line has no value for key " + key);
        }
        if (!keyType.isInstance(key)) {
            throw new ValueCodec.BadValueException("key " + key + " is a " + key.getClass().getName()
                    + ", which does not fit the cache's key type " + keyType.getName());
        }
        if (!valueType.isInstance(value)) {
            throw new ValueCodec.BadValueException("the value of key " + key + " is a " + value.getClass().getName()
                    + ", which does not fit the cache's value type " + valueType.getName());
        }
        return new ExportedEntry(lineNumber, key, value, version, created, modified, expires);
    }

    private static long number(JsonParser parser, String field) throws IOException {
        if (parser.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new ValueCodec.BadValueException("\"" + field + "\" must be a whole number, was "
                    + parser.getText());
        }
        return parser.getLongValue();
    }

    private static long readEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != JsonToken.START_OBJECT || !"documents".equals(parser.nextFieldName())
                || parser.nextToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new ValueCodec.BadValueException("the end line must be {\"end\": {\"documents\": N}}");
        }
        long count = parser.getLongValue();
        if (parser.nextToken() != JsonToken.END_OBJECT || parser.nextToken() != JsonToken.END_OBJECT) {
            throw new ValueCodec.BadValueException("the end line must be {\"end\": {\"documents\": N}}");
        }
        expectLineEnd(parser);
        return count;
    }

    private static void expectLineEnd(JsonParser parser) throws IOException {
        if (parser.nextToken() != null) {
            throw new ValueCodec.BadValueException("more than one JSON value on the line");
        }
    }

    private boolean nextLine() {
        try {
            boolean more = lines.next();
            if (more) {
                lineNumber++;
            }
            return more;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + " after line " + lineNumber + ": "
                    + e.getMessage(), e);
        }
    }

    private ImportException refused(long line, String message) {
        return new ImportException(source, new LineProblem(line, message));
    }

    /** The number of the last line read. */
    public long lineNumber() {
        return lineNumber;
    }
}
