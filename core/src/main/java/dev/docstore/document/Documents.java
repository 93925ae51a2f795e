package dev.docstore.document;

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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Freezes documents: deep, immutable copies that the store can share with every reader without copying again.
 *
 * <p>A document is a {@code Map<String, Object>} whose values are, recursively: {@code null}, {@link Boolean},
 * {@link Byte}, {@link Short}, {@link Integer}, {@link Long}, {@link Float}, {@link Double}, {@link BigInteger},
 * {@link BigDecimal}, {@link String}, {@link UUID}, any enum constant (such as {@code DayOfWeek}), the {@code java.time}
 * values {@link Instant}, {@link LocalDate}, {@link LocalDateTime}, {@link LocalTime}, {@link OffsetDateTime},
 * {@link ZonedDateTime}, {@link OffsetTime}, {@link Year}, {@link YearMonth}, {@link MonthDay}, {@link Duration},
 * {@link Period} and {@link ZoneId} (offsets and regions), {@link List}, and {@link Map} with string keys. Anything
 * else, a non-string key or a cycle is refused with an {@link InvalidDocumentException} naming the path.
 *
 * <p>Sets are refused rather than turned into lists, because their order is not defined and a stored document must
 * read back the same way every time. Subclasses of {@code BigDecimal} and {@code BigInteger} (which could be mutable)
 * are copied into the plain classes.
 *
 * <p>Stateless and thread-safe.
 */
public final class Documents {
    /** The immutable value classes of {@code java.time} a document may hold ({@code ZoneId} covers zone regions). */
    private static final List<Class<?>> TIME_VALUES = List.of(Instant.class, LocalDate.class, LocalDateTime.class,
            LocalTime.class, OffsetDateTime.class, ZonedDateTime.class, OffsetTime.class, Year.class, YearMonth.class,
            MonthDay.class, Duration.class, Period.class, ZoneId.class);

    private Documents() {
    }

    /**
     * Returns a deeply immutable copy of {@code document}, or {@code document} itself when it is already frozen.
     *
     * @throws NullPointerException     if {@code document} is null
     * @throws InvalidDocumentException if the tree holds an unsupported value, a non-string key or a cycle
     */
    @SuppressWarnings("unchecked") // freezeValue keeps the shape: a map goes in, a map comes out
    public static Map<String, Object> freeze(Map<String, ?> document) {
        if (document == null) {
            throw new NullPointerException("document must not be null");
        }
        if (document instanceof FrozenMap) {
            return (Map<String, Object>) document;
        }
        return (Map<String, Object>) new Freezer().freezeValue(document, "");
    }

    /** Whether {@code value} is a map or list produced by {@link #freeze}, and so known to be deeply immutable. */
    public static boolean isFrozen(Object value) {
        return value instanceof FrozenMap || value instanceof FrozenList;
    }

    /** Whether {@code value} is one of the leaf types a document may hold (containers and null excluded). */
    public static boolean isSupportedLeaf(Object value) {
        return value instanceof String
                || value instanceof Boolean
                || value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Short || value instanceof Byte || value instanceof Float
                || value instanceof BigDecimal || value instanceof BigInteger
                || value instanceof UUID
                || value instanceof Enum<?>
                || isTimeValue(value);
    }

    private static boolean isTimeValue(Object value) {
        for (Class<?> type : TIME_VALUES) {
            if (type.isInstance(value)) {
                return true;
            }
        }
        return false;
    }

    /** One freezing pass; tracks the containers on the current path to report cycles instead of overflowing. */
    private static final class Freezer {
        private final Set<Object> onPath = Collections.newSetFromMap(new IdentityHashMap<>());

        Object freezeValue(Object value, String path) {
            if (value == null || isFrozen(value)) {
                return value;
            }
            if (value instanceof Map<?, ?> map) {
                return freezeContainer(map, path);
            }
            if (value instanceof List<?> list) {
                return freezeContainer(list, path);
            }
            if (value.getClass() == BigDecimal.class || value.getClass() == BigInteger.class) {
                return value;
            }
            if (value instanceof BigDecimal decimal) {
                return new BigDecimal(new BigInteger(decimal.unscaledValue().toByteArray()), decimal.scale());
            }
            if (value instanceof BigInteger integer) {
                return new BigInteger(integer.toByteArray());
            }
            if (isSupportedLeaf(value)) {
                return value;
            }
            if (value instanceof Set<?>) {
                throw new InvalidDocumentException(path, "a Set has no defined order; use a List instead");
            }
            throw new InvalidDocumentException(path, "unsupported value type " + value.getClass().getName()
                    + "; expected null, Boolean, a number, String, UUID, an enum, a java.time value, List or Map");
        }

        private Object freezeContainer(Object container, String path) {
            if (!onPath.add(container)) {
                throw new InvalidDocumentException(path, "the document contains itself (a cycle)");
            }
            try {
                return container instanceof Map<?, ?> map ? freezeMap(map, path) : freezeList((List<?>) container, path);
            } finally {
                onPath.remove(container);
            }
        }

        private FrozenMap freezeMap(Map<?, ?> map, String path) {
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>(Math.max(4, (int) (map.size() / 0.75f) + 1));
            for (Map.Entry<?, ?> field : map.entrySet()) {
                if (!(field.getKey() instanceof String name)) {
                    throw new InvalidDocumentException(path, "map key " + field.getKey() + " ("
                            + (field.getKey() == null ? "null" : field.getKey().getClass().getName())
                            + ") is not a String");
                }
                fields.put(name, freezeValue(field.getValue(), path.isEmpty() ? name : path + "." + name));
            }
            return new FrozenMap(fields);
        }

        private FrozenList freezeList(List<?> list, String path) {
            Object[] elements = new Object[list.size()];
            int i = 0;
            for (Object element : list) {
                if (i == elements.length) {
                    throw new InvalidDocumentException(path, "the list grew while it was being frozen");
                }
                elements[i] = freezeValue(element, path + "[" + i + "]");
                i++;
            }
            if (i != elements.length) {
                throw new InvalidDocumentException(path, "the list shrank while it was being frozen");
            }
            return new FrozenList(elements);
        }
    }
}
