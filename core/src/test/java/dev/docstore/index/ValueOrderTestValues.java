package dev.docstore.index;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Seeded random values for {@link ValueOrderTest}, so that its properties run as plain JUnit tests: each test draws
 * its cases from one {@link Random} with a fixed seed, every run checks the same values, and a failure names the
 * seed, the case and the values drawn for it, so it can be replayed and turned into an example.
 *
 * <p>The values come from a pool built to collide: one number in many types, neighbours of 2^53, signed zeros, NaN
 * and infinities, characters on both sides of the surrogate range.
 */
final class ValueOrderTestValues {
    /** Code points around the places where UTF-16 order and code point order part ways. */
    private static final int[] CODE_POINTS = {'a', 'b', 0xE9, 0xD7FF, 0xE000, 0xF800, 0xF83D, 0xFFFD, 0xFFFF,
        0x10000, 0x1F600, 0x10FFFF};

    private static final int[] BMP_CODE_POINTS = Arrays.stream(CODE_POINTS).filter(cp -> cp < 0x10000).toArray();

    /** Exact values that many types can hold, or nearly. */
    private static final List<BigDecimal> NUMBER_BASES = List.of(
            BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal(5), new BigDecimal(-5), new BigDecimal("0.5"),
            new BigDecimal("0.1"), new BigDecimal("-1.5"),
            new BigDecimal(9007199254740991L), new BigDecimal(9007199254740992L), new BigDecimal(9007199254740993L),
            new BigDecimal(-9007199254740993L), new BigDecimal(Long.MAX_VALUE), new BigDecimal(Long.MIN_VALUE),
            new BigDecimal(Long.MAX_VALUE).add(BigDecimal.ONE), new BigDecimal(Integer.MAX_VALUE),
            new BigDecimal("1E+300"), new BigDecimal("1E+400"), new BigDecimal("-1E+400"));

    private static final List<Object> SPECIAL_NUMBERS = List.of(Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, -0.0, 0.0, Float.NaN, -0.0f, Float.POSITIVE_INFINITY, Double.MAX_VALUE,
            Double.MIN_VALUE, -Double.MIN_VALUE);

    private static final List<Object> UUIDS = List.of(UUID.fromString("00000000-0000-0000-0000-000000000001"),
            UUID.fromString("ffffffff-0000-0000-0000-000000000000"),
            UUID.fromString("7fffffff-ffff-ffff-ffff-ffffffffffff"));

    private static final List<Object> ENUMS = List.of(ValueOrderTest.Colour.RED, ValueOrderTest.Colour.GREEN,
            ValueOrderTest.Size.SMALL, ValueOrderTest.Size.LARGE);

    private static final List<Object> TEMPORALS = List.of(LocalDate.of(2020, 1, 1), LocalDate.of(1999, 12, 31),
            Instant.EPOCH, Instant.parse("2020-01-01T00:00:00Z"), Duration.ofSeconds(5), Duration.ZERO,
            LocalTime.NOON);

    private final Random random;
    private final List<Object> drawn = new ArrayList<>();

    private ValueOrderTestValues(Random random) {
        this.random = random;
    }

    /**
     * Runs {@code check} on {@code cases} cases drawn one after another from a {@link Random} seeded with
     * {@code seed}. A failure, or an exception, stops the run with the seed, the case number (from 1) and every
     * value the case drew.
     */
    static void forEachCase(long seed, int cases, Consumer<ValueOrderTestValues> check) {
        ValueOrderTestValues draw = new ValueOrderTestValues(new Random(seed));
        for (int i = 1; i <= cases; i++) {
            draw.drawn.clear();
            try {
                check.accept(draw);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("seed " + seed + ", case " + i + " of " + cases + ", drawn "
                        + describe(draw.drawn) + ": " + failure.getMessage(), failure);
            }
        }
    }

    /** A document value of any rank, strings included from the whole {@link #CODE_POINTS} pool. */
    Object value() {
        return record(value(CODE_POINTS));
    }

    /** A document value whose strings, map keys included, stay in the Basic Multilingual Plane. */
    Object valueWithBmpStrings() {
        return record(value(BMP_CODE_POINTS));
    }

    /** A number of any supported type. */
    Object number() {
        return record(anyNumber());
    }

