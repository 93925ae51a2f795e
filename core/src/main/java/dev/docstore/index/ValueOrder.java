package dev.docstore.index;

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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The one total order over document values that indexes use; ARCHITECTURE.md has it as a table.
 *
 * <p>Ranks: booleans &lt; numbers &lt; strings &lt; UUIDs &lt; enums &lt; temporals &lt; lists &lt; maps. Within a
 * rank:
 * <ul>
 *   <li>numbers by exact value across {@code Byte, Short, Integer, Long, Float, Double, BigInteger, BigDecimal}
 *       ({@code 5}, {@code 5L}, {@code 5.0} and {@code 5.00} are equal); {@code -0.0} equals {@code 0.0};
 *       {@code -Infinity} &lt; every finite number &lt; {@code +Infinity} &lt; {@code NaN}, and NaN equals NaN;</li>
 *   <li>strings by Unicode code point (not by UTF-16 unit, which misorders supplementary characters); an unpaired
 *       surrogate sorts as the code unit it is among them: a lone high surrogate (U+D800..U+DBFF) among the
 *       supplementary characters, just before those it would begin, and a lone low surrogate (U+DC00..U+DFFF) after
 *       every supplementary character;</li>
 *   <li>UUIDs as unsigned 128-bit numbers (the order of their canonical text);</li>
 *   <li>enums by class name, then declaration order;</li>
 *   <li>temporals by type (in the order of {@link #temporalRank}), then in their natural order within a type;
 *       {@link Period} by years, months, days and {@link ZoneId} regions by id, as they have none;</li>
 *   <li>lists element by element, a shorter list first when it is a prefix of the longer;</li>
 *   <li>maps as their entries sorted by key, compared key, then value, pair by pair, shorter first.</li>
 * </ul>
 * {@code null} has no place: it is never indexed. Any other type is refused with {@link IllegalArgumentException}.
 *
 * <p>Stateless and thread-safe.
 */
public final class ValueOrder implements Comparator<Object> {
    /** The single instance. */
    public static final ValueOrder INSTANCE = new ValueOrder();

    private static final int BOOLEAN = 1;
    private static final int NUMBER = 2;
    private static final int STRING = 3;
    private static final int UUID_RANK = 4;
    private static final int ENUM = 5;
    private static final int TEMPORAL = 6;
    private static final int LIST = 7;
    private static final int MAP = 8;
    private static final double TWO_POW_53 = 9007199254740992.0;

    private static final List<Class<?>> TEMPORAL_TYPES = List.of(Instant.class, LocalDate.class,
            LocalDateTime.class, LocalTime.class, OffsetDateTime.class, ZonedDateTime.class, OffsetTime.class,
            Year.class, YearMonth.class, MonthDay.class, Duration.class, Period.class, ZoneOffset.class, ZoneId.class);

    private ValueOrder() {
    }

    /** Whether {@code value} has a place in the order (it is a non-null document value). */
    public static boolean isOrderable(Object value) {
        return value != null && rankOrZero(value) != 0;
    }

    /**
     * Whether two values are of one kind, so that comparing them means something to a user: both numbers, both
     * strings, both of one temporal type, and so on. Range conditions of queries hold only between values of a kind.
     */
    public static boolean sameKind(Object left, Object right) {
        int rank = rankOrZero(left);
        if (rank == 0 || rank != rankOrZero(right)) {
            return false;
        }
        return rank != TEMPORAL || temporalRank(left) == temporalRank(right);
    }

    @Override
    public int compare(Object left, Object right) {
        if (left == right && left != null) {
            return 0;
        }
        if (left instanceof String l && right instanceof String r) {
            return compareCodePoints(l, r);
        }
        int leftRank = rank(left);
        int rightRank = rank(right);
        if (leftRank != rightRank) {
            return Integer.compare(leftRank, rightRank);
        }
        switch (leftRank) {
            case BOOLEAN:
                return Boolean.compare((Boolean) left, (Boolean) right);
            case NUMBER:
                return compareNumbers((Number) left, (Number) right);
            case STRING:
                return compareCodePoints((String) left, (String) right);
            case UUID_RANK:
                return compareUuids((UUID) left, (UUID) right);
            case ENUM:
                return compareEnums((Enum<?>) left, (Enum<?>) right);
            case TEMPORAL:
                return compareTemporals(left, right);
            case LIST:
                return compareLists((List<?>) left, (List<?>) right);
            default:
                return compareMaps((Map<?, ?>) left, (Map<?, ?>) right);
        }
    }

    private static int rank(Object value) {
        if (value == null) {
            throw new IllegalArgumentException("null has no place in the value order (it is never indexed)");
        }
        int rank = rankOrZero(value);
        if (rank == 0) {
            throw new IllegalArgumentException("a value of type " + value.getClass().getName()
                    + " cannot be ordered; expected a document value (Boolean, number, String, UUID, enum,"
                    + " java.time value, List or Map)");
        }
        return rank;
    }

    private static int rankOrZero(Object value) {
        if (value instanceof String) {
            return STRING;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof BigDecimal || value instanceof BigInteger || value instanceof Short
                || value instanceof Byte || value instanceof Float) {
            return NUMBER;
        }
        if (value instanceof Boolean) {
            return BOOLEAN;
        }
        if (value instanceof UUID) {
            return UUID_RANK;
        }
        if (value instanceof Enum<?>) {
            return ENUM;
        }
        if (value instanceof List<?>) {
            return LIST;
        }
        if (value instanceof Map<?, ?>) {
            return MAP;
        }
        return temporalRank(value) >= 0 ? TEMPORAL : 0;
    }

    /** The place of a temporal type within the temporal rank, or -1 for a value that is not one. */
    static int temporalRank(Object value) {
        for (int i = 0; i < TEMPORAL_TYPES.size(); i++) {
            if (TEMPORAL_TYPES.get(i).isInstance(value)) {
                return i;
            }
        }
        return -1;
    }

    static int compareNumbers(Number left, Number right) {
        if (isIntegral(left) && isIntegral(right)) {
            return Long.compare(left.longValue(), right.longValue());
        }
        if (isFloating(left) || isFloating(right)) {
            int special = compareSpecials(left, right);
            if (special != Integer.MIN_VALUE) {
                return special;
            }
            if (isFloating(left) && isFloating(right)) {
                double l = left.doubleValue();
                double r = right.doubleValue();
                return l == r ? 0 : l < r ? -1 : 1;
            }
            Number integral = isFloating(left) ? right : left;
            if (isIntegral(integral) && Math.abs(integral.longValue()) < TWO_POW_53) {
                double l = left.doubleValue();
                double r = right.doubleValue();
                return l == r ? 0 : l < r ? -1 : 1;
            }
        }
        return exact(left).compareTo(exact(right));
    }

    /** Orders NaN and infinities; {@code Integer.MIN_VALUE} when both are finite. */
    private static int compareSpecials(Number left, Number right) {
        double l = isFloating(left) ? left.doubleValue() : 0.0;
        double r = isFloating(right) ? right.doubleValue() : 0.0;
        boolean leftSpecial = Double.isNaN(l) || Double.isInfinite(l);
        boolean rightSpecial = Double.isNaN(r) || Double.isInfinite(r);
        if (!leftSpecial && !rightSpecial) {
            return Integer.MIN_VALUE;
        }
        return Integer.compare(specialRank(l, leftSpecial), specialRank(r, rightSpecial));
    }

    /** -Infinity 0, finite 1, +Infinity 2, NaN 3. */
    private static int specialRank(double value, boolean special) {
        if (!special) {
            return 1;
        }
        if (Double.isNaN(value)) {
            return 3;
        }
        return value > 0 ? 2 : 0;
    }

    private static boolean isIntegral(Number value) {
        return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte;
    }

    private static boolean isFloating(Number value) {
        return value instanceof Double || value instanceof Float;
    }

    private static BigDecimal exact(Number value) {
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof BigInteger integer) {
            return new BigDecimal(integer);
        }
        if (isFloating(value)) {
            return new BigDecimal(value.doubleValue());
        }
        return BigDecimal.valueOf(value.longValue());
    }

    /** Compares by code point: equal to comparing the UTF-32 forms, without making them. */
    static int compareCodePoints(String left, String right) {
        if (left.equals(right)) {
            return 0;
        }
        int length = Math.min(left.length(), right.length());
        for (int i = 0; i < length; i++) {
            char l = left.charAt(i);
            char r = right.charAt(i);
            if (l != r) {
                if (l >= Character.MIN_SURROGATE && r >= Character.MIN_SURROGATE) {
                    return Integer.compare(codePointRank(l), codePointRank(r));
                }
                return Character.compare(l, r);
            }
        }
        return Integer.compare(left.length(), right.length());
    }

    /**
     * Ranks a UTF-16 unit at or above U+D800 in code point order: surrogates (which encode code points from U+10000
     * up) after U+E000..U+FFFF, which move down to make room, so the two ranges never overlap.
     */
    private static int codePointRank(char c) {
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    private static int compareUuids(UUID left, UUID right) {
        int high = Long.compareUnsigned(left.getMostSignificantBits(), right.getMostSignificantBits());
        return high != 0 ? high : Long.compareUnsigned(left.getLeastSignificantBits(), right.getLeastSignificantBits());
    }

    private static int compareEnums(Enum<?> left, Enum<?> right) {
        if (left.getDeclaringClass() != right.getDeclaringClass()) {
            return left.getDeclaringClass().getName().compareTo(right.getDeclaringClass().getName());
        }
        return Integer.compare(left.ordinal(), right.ordinal());
    }

    @SuppressWarnings({"unchecked", "rawtypes"}) // same temporal class on both sides, which is Comparable to itself
    private static int compareTemporals(Object left, Object right) {
        int leftType = temporalRank(left);
        int rightType = temporalRank(right);
        if (leftType != rightType) {
            return Integer.compare(leftType, rightType);
        }
        if (left instanceof Period l) {
            Period r = (Period) right;
            int years = Integer.compare(l.getYears(), r.getYears());
            int months = years != 0 ? years : Integer.compare(l.getMonths(), r.getMonths());
            return months != 0 ? months : Integer.compare(l.getDays(), r.getDays());
        }
        if (left instanceof ZoneOffset || !(left instanceof Comparable)) {
            return left instanceof ZoneOffset l && right instanceof ZoneOffset r
                    ? l.compareTo(r) : ((ZoneId) left).getId().compareTo(((ZoneId) right).getId());
        }
        return ((Comparable) left).compareTo(right);
    }

    private int compareLists(List<?> left, List<?> right) {
        int length = Math.min(left.size(), right.size());
        for (int i = 0; i < length; i++) {
            int c = compareNullable(left.get(i), right.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(left.size(), right.size());
    }

    private int compareMaps(Map<?, ?> left, Map<?, ?> right) {
        List<Map.Entry<?, ?>> l = sortedEntries(left);
        List<Map.Entry<?, ?>> r = sortedEntries(right);
        int length = Math.min(l.size(), r.size());
        for (int i = 0; i < length; i++) {
            int c = compareCodePoints((String) l.get(i).getKey(), (String) r.get(i).getKey());
            if (c == 0) {
                c = compareNullable(l.get(i).getValue(), r.get(i).getValue());
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(l.size(), r.size());
    }

    /** Inside lists and maps, null is a value: it sorts before everything else. */
    private int compareNullable(Object left, Object right) {
        if (left == null || right == null) {
            return left == right ? 0 : left == null ? -1 : 1;
        }
        return compare(left, right);
    }

    private static List<Map.Entry<?, ?>> sortedEntries(Map<?, ?> map) {
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort((a, b) -> compareCodePoints((String) a.getKey(), (String) b.getKey()));
        return entries;
    }
}
