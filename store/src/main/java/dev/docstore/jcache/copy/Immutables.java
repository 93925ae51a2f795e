package dev.docstore.jcache.copy;

import dev.docstore.document.Documents;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Decides which keys and values a store-by-value cache may keep and hand out without copying: frozen documents,
 * strings, boxed primitives, {@code BigDecimal}/{@code BigInteger} (exact classes), {@code UUID}, enums, the
 * {@code java.time} values documents accept, and records whose components are all such types (decided once per
 * record class).
 */
final class Immutables {
    private static final Set<Class<?>> VALUE_CLASSES = Set.of(String.class, Boolean.class, Character.class,
            Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class, BigDecimal.class,
            BigInteger.class, UUID.class);

    /** Records being decided on this thread: a record that (indirectly) holds itself is not proven immutable. */
    private static final ThreadLocal<Set<Class<?>>> DECIDING = ThreadLocal.withInitial(HashSet::new);

    private static final ClassValue<Boolean> IMMUTABLE_RECORDS = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            if (!type.isRecord() || !DECIDING.get().add(type)) {
                return false;
            }
            try {
                for (RecordComponent component : type.getRecordComponents()) {
                    if (!isImmutableType(component.getType())) {
                        return false;
                    }
                }
                return true;
            } finally {
                DECIDING.get().remove(type);
            }
        }
    };

    private Immutables() {
    }

    /** Whether {@code value} needs no copy to be isolated from its owner. */
    static boolean isImmutable(Object value) {
        if (Documents.isFrozen(value)) {
            return true; // first: two type checks, and documents are what a store-by-value get returns most
        }
        Class<?> type = value.getClass();
        return VALUE_CLASSES.contains(type) || value instanceof Enum<?>
                || (type.getPackageName().equals("java.time") && Documents.isSupportedLeaf(value))
                || IMMUTABLE_RECORDS.get(type);
    }

    /** Whether every value of a declared type is immutable: primitives, final value classes, immutable records. */
    private static boolean isImmutableType(Class<?> type) {
        if (type.isPrimitive() || VALUE_CLASSES.contains(type) || type.isEnum()) {
            return true;
        }
        if (type.getPackageName().equals("java.time") && Modifier.isFinal(type.getModifiers())
                && !type.getSimpleName().contains("Clock")) {
            return true;
        }
        return type.isRecord() && IMMUTABLE_RECORDS.get(type);
    }
}
