package dev.docstore.transfer;

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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/** Seeded random documents holding every value type a document may, for round-trip tests of the export format. */
public final class RandomValues {
    /** An enum for documents to hold. */
    public enum Color { RED, GREEN, BLUE }

    /** How many kinds of leaf {@link #leaf} makes. */
    public static final int LEAF_KINDS = 31;

    private RandomValues() {
    }

    /** A document of up to 8 random fields, nested {@code depth} levels at most; some field names start with $. */
    public static Map<String, Object> document(Random random, int depth) {
        Map<String, Object> document = new LinkedHashMap<>();
        int fields = random.nextInt(9);
        for (int i = 0; i < fields; i++) {
            String name = switch (random.nextInt(6)) {
                case 0 -> "$" + i;
                case 1 -> "$$f" + i;
                case 2 -> "ünï" + i + "😀";
                default -> "f" + i;
            };
            document.put(name, value(random, depth));
        }
        return document;
    }

    /** A leaf, a list or (when {@code depth > 0}) a nested document. */
    public static Object value(Random random, int depth) {
        int kind = random.nextInt(depth > 0 ? LEAF_KINDS + 2 : LEAF_KINDS + 1);
        if (kind < LEAF_KINDS) {
            return leaf(random, kind);
        }
        if (kind == LEAF_KINDS) {
            List<Object> list = new ArrayList<>();
            int size = random.nextInt(4);
            for (int i = 0; i < size; i++) {
                list.add(value(random, depth - 1));
            }
            return list;
        }
        return document(random, depth - 1);
    }

    /** A leaf of kind {@code kind} ({@code 0 <= kind < LEAF_KINDS}), with awkward values more often than chance. */
    public static Object leaf(Random random, int kind) {
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextInt();
            case 3 -> random.nextBoolean() ? random.nextLong() : (long) random.nextInt(10); // small longs look like ints
            case 4 -> (1L << 53) + random.nextInt(1000); // beyond a double's exact integers
            case 5 -> (short) random.nextInt();
            case 6 -> (byte) random.nextInt();
            case 7 -> new double[] {random.nextDouble(), -0.0, Double.NaN, Double.POSITIVE_INFINITY, 1e300, 1.0,
                    Double.MIN_VALUE}[random.nextInt(7)];
            case 8 -> new float[] {random.nextFloat(), Float.NaN, 1.0f, -0.0f}[random.nextInt(4)];
            case 9 -> new BigInteger(100, random).negate();
            case 10 -> BigDecimal.valueOf(random.nextLong(), random.nextInt(12) - 2); // scale kept, incl. 1E+2
            case 11 -> new BigDecimal("1.50");
            case 12 -> new String[] {"", "plain", "ünïcödé ✓", "😀 supplementary", "quote \" back\\slash", "new\nline",
                    "{\"$long\": 1}", "\u0000 nul"}[random.nextInt(8)];
            case 13 -> new UUID(random.nextLong(), random.nextLong());
            case 14 -> Color.values()[random.nextInt(3)];
            case 15 -> Instant.ofEpochSecond(random.nextInt(), random.nextInt(1_000_000_000));
            case 16 -> LocalDate.ofEpochDay(random.nextInt(100_000) - 50_000);
            case 17 -> LocalDateTime.of(2026, 12, 3, 18, random.nextInt(60), random.nextInt(60), random.nextInt(999));
            case 18 -> LocalTime.ofNanoOfDay(Math.floorMod(random.nextLong(), 86_400_000_000_000L));
            case 19 -> OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 6, ZoneOffset.ofHours(random.nextInt(25) - 12));
            case 20 -> ZonedDateTime.of(2026, 3, 29, 2, 30, 0, 0, ZoneId.of("Europe/Lisbon"));
            case 21 -> OffsetTime.of(10, 11, 12, 13, ZoneOffset.ofHoursMinutes(5, 30));
            case 22 -> Year.of(random.nextInt(4000) - 1000);
            case 23 -> YearMonth.of(random.nextInt(3000), 1 + random.nextInt(12));
            case 24 -> MonthDay.of(2, 1 + random.nextInt(29));
            case 25 -> Duration.ofSeconds(random.nextInt(), random.nextInt(1_000_000_000));
            case 26 -> Period.of(random.nextInt(100) - 50, random.nextInt(12), random.nextInt(40));
            case 27 -> ZoneId.of("Europe/Lisbon");
            case 28 -> ZoneOffset.ofHours(random.nextInt(25) - 12);
            case 29 -> ZoneId.of("UTC");
            default -> ZonedDateTime.of(2026, 12, 3, 12, 0, 0, 0, ZoneOffset.UTC);
        };
    }
}
