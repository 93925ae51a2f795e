package dev.docstore.transfer;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.docstore.index.IndexDefinition;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes an export in the {@link JsonLines} format to a stream: the header, then each document, then the end line.
 * Streaming: it holds one line at a time, whatever the number of documents. It flushes but never closes the stream.
 *
 * <p>Not thread-safe: one writer per export.
 */
public final class ExportWriter {
    private final JsonGenerator out;
    private final ValueCodec codec;
    private final Class<?> keyType;
    private final Class<?> valueType;
    private long documents;

    /** A writer to {@code stream} for a cache with these declared types. */
    public ExportWriter(OutputStream stream, ValueCodec codec, Class<?> keyType, Class<?> valueType) {
        try {
            this.out = JsonLines.mapper().getFactory().createGenerator(stream, JsonEncoding.UTF8);
            // each root value ends its line itself, with no separator before the next
            this.out.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.codec = codec;
        this.keyType = keyType;
        this.valueType = valueType;
    }

    /** Writes the header line. */
    public void header(ExportHeader header) throws IOException {
        out.writeStartObject();
        out.writeStringField("format", JsonLines.FORMAT);
        out.writeNumberField("formatVersion", JsonLines.FORMAT_VERSION);
        out.writeStringField("cache", header.cache());
        out.writeStringField("keyType", header.keyType());
        out.writeStringField("valueType", header.valueType());
        out.writeArrayFieldStart("indexes");
        for (IndexDefinition index : header.indexes()) {
            out.writeStartObject();
            out.writeStringField("name", index.name());
            out.writeArrayFieldStart("paths");
            for (String path : index.pathNames()) {
                out.writeString(path);
            }
            out.writeEndArray();
            out.writeBooleanField("unique", index.unique());
            out.writeEndObject();
        }
        out.writeEndArray();
        out.writeStringField("exportedAt", header.exportedAt().toString());
        endLine();
    }

    /**
     * Writes one document line; {@code created} and {@code modified} are left out when 0, {@code expires} when
     * {@link ExportedEntry#NEVER}.
     *
     * @throws ExportException when the key or value cannot be written (what was written of the line stays)
     */
    public void document(Object key, Object value, long version, long created, long modified, long expires)
            throws IOException {
        out.writeStartObject();
        out.writeFieldName("key");
        writeValue(key, keyType, key, "key");
        out.writeFieldName("value");
        writeValue(value, valueType, key, "value");
        out.writeNumberField("version", version);
        if (created != 0) {
            out.writeNumberField("created", created);
        }
        if (modified != 0) {
            out.writeNumberField("modified", modified);
        }
        if (expires != ExportedEntry.NEVER) {
            out.writeNumberField("expires", expires);
        }
        endLine();
        documents++;
    }

    private void writeValue(Object value, Class<?> declared, Object key, String what) throws IOException {
        try {
            codec.write(out, value, declared);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ExportException("cannot export the " + what + " of key " + key + " (a "
                    + value.getClass().getName() + "): " + e.getOriginalMessage(), e);
        } catch (ExportException e) {
            throw new ExportException("cannot export the " + what + " of key " + key + ": " + e.getMessage(), e);
        }
    }

    /** Writes the end line and flushes; returns the number of documents written. */
    public long finish() throws IOException {
        out.writeStartObject();
        out.writeObjectFieldStart("end");
        out.writeNumberField("documents", documents);
        out.writeEndObject();
        endLine();
        out.flush();
        return documents;
    }

    private void endLine() throws IOException {
        out.writeEndObject();
        out.writeRaw('\n');
    }
}
