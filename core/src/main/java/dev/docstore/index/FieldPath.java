package dev.docstore.index;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A path to a field inside a value: {@code city}, {@code address.city}, or {@code tags[]} for every element of a
 * list (one index entry per element). At most one segment may end in {@code []}, and only as a whole segment name
 * followed by {@code []}. Field names cannot contain {@code .} or {@code []}.
 *
 * <p>Immutable and thread-safe.
 */
public final class FieldPath implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String text;
    private final String[] fields;
    /** Index of the segment that fans out over a list, or -1. */
    private final int listSegment;

    private FieldPath(String text, String[] fields, int listSegment) {
        this.text = text;
        this.fields = fields;
        this.listSegment = listSegment;
    }

    /**
     * Parses a path.
     *
     * @throws IllegalArgumentException naming the problem, for an empty path or segment, or more than one {@code []}
     */
    public static FieldPath parse(String path) {
        Objects.requireNonNull(path, "path must not be null");
        if (path.isBlank()) {
            throw new IllegalArgumentException("a field path must not be empty");
        }
        String[] segments = path.split("\\.", -1);
        String[] fields = new String[segments.length];
        int listSegment = -1;
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.endsWith("[]")) {
                if (listSegment >= 0) {
                    throw new IllegalArgumentException("field path '" + path + "' has more than one '[]'");
                }
                listSegment = i;
                segment = segment.substring(0, segment.length() - 2);
            }
            if (segment.isEmpty() || segment.contains("[") || segment.contains("]")) {
                throw new IllegalArgumentException("field path '" + path + "' has an empty or malformed segment '"
                        + segments[i] + "'");
            }
            fields[i] = segment;
        }
        return new FieldPath(path, fields, listSegment);
    }

    /** Whether the path fans out over the elements of a list. */
    public boolean isMultiValued() {
        return listSegment >= 0;
    }

    /**
     * Passes each value the path reaches in {@code value} to {@code sink}: none when a field is missing or null or the
     * path crosses something without fields; one for a plain path; one per non-null element for a {@code []} path.
     */
    public void read(Object value, FieldReader reader, Consumer<Object> sink) {
        read(value, reader, 0, sink);
    }

    private void read(Object value, FieldReader reader, int from, Consumer<Object> sink) {
        Object current = value;
        for (int i = from; i < fields.length; i++) {
            current = reader.read(current, fields[i]);
            if (current == null) {
                return;
            }
            if (i == listSegment) {
                if (!(current instanceof List<?> list)) {
                    return;
                }
                for (Object element : list) {
                    if (element != null) {
                        if (i + 1 == fields.length) {
                            sink.accept(element);
                        } else {
                            read(element, reader, i + 1, sink);
                        }
                    }
                }
                return;
            }
        }
        sink.accept(current);
    }

    /**
     * The single value a path without {@code []} reaches, or {@code null}; allocates nothing.
     *
     * @throws IllegalStateException for a list path
     */
    public Object readSingle(Object value, FieldReader reader) {
        if (listSegment >= 0) {
            throw new IllegalStateException("path '" + text + "' reaches many values");
        }
        Object current = value;
        for (int i = 0; i < fields.length && current != null; i++) {
            current = reader.read(current, fields[i]);
        }
        return current;
    }

    /** The values the path reaches in {@code value}, as {@link #read(Object, FieldReader, Consumer)} passes them. */
    public List<Object> values(Object value, FieldReader reader) {
        List<Object> values = new ArrayList<>(1);
        read(value, reader, values::add);
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FieldPath path && path.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    /** The path as written. */
    @Override
    public String toString() {
        return text;
    }

    /** The field names, without {@code []}. */
    public List<String> fields() {
        return List.copyOf(Arrays.asList(fields));
    }
}
