package dev.docstore.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Documents#freeze}: which values a document may hold, how refusals name the field, and what a copy keeps. */
class DocumentsTest {
    enum Colour { RED, GREEN }

    /** A subclass of BigDecimal, which could carry mutable state; the store must not keep it. */
    static final class SneakyDecimal extends BigDecimal {
        private static final long serialVersionUID = 1L;

        SneakyDecimal(String value) {
            super(value);
        }
    }

    /** A subclass of BigInteger, for the same reason. */
    static final class SneakyInteger extends BigInteger {
        private static final long serialVersionUID = 1L;

        SneakyInteger(String value) {
            super(value);
        }
    }

    /** Freezes {@code document}, asserts that it is refused, and returns the refusal. */
    private static InvalidDocumentException refusal(Map<String, ?> document) {
        Throwable thrown = catchThrowable(() -> Documents.freeze(document));
        assertThat(thrown).as("what freezing %s threw (null: it was accepted)", document)
                .isInstanceOf(InvalidDocumentException.class);
        return (InvalidDocumentException) thrown;
    }

    static Stream<Named<Object>> supportedLeaves() {
        return Stream.of(
                Named.of("Boolean", Boolean.TRUE),
                Named.of("Byte", (byte) 7),
                Named.of("Short", (short) 300),
                Named.of("Integer", 70_000),
                Named.of("Long", 1L << 60),
                Named.of("Float", 1.5f),
                Named.of("Double", Math.PI),
                Named.of("BigInteger", new BigInteger("123456789012345678901234567890")),
                Named.of("BigDecimal", new BigDecimal("12345.678900")),
                Named.of("String", "text"),
                Named.of("UUID", UUID.fromString("0190f0e4-7a1b-7cde-8f00-123456789abc")),
                Named.of("enum", Colour.GREEN),
                Named.of("java.time enum", DayOfWeek.FRIDAY),
                Named.of("Instant", Instant.parse("2024-05-01T10:00:00Z")),
                Named.of("LocalDate", LocalDate.of(2024, 5, 1)),
                Named.of("LocalTime", LocalTime.of(10, 30)),
                Named.of("LocalDateTime", LocalDateTime.of(2024, 5, 1, 10, 30)),
                Named.of("OffsetDateTime", OffsetDateTime.of(2024, 5, 1, 10, 30, 0, 0, ZoneOffset.ofHours(2))),
                Named.of("ZonedDateTime", ZonedDateTime.of(2024, 5, 1, 10, 30, 0, 0, ZoneId.of("Europe/Paris"))),
                Named.of("Duration", Duration.ofMinutes(90)),
                Named.of("Period", Period.ofMonths(3)),
                Named.of("Year", Year.of(2024)),
                Named.of("YearMonth", YearMonth.of(2024, 5)),
                Named.of("ZoneId", ZoneId.of("America/New_York")),
                Named.of("ZoneOffset", ZoneOffset.UTC));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supportedLeaves")
    void everySupportedLeafIsKeptAsItIs(Object leaf) {
        Map<String, Object> frozen = Documents.freeze(Map.of("field", leaf, "list", List.of(leaf)));

        assertThat(Documents.isSupportedLeaf(leaf)).isTrue();
        assertThat(frozen.get("field")).isSameAs(leaf);
        assertThat((List<?>) frozen.get("list")).singleElement().isSameAs(leaf);
    }

    static Stream<Named<Object>> unsupportedValues() {
        return Stream.of(
                Named.of("java.util.Date", new Date(0)),
                Named.of("a Set", new TreeSet<>(Set.of("a", "b"))),
                Named.of("an Object[]", new Object[] {"a"}),
                Named.of("a StringBuilder", new StringBuilder("mutable")),
                Named.of("a java.time.Clock", Clock.systemUTC()),
                Named.of("a mutable Number", new AtomicInteger(1)),
                Named.of("a Character", 'c'),
                Named.of("a plain Object", new Object()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedValues")
    void anUnsupportedFieldIsRefusedWithItsPath(Object value) {
        Map<String, Object> address = new HashMap<>();
        address.put("extra", value);

        InvalidDocumentException refused = refusal(Map.of("name", "Ada", "address", address));

        assertThat(refused.path()).isEqualTo("address.extra");
        assertThat(refused).hasMessageContaining("address.extra");
        assertThat(Documents.isSupportedLeaf(value)).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unsupportedValues")
    void anUnsupportedListElementIsRefusedWithItsIndex(Object value) {
        List<Object> tags = Arrays.asList("first", value);

        InvalidDocumentException refused = refusal(Map.of("tags", tags));

        assertThat(refused.path()).isEqualTo("tags[1]");
    }

    @Test
    void aPathRunsThroughMapsAndLists() {
        Map<String, Object> badItem = new HashMap<>();
        badItem.put("when", new Date(0));
        Map<String, Object> document = Map.of("order", Map.of("items", List.of(Map.of("sku", "a"), badItem)));

        InvalidDocumentException refused = refusal(document);

        assertThat(refused.path()).isEqualTo("order.items[1].when");
    }

    @Test
    void aSetIsRefusedWithAReason() {
        InvalidDocumentException refused = refusal(Map.of("roles", Set.of("admin")));

        assertThat(refused.path()).isEqualTo("roles");
        assertThat(refused).hasMessageContaining("List");
    }

    @Test
    void aMapWithANonStringKeyIsRefusedAtThatMap() {
        Map<Integer, String> byNumber = Map.of(1, "one");

        InvalidDocumentException refused = refusal(Map.of("counts", byNumber));

        assertThat(refused.path()).isEqualTo("counts");
        assertThat(refused).hasMessageContaining(Integer.class.getName());
    }

    @Test
    void aMapWithANullKeyIsRefused() {
        Map<String, Object> nullKeyed = new HashMap<>();
        nullKeyed.put(null, "value");

        InvalidDocumentException refused = refusal(Map.of("inner", nullKeyed));

        assertThat(refused.path()).isEqualTo("inner");
    }

    @Test
    void aMapThatContainsItselfIsACycle() {
        Map<String, Object> node = new HashMap<>();
        node.put("name", "loop");
        node.put("self", node);

        InvalidDocumentException refused = refusal(Map.of("root", node));

        assertThat(refused.path()).isEqualTo("root.self");
        assertThat(refused).hasMessageContaining("cycle");
    }

    @Test
    void aListThatContainsItselfIsACycle() {
        List<Object> list = new ArrayList<>();
        list.add("first");
        list.add(list);

        InvalidDocumentException refused = refusal(Map.of("items", list));

        assertThat(refused.path()).isEqualTo("items[1]");
        assertThat(refused).hasMessageContaining("cycle");
    }

    @Test
    void theSameSubDocumentTwiceIsNotACycle() {
        Map<String, Object> address = Map.of("city", "London");

        Map<String, Object> frozen = Documents.freeze(Map.of("home", address, "work", address));

        assertThat(frozen.get("home")).isEqualTo(address);
        assertThat(frozen.get("work")).isEqualTo(address);
    }

    @Test
    void nullValuesAndNullElementsAreKept() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("nothing", null);
        document.put("list", Arrays.asList("a", null, "c"));

        Map<String, Object> frozen = Documents.freeze(document);

        assertThat(frozen).containsKey("nothing");
        assertThat(frozen.get("nothing")).isNull();
        assertThat(frozen.get("list")).isEqualTo(Arrays.asList("a", null, "c"));
    }

    @Test
    void nestedMapsAndListsAreCopiedIntoFrozenOnes() {
        Map<String, Object> address = new HashMap<>(Map.of("city", "London"));
        List<Object> tags = new ArrayList<>(List.of("a", List.of("b", "c")));
        Map<String, Object> document = new HashMap<>(Map.of("address", address, "tags", tags));

        Map<String, Object> frozen = Documents.freeze(document);

        assertThat(frozen).isEqualTo(document).isNotSameAs(document);
        assertThat(Documents.isFrozen(frozen)).isTrue();
        assertThat(frozen.get("address")).isEqualTo(address).isNotSameAs(address)
                .matches(Documents::isFrozen, "is frozen");
        assertThat(frozen.get("tags")).isEqualTo(tags).isNotSameAs(tags).matches(Documents::isFrozen, "is frozen");
        assertThat(((List<?>) frozen.get("tags")).get(1)).matches(Documents::isFrozen, "is frozen");
    }

    @Test
    void freezingAFrozenDocumentReturnsTheSameInstance() {
        Map<String, Object> frozen = Documents.freeze(Map.of("a", 1, "nested", Map.of("b", 2)));

        assertThat(Documents.freeze(frozen)).isSameAs(frozen);
    }

    @Test
    void frozenPartsAreReusedInANewDocument() {
        Map<String, Object> frozen = Documents.freeze(Map.of("b", 2, "list", List.of(1, 2)));

        Map<String, Object> outer = Documents.freeze(Map.of("inner", frozen, "list", frozen.get("list")));

        assertThat(outer.get("inner")).isSameAs(frozen);
        assertThat(outer.get("list")).isSameAs(frozen.get("list"));
    }

    @Test
    void plainCollectionsAreNotFrozen() {
        assertThat(Documents.isFrozen(new HashMap<>())).isFalse();
        assertThat(Documents.isFrozen(List.of())).isFalse();
        assertThat(Documents.isFrozen(Map.of())).isFalse();
        assertThat(Documents.isFrozen(null)).isFalse();
    }

    @Test
    void insertionOrderIsKeptAtEveryLevel() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("zulu", 1);
        inner.put("alpha", 2);
        inner.put("mike", 3);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("second", "b");
        document.put("first", "a");
        document.put("inner", inner);
        document.put("third", "c");

        Map<String, Object> frozen = Documents.freeze(document);

        assertThat(frozen.keySet()).containsExactlyElementsOf(document.keySet());
        assertThat(List.copyOf(((Map<?, ?>) frozen.get("inner")).keySet())).isEqualTo(List.copyOf(inner.keySet()));
    }

    @Test
    void aBigDecimalSubclassBecomesAPlainBigDecimalOfEqualValue() {
        SneakyDecimal sneaky = new SneakyDecimal("1234.5600");

        Object stored = Documents.freeze(Map.of("price", sneaky)).get("price");

        assertThat(stored).isExactlyInstanceOf(BigDecimal.class).isEqualTo(new BigDecimal("1234.5600"));
        assertThat(((BigDecimal) stored).scale()).isEqualTo(sneaky.scale());
    }

    @Test
    void aBigIntegerSubclassBecomesAPlainBigIntegerOfEqualValue() {
        SneakyInteger sneaky = new SneakyInteger("-98765432109876543210");

        Object stored = Documents.freeze(Map.of("count", sneaky)).get("count");

        assertThat(stored).isExactlyInstanceOf(BigInteger.class).isEqualTo(new BigInteger("-98765432109876543210"));
    }

    @Test
    void anEmptyDocumentIsFine() {
        assertThat(Documents.freeze(Map.of())).isEmpty();
    }

    @Test
    void aNullDocumentIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> Documents.freeze(null));
    }

    /**
     * The Javadoc admits "any value class of java.time"; {@link DateTimeException} lives in java.time but is a mutable
     * Throwable (addSuppressed, setStackTrace), so a frozen document holding one could still change.
     */
    @Test
    void aThrowableFromJavaTimeIsNotAValueAndIsRefused() {
        DateTimeException notAValue = new DateTimeException("mutable");

        InvalidDocumentException refused = refusal(Map.of("error", notAValue));

        assertThat(refused.path()).isEqualTo("error");
    }
}
