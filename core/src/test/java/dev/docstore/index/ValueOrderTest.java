package dev.docstore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Properties of {@link ValueOrder}: a total order (antisymmetric, transitive, equality consistent), numbers by exact
 * value across types, strings by code point, and the documented ranks. Checked against an independent reference
 * ({@link #reference}) written from the Javadoc, on seeded random values from {@link ValueOrderTestValues}, drawn
 * from a pool built to collide, and on examples.
 */
class ValueOrderTest {
    private static final ValueOrder ORDER = ValueOrder.INSTANCE;
    private static final long SEED = 20261127L;

    enum Colour { RED, GREEN }

    enum Size { SMALL, LARGE }

    // ---- properties, each on cases drawn from SEED ----

    @Test
    void isReflexive() {
        ValueOrderTestValues.forEachCase(SEED, 3000, draw -> {
            Object value = draw.value();
            assertThat(ORDER.compare(value, value)).isZero();
        });
    }

    @Test
    void isAntisymmetric() {
        ValueOrderTestValues.forEachCase(SEED, 3000, draw -> {
            Object left = draw.value();
            Object right = draw.value();
            assertThat(Integer.signum(ORDER.compare(left, right)))
                    .isEqualTo(-Integer.signum(ORDER.compare(right, left)));
        });
    }

    @Test
    void isTransitive() {
        ValueOrderTestValues.forEachCase(SEED, 5000, draw -> assertTransitive(draw.value(), draw.value(),
                draw.value()));
    }

    @Test
    void transitiveOnNumbersIncludingEqualities() {
        ValueOrderTestValues.forEachCase(SEED, 5000, draw -> {
            Object a = draw.number();
            Object b = draw.number();
            Object c = draw.number();
            assertTransitive(a, b, c);
            if (ORDER.compare(a, b) == 0) {
                assertThat(Integer.signum(ORDER.compare(a, c))).as("%s == %s, so both compare alike with %s", a, b, c)
                        .isEqualTo(Integer.signum(ORDER.compare(b, c)));
            }
        });
    }

    private static void assertTransitive(Object a, Object b, Object c) {
        List<Object> sorted = new ArrayList<>(List.of(a, b, c));
        sorted.sort(ORDER);
        Object low = sorted.get(0);
        Object middle = sorted.get(1);
        Object high = sorted.get(2);
        assertThat(ORDER.compare(low, middle)).isLessThanOrEqualTo(0);
        assertThat(ORDER.compare(middle, high)).isLessThanOrEqualTo(0);
        assertThat(ORDER.compare(low, high)).as("%s <= %s <= %s", low, middle, high).isLessThanOrEqualTo(0);
        if (ORDER.compare(low, middle) == 0 && ORDER.compare(middle, high) == 0) {
            assertThat(ORDER.compare(low, high)).isZero();
        }
    }

    @Test
    void numbersCompareByExactValue() {
        ValueOrderTestValues.forEachCase(SEED, 5000, draw -> {
            Object left = draw.number();
            Object right = draw.number();
            assertThat(Integer.signum(ORDER.compare(left, right)))
                    .as("%s (%s) vs %s (%s)", left, left.getClass().getSimpleName(), right,
                            right.getClass().getSimpleName())
                    .isEqualTo(Integer.signum(compareNumbers((Number) left, (Number) right)));
        });
    }

    @Test
    void stringsCompareByCodePoint() {
        ValueOrderTestValues.forEachCase(SEED, 3000, draw -> {
            String left = draw.string();
            String right = draw.string();
            assertThat(Integer.signum(ORDER.compare(left, right)))
                    .as("%s vs %s", IndexOracle.describe(left), IndexOracle.describe(right))
                    .isEqualTo(Integer.signum(compareCodePoints(left, right)));
        });
    }

    @Test
    void agreesWithTheDocumentedOrder() {
        ValueOrderTestValues.forEachCase(SEED, 5000, draw -> {
            Object left = draw.valueWithBmpStrings();
            Object right = draw.valueWithBmpStrings();
            assertThat(Integer.signum(ORDER.compare(left, right)))
                    .as("%s vs %s", IndexOracle.describe(left), IndexOracle.describe(right))
                    .isEqualTo(Integer.signum(reference(left, right)));
        });
    }

    @Test
    void sortingWithItAgreesWithTheReference() {
        ValueOrderTestValues.forEachCase(SEED, 2000, draw -> {
            // strings with supplementary characters included: sorting must not depend on UTF-16 units
            List<Object> byOrder = new ArrayList<>(List.of(draw.value(), draw.value(), draw.value(), draw.value()));
            List<Object> byReference = new ArrayList<>(byOrder);
            byOrder.sort(ORDER);
            byReference.sort(ValueOrderTest::reference);
            for (int i = 0; i < byOrder.size(); i++) {
                assertThat(reference(byOrder.get(i), byReference.get(i))).as("position %d of %s", i, byOrder)
                        .isZero();
            }
        });
    }

    // ---- examples ----

    @Test
    void oneNumberInEveryTypeIsOneValue() {
        List<Object> fives = List.of(5, 5L, 5.0, 5.0f, (short) 5, (byte) 5, new BigDecimal("5.00"), new BigDecimal("5"),
                new BigDecimal("0.5E1"), BigInteger.valueOf(5));
        for (Object left : fives) {
            for (Object right : fives) {
                assertThat(ORDER.compare(left, right)).as("%s (%s) vs %s (%s)", left, left.getClass().getSimpleName(),
                        right, right.getClass().getSimpleName()).isZero();
            }
            assertThat(ORDER.compare(left, 6)).isNegative();
            assertThat(ORDER.compare(left, new BigDecimal("5.000000000000000000001"))).isNegative();
            assertThat(ORDER.compare(left, 4.999999999999999)).isPositive();
        }
    }

    @Test
    void signedZerosAreEqual() {
        List<Object> zeros = List.of(-0.0, 0.0, -0.0f, 0, 0L, new BigDecimal("0.000"), new BigDecimal("-0"),
                BigInteger.ZERO);
        for (Object left : zeros) {
            for (Object right : zeros) {
                assertThat(ORDER.compare(left, right)).as("%s vs %s", left, right).isZero();
            }
        }
        assertThat(ORDER.compare(-0.0, -Double.MIN_VALUE)).isPositive();
        assertThat(ORDER.compare(0.0, Double.MIN_VALUE)).isNegative();
    }

    @Test
    void infinitiesAndNanBracketEveryFiniteNumber() {
        List<Object> ascending = List.of(Double.NEGATIVE_INFINITY, new BigDecimal("-1E+400"), Long.MIN_VALUE,
                -Double.MAX_VALUE / 1e300, -1, -0.0, Double.MIN_VALUE, 1, Long.MAX_VALUE, Double.MAX_VALUE,
                new BigDecimal("1E+400"), BigInteger.TEN.pow(400).add(BigInteger.ONE), Double.POSITIVE_INFINITY,
                Double.NaN);
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                assertThat(Integer.signum(ORDER.compare(ascending.get(i), ascending.get(j))))
                        .as("%s vs %s", ascending.get(i), ascending.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
        assertThat(ORDER.compare(Double.NaN, Float.NaN)).isZero();
        assertThat(ORDER.compare(Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L))).isZero();
        assertThat(ORDER.compare(Float.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY)).isZero();
        assertThat(ORDER.compare(Double.NaN, new BigDecimal("1E+400"))).isPositive();
    }

    @Test
    void longsBeyondTwoToThe53AreNotRoundedThroughDouble() {
        long twoTo53 = 9007199254740992L;
        assertThat(ORDER.compare(twoTo53 + 1, (double) twoTo53)).isPositive();
        assertThat(ORDER.compare((double) twoTo53, twoTo53 + 1)).isNegative();
        assertThat(ORDER.compare(twoTo53, (double) twoTo53)).isZero();
        assertThat(ORDER.compare(twoTo53 + 1, 9007199254740994.0)).isNegative();
        assertThat(ORDER.compare(-(twoTo53 + 1), -(double) twoTo53)).isNegative();
        assertThat(ORDER.compare(twoTo53 + 1, twoTo53 + 2)).isNegative();
        assertThat(ORDER.compare(twoTo53 + 1, new BigDecimal("9007199254740993.0"))).isZero();
        assertThat(ORDER.compare(twoTo53 + 1, new BigInteger("9007199254740993"))).isZero();
        assertThat(ORDER.compare(Long.MAX_VALUE, 9.223372036854775807E18)).as("Long.MAX_VALUE < 2^63").isNegative();
        assertThat(ORDER.compare(Long.MIN_VALUE, -9.223372036854775807E18)).as("Long.MIN_VALUE == -2^63").isZero();
        assertThat(ORDER.compare(Long.MAX_VALUE - 1, (float) Long.MAX_VALUE)).isNegative();
        assertThat(ORDER.compare(new BigDecimal("0.1"), 0.1)).as("0.1 is not a double").isNegative();
        assertThat(ORDER.compare(0.1f, 0.1)).isPositive();
    }

    @Test
    void supplementaryCharactersSortAfterEveryBmpCharacter() {
        String grinning = "\uD83D\uDE00";
        for (String bmp : List.of("\uFFFF", "\uFFFD", "\uF83D", "\uF800", "\uE000", "\uD7FF", "a")) {
            assertThat(ORDER.compare(grinning, bmp)).as("U+1F600 vs %s", IndexOracle.describe(bmp)).isPositive();
            assertThat(ORDER.compare(bmp, grinning)).as("%s vs U+1F600", IndexOracle.describe(bmp)).isNegative();
        }
        assertThat(ORDER.compare("\uD800\uDC00", "\uFFFF")).as("U+10000 vs U+FFFF").isPositive();
        assertThat(ORDER.compare("\uDBFF\uDFFF", "\uD800\uDC00")).as("U+10FFFF vs U+10000").isPositive();
        assertThat(ORDER.compare("a", "ab")).isNegative();
        assertThat(ORDER.compare("", "a")).isNegative();
        assertThat(ORDER.compare("B", "a")).isNegative();
    }

    /**
     * The drawn strings never hold an unpaired surrogate, and {@link #compareCodePoints} would put one at its code
     * unit value, below U+E000; so the place the Javadoc gives it is pinned here.
     */
    @Test
    void anUnpairedSurrogateSortsAmongTheSupplementaryCharacters() {
        List<String> ascending = List.of(
                "\uD7FF", "\uE000", "\uFFFF",
                "\uD800", "\uD800\uDC00", // lone U+D800 just before U+10000, the first it begins
                "\uD83C\uDFFF", // U+1F3FF, the last character a lower high surrogate begins
                "\uD83D", "\uD83Da", "\uD83D\uDC00", "\uD83D\uDE00", // lone U+D83D before U+1F400 and U+1F600
                "\uDBFF", "\uDBFF\uDFFF", // U+10FFFF
                "\uDC00", "\uDC00a", "\uDFFF"); // lone low surrogates after every supplementary character
        for (int i = 0; i < ascending.size(); i++) {
            for (int j = 0; j < ascending.size(); j++) {
                String left = ascending.get(i);
                String right = ascending.get(j);
                assertThat(Integer.signum(ORDER.compare(left, right)))
                        .as("%s vs %s", IndexOracle.describe(left), IndexOracle.describe(right))
                        .isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void distinctStringsAreNeverEqual() {
        assertThat(ORDER.compare("\uD83D\uDE00", "\uF83D")).as("U+1F600 vs U+F83D").isNotZero();
        assertThat(ORDER.compare("\uD800\uDC00", "\uF800")).as("U+10000 vs U+F800").isNotZero();
    }

    @Test
    void equalityIsTransitiveForStrings() {
        String a = "\uF83D";
        String b = "\uD83D\uDE00";
        String c = "\uF83Dx";
        if (ORDER.compare(a, b) == 0 && ORDER.compare(b, c) == 0) {
            assertThat(ORDER.compare(a, c)).as("U+F83D == U+1F600 and U+1F600 == U+F83D x, so U+F83D == U+F83D x")
                    .isZero();
        }
        assertThat(ORDER.compare(a, c)).isNegative();
        assertThat(ORDER.compare(a, b)).isNegative();
        assertThat(ORDER.compare(b, c)).isPositive();
    }

    @Test
    void ranksGoBooleansNumbersStringsUuidsEnumsTemporalsListsMaps() {
        List<Object> oneOfEach = List.of(true, Double.NaN, "", UUID.fromString("00000000-0000-0000-0000-000000000000"),
                Colour.RED, LocalDate.MIN, List.of(), Map.of());
        List<Object> anotherOfEach = List.of(false, Double.NEGATIVE_INFINITY, "\uDBFF\uDFFF",
                UUID.fromString("ffffffff-ffff-ffff-ffff-ffffffffffff"), Size.LARGE, Duration.ofDays(1),
                List.of(Map.of()), Map.of("z", List.of()));
        for (int i = 0; i < oneOfEach.size(); i++) {
            for (int j = i + 1; j < oneOfEach.size(); j++) {
                for (Object low : List.of(oneOfEach.get(i), anotherOfEach.get(i))) {
                    for (Object high : List.of(oneOfEach.get(j), anotherOfEach.get(j))) {
                        assertThat(ORDER.compare(low, high)).as("%s < %s", low, high).isNegative();
                        assertThat(ORDER.compare(high, low)).as("%s > %s", high, low).isPositive();
                    }
                }
            }
        }
        assertThat(ORDER.compare(false, true)).isNegative();
    }

    @Test
    void withinARankTheDocumentedOrderHolds() {
        assertThat(ORDER.compare(UUID.fromString("80000000-0000-0000-0000-000000000000"),
                UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"))).as("UUIDs unsigned").isPositive();
        assertThat(ORDER.compare(Colour.GREEN, Colour.RED)).as("declaration order").isPositive();
        assertThat(ORDER.compare(Colour.GREEN, Size.SMALL)).as("class name first").isNegative();
        assertThat(ORDER.compare(List.of(1, 2), List.of(1, 2, 0))).as("prefix first").isNegative();
        assertThat(ORDER.compare(List.of(2), List.of(1, 5))).isPositive();
        assertThat(ORDER.compare(List.of(5), List.of(5.0))).isZero();
        assertThat(ORDER.compare(Arrays.asList(null, 1), List.of(false))).as("null first inside lists").isNegative();
        assertThat(ORDER.compare(Map.of("a", 2), Map.of("a", 1, "b", 0))).isPositive();
        assertThat(ORDER.compare(Map.of("b", 1), Map.of("a", 1, "b", 0))).as("sorted keys: b vs a").isPositive();
        assertThat(ORDER.compare(Map.of("a", 1), Map.of("a", 1.0))).isZero();
        assertThat(ORDER.compare(LocalDate.of(2020, 1, 1), LocalDate.of(2019, 12, 31))).isPositive();
        assertThat(ORDER.compare(Instant.EPOCH, LocalDate.MIN)).as("Instant before LocalDate").isNegative();
    }

    @Test
    void nullAndUnsupportedTypesAreRefused() {
        for (Object bad : Arrays.asList(null, new Object(), new StringBuilder("a"), new int[] {1}, 'c',
                java.util.Optional.of(1))) {
            assertThatThrownBy(() -> ORDER.compare(bad, 1)).as("%s", bad).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> ORDER.compare("a", bad)).as("%s", bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(ValueOrder.isOrderable(bad)).isFalse();
        }
        assertThat(ValueOrder.isOrderable(5)).isTrue();
        assertThat(ValueOrder.isOrderable(List.of())).isTrue();
    }

    @Test
    void sameKindIsByRankAndTemporalType() {
        assertThat(ValueOrder.sameKind(5, new BigDecimal("1.5"))).isTrue();
        assertThat(ValueOrder.sameKind(5, "5")).isFalse();
        assertThat(ValueOrder.sameKind(LocalDate.MIN, LocalDate.MAX)).isTrue();
        assertThat(ValueOrder.sameKind(LocalDate.MIN, Instant.EPOCH)).isFalse();
        assertThat(ValueOrder.sameKind(null, null)).isFalse();
    }

    // ---- the reference order, from the Javadoc ----

    static int reference(Object left, Object right) {
        int rank = Integer.compare(rank(left), rank(right));
        if (rank != 0) {
            return rank;
        }
        if (left instanceof Boolean l) {
            return Boolean.compare(l, (Boolean) right);
        }
        if (left instanceof Number l) {
            return compareNumbers(l, (Number) right);
        }
        if (left instanceof String l) {
            return compareCodePoints(l, (String) right);
        }
        if (left instanceof UUID l) {
            UUID r = (UUID) right;
            int high = Long.compareUnsigned(l.getMostSignificantBits(), r.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(l.getLeastSignificantBits(), r.getLeastSignificantBits());
        }
        if (left instanceof Enum<?> l) {
            Enum<?> r = (Enum<?>) right;
            int type = l.getDeclaringClass().getName().compareTo(r.getDeclaringClass().getName());
            return type != 0 ? type : Integer.compare(l.ordinal(), r.ordinal());
        }
        if (left instanceof List<?> l) {
            List<?> r = (List<?>) right;
            for (int i = 0; i < Math.min(l.size(), r.size()); i++) {
                int c = nullsFirst(l.get(i), r.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(l.size(), r.size());
        }
        if (left instanceof Map<?, ?> l) {
            List<Map.Entry<String, Object>> le = sortedEntries(l);
            List<Map.Entry<String, Object>> re = sortedEntries((Map<?, ?>) right);
            for (int i = 0; i < Math.min(le.size(), re.size()); i++) {
                int c = compareCodePoints(le.get(i).getKey(), re.get(i).getKey());
                if (c == 0) {
                    c = nullsFirst(le.get(i).getValue(), re.get(i).getValue());
                }
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(le.size(), re.size());
        }
        return compareTemporals(left, right);
    }

    private static int nullsFirst(Object left, Object right) {
        if (left == null || right == null) {
            return left == right ? 0 : left == null ? -1 : 1;
        }
        return reference(left, right);
    }

    private static List<Map.Entry<String, Object>> sortedEntries(Map<?, ?> map) {
        Map<String, Object> copy = new HashMap<>();
        map.forEach((key, value) -> copy.put((String) key, value));
        List<Map.Entry<String, Object>> entries = new ArrayList<>(copy.entrySet());
        entries.sort(Map.Entry.comparingByKey(ValueOrderTest::compareCodePoints));
        return entries;
    }

    private static final List<Class<?>> TEMPORALS = List.of(Instant.class, LocalDate.class, java.time.LocalDateTime.class,
            LocalTime.class, java.time.OffsetDateTime.class, java.time.ZonedDateTime.class, java.time.OffsetTime.class,
            java.time.Year.class, java.time.YearMonth.class, java.time.MonthDay.class, Duration.class);

    @SuppressWarnings("unchecked") // two values of one java.time class, each Comparable to its own class
    private static int compareTemporals(Object left, Object right) {
        int type = Integer.compare(TEMPORALS.indexOf(left.getClass()), TEMPORALS.indexOf(right.getClass()));
        return type != 0 ? type : ((Comparable<Object>) left).compareTo(right);
    }

    private static int rank(Object value) {
        if (value instanceof Boolean) {
            return 1;
        }
        if (value instanceof Number) {
            return 2;
        }
        if (value instanceof String) {
            return 3;
        }
        if (value instanceof UUID) {
            return 4;
        }
        if (value instanceof Enum<?>) {
            return 5;
        }
        if (value instanceof List<?>) {
            return 7;
        }
        if (value instanceof Map<?, ?>) {
            return 8;
        }
        return 6;
    }

    /** -Infinity, then finite numbers by exact value, then +Infinity, then NaN. */
    static int compareNumbers(Number left, Number right) {
        int special = Integer.compare(specialRank(left), specialRank(right));
        if (special != 0 || specialRank(left) != 1) {
            return special;
        }
        return exact(left).compareTo(exact(right));
    }

    private static int specialRank(Number value) {
        if (value instanceof Double || value instanceof Float) {
            double d = value.doubleValue();
            if (Double.isNaN(d)) {
                return 3;
            }
            if (Double.isInfinite(d)) {
                return d > 0 ? 2 : 0;
            }
        }
        return 1;
    }

    private static BigDecimal exact(Number value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (value instanceof Double || value instanceof Float) {
            return new BigDecimal(value.doubleValue());
        }
        return BigDecimal.valueOf(value.longValue());
    }

    static int compareCodePoints(String left, String right) {
        return Arrays.compare(left.codePoints().toArray(), right.codePoints().toArray());
    }
}
