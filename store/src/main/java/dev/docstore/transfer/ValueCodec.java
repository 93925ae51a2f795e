package dev.docstore.transfer;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.docstore.document.Documents;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Writes and reads keys and values as JSON that keeps their Java types. Documents ({@code Map}s with string keys,
 * {@code List}s and the leaf types documents may hold) are written as JSON, with the types JSON would lose marked by a
 * one-field object whose name starts with {@code $}:
 * <ul>
 *   <li>as plain JSON: {@code null}, booleans, strings, {@code Integer}s, finite {@code Double}s, lists, maps;</li>
 *   <li>{@code {"$long": 1}}, {@code {"$short": 1}}, {@code {"$byte": 1}}; {@code {"$float": "1.5"}},
 *       {@code {"$double": "NaN"}} (non-finite doubles only), {@code {"$bigint": "…"}}, {@code {"$decimal": "1.50"}}
 *       (the scale kept), {@code {"$uuid": "…"}}, {@code {"$enum": "com.example.Color.RED"}};</li>
 *   <li>{@code java.time} values as their ISO text: {@code $instant}, {@code $localDate}, {@code $localDateTime},
 *       {@code $localTime}, {@code $offsetDateTime}, {@code $zonedDateTime}, {@code $offsetTime}, {@code $yearMonth},
 *       {@code $monthDay}, {@code $duration}, {@code $period}, {@code $zone} (regions and offsets), and {@code $year}
 *       as a number;</li>
 *   <li>any other object as {@code {"$object": {"class": "…", "value": …}}}, its value written by Jackson; a value of
 *       exactly the declared type of a cache that declares a class (not {@code Object} or a map) is written by Jackson
 *       with no wrapper.</li>
 * </ul>
 * A map key that starts with {@code $} is written with one more {@code $} in front ({@code "$ref"} as
 * {@code "$$ref"}), so a document can never be mistaken for a marked value.
 *
 * <p>Thread-safe: stateless apart from the shared, thread-safe {@link ObjectMapper}.
 */
public final class ValueCodec {
    private static final String OBJECT = "$object";
    private static final Map<String, Function<String, Object>> TEXT_TYPES = Map.ofEntries(
            Map.entry("$float", Float::valueOf), Map.entry("$double", Double::valueOf),
            Map.entry("$bigint", BigInteger::new), Map.entry("$decimal", BigDecimal::new),
            Map.entry("$uuid", UUID::fromString), Map.entry("$instant", Instant::parse),
            Map.entry("$localDate", LocalDate::parse), Map.entry("$localDateTime", LocalDateTime::parse),
            Map.entry("$localTime", LocalTime::parse), Map.entry("$offsetDateTime", OffsetDateTime::parse),
            Map.entry("$zonedDateTime", ZonedDateTime::parse), Map.entry("$offsetTime", OffsetTime::parse),
            Map.entry("$yearMonth", YearMonth::parse), Map.entry("$monthDay", MonthDay::parse),
            Map.entry("$duration", Duration::parse), Map.entry("$period", Period::parse),
            Map.entry("$zone", ZoneId::of));

    private final ObjectMapper mapper;
    private final ClassLoader classLoader;

    public ValueCodec(ObjectMapper mapper, ClassLoader classLoader) {
        this.mapper = mapper;
        this.classLoader = classLoader;
    }

    /** Whether values declared as {@code type} are written in the document form (else as Jackson beans). */
    static boolean isDocumentType(Class<?> type) {
        return type == Object.class || type.isAssignableFrom(LinkedHashMap.class)
                || type.isAssignableFrom(ArrayList.class) || isLeafType(type);
    }

    private static boolean isLeafType(Class<?> type) {
        return type == String.class || type == Boolean.class || Number.class.isAssignableFrom(type)
                || type == UUID.class || type.isEnum() || type.getName().startsWith("java.time.");
    }

    /** Writes {@code value}, declared as {@code declared}, at the generator's position. */
    public void write(JsonGenerator out, Object value, Class<?> declared) throws IOException {
        if (value != null && !isDocumentType(declared) && value.getClass() == declared) {
            mapper.writeValue(out, value);
        } else {
            writeDocumentValue(out, value);
        }
    }

    private void writeDocumentValue(JsonGenerator out, Object value) throws IOException {
        if (value == null) {
            out.writeNull();
        } else if (value instanceof String text) {
            out.writeString(text);
        } else if (value instanceof Boolean flag) {
            out.writeBoolean(flag);
        } else if (value instanceof Integer number) {
            out.writeNumber(number);
        } else if (value instanceof Double number && Double.isFinite(number)) {
            out.writeNumber(number);
        } else if (value instanceof Map<?, ?> map && hasOnlyStringKeys(map)) {
            out.writeStartObject();
            for (Map.Entry<?, ?> field : map.entrySet()) {
                String name = (String) field.getKey();
                out.writeFieldName(name.startsWith("$") ? "$" + name : name);
                writeDocumentValue(out, field.getValue());
            }
            out.writeEndObject();
        } else if (value instanceof List<?> list) {
            out.writeStartArray();
            for (Object element : list) {
                writeDocumentValue(out, element);
            }
            out.writeEndArray();
        } else {
            writeMarked(out, value);
        }
    }

