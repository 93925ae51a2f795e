package dev.docstore.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueCodecTest {
    private final ValueCodec codec = new ValueCodec(JsonLines.mapper(), ValueCodecTest.class.getClassLoader());

    /** A record a cache may hold as a plain object. */
    public record Point(int x, long y, BigDecimal z, List<String> labels) {
    }

    private String write(Object value, Class<?> declared) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator out = JsonLines.mapper().getFactory().createGenerator(text)) {
            codec.write(out, value, declared);
        }
        return text.toString();
    }

    private Object read(String json, Class<?> declared, ImportOptions options) throws IOException {
        try (JsonParser in = JsonLines.mapper().getFactory().createParser(json)) {
            in.nextToken();
            Object value = codec.read(in, declared, options);
            assertThat(in.nextToken()).as("the value ends where the JSON does: %s", json).isNull();
            return value;
        }
    }

    private Object roundTrip(Object value, Class<?> declared) throws IOException {
        return read(write(value, declared), declared, ImportOptions.allOrNothing());
    }

    @Test
    void everyLeafKindComesBackEqualAndOfItsOwnClass() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 50; round++) {
            for (int kind = 0; kind < RandomValues.LEAF_KINDS; kind++) {
                Object leaf = RandomValues.leaf(random, kind);
                Object back = roundTrip(leaf, Object.class);
                assertThat(back).as("seed %d, kind %d: %s", seed, kind, leaf).isEqualTo(leaf);
                if (leaf != null) {
                    assertThat(back.getClass()).as("seed %d, kind %d: %s", seed, kind, leaf).isEqualTo(leaf.getClass());
                }
            }
        }
    }

    @Test
    void randomDocumentsComeBackEqualWithEveryNestedTypeKept() throws IOException {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int i = 0; i < 500; i++) {
            Map<String, Object> document = RandomValues.document(random, 3);
            Object back = roundTrip(document, Object.class);
            assertThat(back).as("seed %d: %s", seed, document).isEqualTo(document);
            assertThat(write(back, Object.class)).as("seed %d: the same JSON again", seed)
                    .isEqualTo(write(document, Object.class));
        }
    }

    @Test
    void typesJsonWouldLoseAreMarkedAndOthersArePlainJson() throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("int", 5);
        document.put("long", 5L);
        document.put("decimal", new BigDecimal("1.50"));
        document.put("double", 2.5);
        document.put("$ref", "x");
        assertThat(write(document, Object.class)).isEqualTo("{\"int\":5,\"long\":{\"$long\":5},"
                + "\"decimal\":{\"$decimal\":\"1.50\"},\"double\":2.5,\"$$ref\":\"x\"}");
    }

    @Test
    void aRecordOfTheDeclaredTypeIsPlainJacksonAndComesBackEqual() throws IOException {
        Point point = new Point(1, Long.MAX_VALUE, new BigDecimal("2.50"), List.of("a", "ü"));
        assertThat(write(point, Point.class)).doesNotContain("$object");
        assertThat(roundTrip(point, Point.class)).isEqualTo(point);
    }

    @Test
    void aRecordInACacheOfObjectNeedsItsClassAllowed() throws IOException {
        Point point = new Point(1, 2, BigDecimal.ONE, List.of());
        String json = write(point, Object.class);
        assertThat(json).contains("\"$object\"").contains(Point.class.getName());

        assertThatThrownBy(() -> read(json, Object.class, ImportOptions.allOrNothing()))
                .isInstanceOf(ValueCodec.BadValueException.class)
                .hasMessageContaining(Point.class.getName()).hasMessageContaining("not allowed");
        assertThat(read(json, Object.class, ImportOptions.allOrNothing().allowing(Point.class))).isEqualTo(point);
        assertThat(read(json, Object.class, ImportOptions.allOrNothing().trustingClassNames())).isEqualTo(point);
    }

    @Test
    void aMapWithKeysThatAreNotStringsIsRefusedRatherThanWrittenWithStringKeys() {
        assertThatThrownBy(() -> write(Map.of("inner", Map.of(1, "one")), Object.class))
                .isInstanceOf(ExportException.class).hasMessageContaining("keys that are not strings");
    }

    @Test
    void unknownMarksClassesAndMalformedMarkedValuesAreNamed() {
        assertThatThrownBy(() -> read("{\"$wat\": 1}", Object.class, ImportOptions.allOrNothing()))
                .isInstanceOf(ValueCodec.BadValueException.class).hasMessageContaining("unknown type mark \"$wat\"");
        assertThatThrownBy(() -> read("{\"$decimal\": \"one\"}", Object.class, ImportOptions.allOrNothing()))
                .isInstanceOf(ValueCodec.BadValueException.class).hasMessageContaining("bad \"$decimal\" value");
        assertThatThrownBy(() -> read("{\"$long\": 1, \"x\": 2}", Object.class, ImportOptions.allOrNothing()))
                .isInstanceOf(ValueCodec.BadValueException.class).hasMessageContaining("second field");
        assertThatThrownBy(() -> read("{\"$enum\": \"java.lang.String.X\"}", Object.class,
                ImportOptions.allOrNothing()))
                .isInstanceOf(ValueCodec.BadValueException.class).hasMessageContaining("not an enum");
        assertThatThrownBy(() -> read("{\"$object\": {\"class\": \"no.such.Type\", \"value\": 1}}", Object.class,
                ImportOptions.allOrNothing().trustingClassNames()))
                .isInstanceOf(ValueCodec.BadValueException.class).hasMessageContaining("no.such.Type is not found");
        assertThatThrownBy(() -> read("{\"x\": \"not a number\"}", Point.class, ImportOptions.allOrNothing()))
                .isInstanceOf(ValueCodec.BadValueException.class).hasMessageContaining(Point.class.getName());
    }
}