    /** A string of up to three code points from {@link #CODE_POINTS}. */
    String string() {
        String text = string(CODE_POINTS);
        record(text);
        return text;
    }

    private Object record(Object value) {
        drawn.add(value);
        return value;
    }

    /** Three in five a scalar, one a list (with nulls), one a map. */
    private Object value(int[] codePoints) {
        return switch (random.nextInt(5)) {
            case 3 -> list(codePoints);
            case 4 -> map(codePoints);
            default -> scalar(codePoints);
        };
    }

    /** Up to three scalars; nulls have a place inside lists, and are one element in ten. */
    private List<Object> list(int[] codePoints) {
        List<Object> list = new ArrayList<>();
        int size = random.nextInt(4);
        for (int i = 0; i < size; i++) {
            list.add(random.nextInt(10) == 0 ? null : scalar(codePoints));
        }
        return list;
    }

    /** Up to two entries (fewer when a key comes twice). */
    private Map<String, Object> map(int[] codePoints) {
        Map<String, Object> map = new HashMap<>();
        int size = random.nextInt(3);
        for (int i = 0; i < size; i++) {
            map.put(string(codePoints), scalar(codePoints));
        }
        return map;
    }

    private Object scalar(int[] codePoints) {
        return switch (random.nextInt(6)) {
            case 0 -> anyNumber();
            case 1 -> string(codePoints);
            case 2 -> random.nextBoolean();
            case 3 -> pick(UUIDS);
            case 4 -> pick(ENUMS);
            default -> pick(TEMPORALS);
        };
    }

    /** Two in five a base number in some type, one a special, one any long, one any double. */
    private Object anyNumber() {
        return switch (random.nextInt(5)) {
            case 0, 1 -> represent(NUMBER_BASES.get(random.nextInt(NUMBER_BASES.size())), random.nextInt(8));
            case 2 -> pick(SPECIAL_NUMBERS);
            // half near zero, where longs meet the bases and each other; half anywhere in the range
            case 3 -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(-1000, 1001);
            // half with two decimals near zero; half any bit pattern: subnormals, huge values, NaN payloads
            default -> random.nextBoolean() ? random.nextInt(-100_000, 100_001) / 100.0
                    : Double.longBitsToDouble(random.nextLong());
        };
    }

    /** {@code base} as one of Integer, Long, Double, Float, BigDecimal (two scales), BigInteger, Short. */
    private static Object represent(BigDecimal base, int type) {
        switch (type) {
            case 0:
                return fits(base, Integer.MIN_VALUE, Integer.MAX_VALUE) ? base.intValueExact() : base;
            case 1:
                return fits(base, Long.MIN_VALUE, Long.MAX_VALUE) ? base.longValueExact() : base.doubleValue();
            case 2:
                return base.doubleValue();
            case 3:
                return base.floatValue();
            case 4:
                return base.setScale(Math.max(base.scale(), 0) + 2);
            case 5:
                return base.stripTrailingZeros();
            case 6:
                return base.scale() <= 0 || base.stripTrailingZeros().scale() <= 0
                        ? base.toBigIntegerExact() : base;
            default:
                return fits(base, Short.MIN_VALUE, Short.MAX_VALUE) ? base.shortValueExact() : base;
        }
    }

    private static boolean fits(BigDecimal value, long min, long max) {
        return value.stripTrailingZeros().scale() <= 0 && value.compareTo(BigDecimal.valueOf(min)) >= 0
                && value.compareTo(BigDecimal.valueOf(max)) <= 0;
    }

    private String string(int[] codePoints) {
        StringBuilder text = new StringBuilder();
        for (int length = random.nextInt(4); length > 0; length--) {
            text.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return text.toString();
    }

    private Object pick(List<Object> pool) {
        return pool.get(random.nextInt(pool.size()));
    }

    /** A value as {@link IndexOracle#describe} shows it, with the keys and values of maps shown alike. */
    static String describe(Object value) {
        if (value instanceof List<?> list) {
            List<String> parts = new ArrayList<>();
            for (Object element : list) {
                parts.add(describe(element));
            }
            return parts.toString();
        }
        if (value instanceof Map<?, ?> map) {
            List<String> parts = new ArrayList<>();
            map.forEach((key, element) -> parts.add(describe(key) + "=" + describe(element)));
            return "{" + String.join(", ", parts) + "}";
        }
        return IndexOracle.describe(value);
    }
}