    /**
     * Whether {@code map} is written as a JSON object. A frozen document's keys are all strings; any other map's are
     * checked by a plain loop, because this runs for every map of every exported document (a stream here was a fifth
     * of an export's time).
     */
    private static boolean hasOnlyStringKeys(Map<?, ?> map) {
        if (Documents.isFrozen(map)) {
            return true;
        }
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    private void writeMarked(JsonGenerator out, Object value) throws IOException {
        if (value instanceof Map<?, ?>) {
            // JSON names are strings: Jackson would write 1 as "1", and the map would come back with other keys
            throw new ExportException("a map with keys that are not strings (" + value.getClass().getName()
                    + ") cannot be written with its keys' types");
        }
        out.writeStartObject();
        if (value instanceof Long number) {
            out.writeNumberField("$long", number);
        } else if (value instanceof Short number) {
            out.writeNumberField("$short", number);
        } else if (value instanceof Byte number) {
            out.writeNumberField("$byte", number);
        } else if (value instanceof Year year) {
            out.writeNumberField("$year", year.getValue());
        } else if (value instanceof Enum<?> constant) {
            out.writeStringField("$enum", constant.getDeclaringClass().getName() + "." + constant.name());
        } else {
            String tag = textTag(value);
            if (tag != null) {
                out.writeStringField(tag, value.toString());
            } else {
                out.writeFieldName(OBJECT);
                out.writeStartObject();
                out.writeStringField("class", value.getClass().getName());
                out.writeFieldName("value");
                mapper.writeValue(out, value);
                out.writeEndObject();
            }
        }
        out.writeEndObject();
    }

    private static String textTag(Object value) {
        if (value instanceof Float) {
            return "$float";
        } else if (value instanceof Double) {
            return "$double";
        } else if (value instanceof BigInteger) {
            return "$bigint";
        } else if (value instanceof BigDecimal) {
            return "$decimal";
        } else if (value instanceof UUID) {
            return "$uuid";
        } else if (value instanceof Instant) {
            return "$instant";
        } else if (value instanceof LocalDate) {
            return "$localDate";
        } else if (value instanceof LocalDateTime) {
            return "$localDateTime";
        } else if (value instanceof LocalTime) {
            return "$localTime";
        } else if (value instanceof OffsetDateTime) {
            return "$offsetDateTime";
        } else if (value instanceof ZonedDateTime) {
            return "$zonedDateTime";
        } else if (value instanceof OffsetTime) {
            return "$offsetTime";
        } else if (value instanceof YearMonth) {
            return "$yearMonth";
        } else if (value instanceof MonthDay) {
            return "$monthDay";
        } else if (value instanceof Duration) {
            return "$duration";
        } else if (value instanceof Period) {
            return "$period";
        } else if (value instanceof ZoneId) {
            return "$zone";
        }
        return null;
    }

    /**
     * Reads the value that starts at the parser's current token, declared as {@code declared}; leaves the parser at
     * its last token.
     *
     * @throws BadValueException when the JSON is not a value this codec writes, or names a class {@code options} do
     *                           not allow
     */
    public Object read(JsonParser in, Class<?> declared, ImportOptions options) throws IOException {
        if (!isDocumentType(declared) && in.currentToken() == JsonToken.START_OBJECT) {
            // a copy of the tokens (numbers kept as their text, so a BigDecimal keeps its scale) to look at the
            // first field before choosing how to read the whole
            TokenBuffer copy = new TokenBuffer(in);
            copy.copyCurrentStructure(in);
            try (JsonParser marked = copy.asParser()) {
                marked.nextToken();
                if (OBJECT.equals(marked.nextFieldName())) {
                    marked.nextToken();
                    Object value = readObject(marked, declared, options);
                    if (marked.nextToken() != JsonToken.END_OBJECT) {
                        throw new BadValueException("a marked value {\"" + OBJECT + "\": …} has a second field");
                    }
                    return value;
                }
            }
            try (JsonParser plain = copy.asParser()) {
                plain.nextToken();
                return bean(plain, declared);
            }
        }
        return readDocumentValue(in, declared, options);
    }

    private Object readDocumentValue(JsonParser in, Class<?> declared, ImportOptions options) throws IOException {
        JsonToken token = in.currentToken();
        if (token == null) {
            throw new BadValueException("a value is missing");
        }
        return switch (token) {
            case VALUE_NULL -> null;
            case VALUE_STRING -> in.getText();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT -> in.getNumberValue();
            case VALUE_NUMBER_FLOAT -> in.getDoubleValue();
            case START_ARRAY -> readList(in, declared, options);
            case START_OBJECT -> readObjectOrMarked(in, declared, options);
            default -> throw new BadValueException("unexpected " + token);
        };
    }

    private List<Object> readList(JsonParser in, Class<?> declared, ImportOptions options) throws IOException {
        List<Object> list = new ArrayList<>();
        while (in.nextToken() != JsonToken.END_ARRAY) {
            list.add(readDocumentValue(in, declared, options));
        }
        return list;
    }

    private Object readObjectOrMarked(JsonParser in, Class<?> declared, ImportOptions options) throws IOException {
        String name = in.nextFieldName();
        if (name != null && name.startsWith("$") && !name.startsWith("$$")) {
            in.nextToken();
            Object value = readMarked(name, in, declared, options);
            if (in.nextToken() != JsonToken.END_OBJECT) {
                throw new BadValueException("a marked value {\"" + name + "\": …} has a second field");
            }
            return value;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        while (name != null) {
            in.nextToken();
            map.put(name.startsWith("$") ? name.substring(1) : name, readDocumentValue(in, declared, options));
            name = in.nextFieldName();
        }
        return map;
    }

    private Object readMarked(String tag, JsonParser in, Class<?> declared, ImportOptions options)
            throws IOException {
        try {
            switch (tag) {
                case "$long":
                    return in.getLongValue();
                case "$short":
                    return in.getShortValue();
                case "$byte":
                    return in.getByteValue();
                case "$year":
                    return Year.of(in.getIntValue());
                case "$enum":
                    return readEnum(in.getText());
                case OBJECT:
                    return readObject(in, declared, options);
                default:
                    Function<String, Object> parse = TEXT_TYPES.get(tag);
                    if (parse == null) {
                        throw new BadValueException("unknown type mark \"" + tag + "\" (a map key starting with $"
                                + " is written as $$…)");
                    }
                    if (in.currentToken() != JsonToken.VALUE_STRING) {
                        throw new BadValueException("\"" + tag + "\" needs a string, found " + in.currentToken());
                    }
                    return parse.apply(in.getText());
            }
        } catch (RuntimeException | IOException e) {
            if (e instanceof BadValueException) {
                throw e;
            }
            throw new BadValueException("bad \"" + tag + "\" value: " + e.getMessage());
        }
    }

    private Object readEnum(String text) {
        int dot = text.lastIndexOf('.');
        Class<?> type = load(dot < 0 ? text : text.substring(0, dot));
        if (!type.isEnum()) {
            throw new BadValueException(type.getName() + " is not an enum");
        }
        for (Object constant : type.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(text.substring(dot + 1))) {
                return constant;
            }
        }
        throw new BadValueException(type.getName() + " has no constant " + text.substring(dot + 1));
    }

    /** Reads {@code {"class": "…", "value": …}}, the class first, starting at its opening brace. */
    private Object readObject(JsonParser in, Class<?> declared, ImportOptions options) throws IOException {
        if (in.currentToken() != JsonToken.START_OBJECT || !"class".equals(in.nextFieldName())
                || in.nextToken() != JsonToken.VALUE_STRING) {
            throw new BadValueException("\"$object\" needs {\"class\": \"…\", \"value\": …}, in that order");
        }
        Class<?> type = load(in.getText());
        boolean declaredSubtype = declared != Object.class && declared.isAssignableFrom(type);
        if (!declaredSubtype && !options.allows(type)) {
            throw new BadValueException("class " + type.getName() + " is named by the file but not allowed: "
                    + (declared == Object.class ? "a cache of Object accepts documents only"
                    : "only " + declared.getName() + " and its subtypes are") + ", unless ImportOptions.allowing"
                    + " names the class");
        }
        if (!"value".equals(in.nextFieldName())) {
            throw new BadValueException("\"$object\" needs {\"class\": \"…\", \"value\": …}, in that order");
        }
        in.nextToken();
        Object value = bean(in, type);
        if (in.nextToken() != JsonToken.END_OBJECT) {
            throw new BadValueException("\"$object\" has a field after \"value\"");
        }
        return value;
    }

    private Object bean(JsonParser in, Class<?> type) throws IOException {
        try {
            return mapper.readValue(in, type);
        } catch (JsonProcessingException e) {
            throw new BadValueException("cannot read a " + type.getName() + ": " + e.getOriginalMessage());
        }
    }

    private Class<?> load(String name) {
        try {
            // not initialized: a class is only looked at until it is known to be allowed
            return Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new BadValueException("class " + name + " is not found");
        }
    }

    /** A value in an import file that this codec cannot read back; the reader adds the line number. */
    public static final class BadValueException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public BadValueException(String message) {
            super(message);
        }
    }
}
