package dev.docstore.jcache;

import dev.docstore.document.Documents;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The estimated heap bytes of a key or value, after the model {@link EstimatedBytesWeigher} documents. What the
 * estimate needs to know of a class (its instances' own size, and for a plain object the readers of its
 * reference-typed properties) is worked out once per class and kept in a {@code ClassValue}, so an estimate does no
 * reflection; it walks the value once.
 *
 * <p>Thread-safe: stateless apart from the per-class shapes, which never change once computed; each estimate has its
 * own {@link Walk}.
 */
final class HeapEstimate {
    /** Bytes of an object header with compressed class pointers: an 8-byte mark word and a 4-byte class pointer. */
    static final int HEADER = 12;
    /** Bytes of an array header: an object header and a 4-byte length. */
    static final int ARRAY_HEADER = 16;
    /** Bytes of a reference with compressed oops. */
    static final int REFERENCE = 4;
    /** Objects start on 8-byte boundaries, so each object's size is rounded up to a multiple of 8. */
    static final int ALIGNMENT = 8;
    /** Deeper than this, an object is counted by its own size only: a guard against overflowing the stack. */
    static final int MAX_DEPTH = 512;

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    /** The pieces of a frozen document, as {@code Documents.freeze} builds it: FrozenMap over an unmodifiable map. */
    private static final long UNMODIFIABLE_MAP = ownBytes(Collections.unmodifiableMap(Map.of()).getClass());
    private static final long LINKED_HASH_MAP = ownBytes(LinkedHashMap.class);
    private static final long LINKED_NODE = ownBytes(nested("java.util.LinkedHashMap$Entry"));
    private static final long HASH_NODE = ownBytes(nested("java.util.HashMap$Node"));
    private static final long STRING = ownBytes(String.class);

    private HeapEstimate() {
    }

    /** The estimated bytes of {@code value} and what it holds; 0 for null. */
    static long of(Object value) {
        return value == null ? 0 : new Walk().bytes(value, 0);
    }

    /** An object's own size in the model: header and instance fields of its class and superclasses, aligned. */
    static long ownBytes(Class<?> type) {
        long fields = 0;
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    fields += width(field.getType());
                }
            }
        }
        return align(HEADER + fields);
    }

    /** An array's size: its header and {@code length} slots of {@code slotBytes}, aligned. */
    static long arrayBytes(long length, int slotBytes) {
        return align(ARRAY_HEADER + length * slotBytes);
    }

    /** A hash map's bucket table; a map that never held an entry has not allocated one. */
    static long tableBytes(int length) {
        return length == 0 ? 0 : arrayBytes(length, REFERENCE);
    }

    static long align(long bytes) {
        return (bytes + ALIGNMENT - 1) & -ALIGNMENT;
    }

    /** The bytes a field or array slot of {@code type} takes: a primitive its width, anything else a reference. */
    static int width(Class<?> type) {
        if (type == long.class || type == double.class) {
            return 8;
        }
        if (type == int.class || type == float.class) {
            return 4;
        }
        if (type == short.class || type == char.class) {
            return 2;
        }
        if (type == byte.class || type == boolean.class) {
            return 1;
        }
        return REFERENCE;
    }

    /** The bucket table a {@code HashMap} grown one entry at a time has for {@code size} entries (resized at 3/4). */
    static int hashTableLength(int size) {
        return size == 0 ? 0 : Math.max(16, powerOfTwoAtLeast((int) Math.ceil(size / 0.75)));
    }

    /** The bucket table of a frozen document's map: {@code Documents.freeze} sizes it so it never resizes. */
    static int frozenTableLength(int size) {
        return size == 0 ? 0 : powerOfTwoAtLeast(Math.max(4, (int) (size / 0.75f) + 1));
    }

    private static int powerOfTwoAtLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    private static Class<?> nested(String name) {
        try {
            // loading a JDK class by name needs no access to it, and listing its fields needs none either
            return Class.forName(name, false, Map.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError("the JDK has no " + name + ": " + e);
        }
    }

    /** Whether {@code type} is the JDK's (and so not seen through properties: its fields are hidden from us). */
    private static boolean isPlatform(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.")
                || name.startsWith("sun.") || name.startsWith("com.sun.");
    }

    /** What the estimate knows of a class: its instances' own size, and the readers of the properties to follow. */
    private static final class Shape {
        private static final MethodHandle[] NONE = new MethodHandle[0];

        final long ownBytes;
        final MethodHandle[] references;

        private Shape(long ownBytes, MethodHandle[] references) {
            this.ownBytes = ownBytes;
            this.references = references;
        }

        static Shape of(Class<?> type) {
            if (type.isArray()) {
                return new Shape(0, NONE); // an array's size is its length's: see arrayBytes
            }
            if (isPlatform(type) || type.isEnum() || Map.class.isAssignableFrom(type)
                    || Collection.class.isAssignableFrom(type)) {
                // maps and collections are walked through their elements, never through their properties
                return new Shape(ownBytes(type), NONE);
            }
            List<MethodHandle> references = new ArrayList<>();
            try {
                for (PropertyFieldReader.Property property : PropertyFieldReader.properties(type)) {
                    // a primitive property is held inline, in the object's own size: nothing to read
                    if (!property.type().isPrimitive()) {
                        references.add(property.reader());
                    }
                }
            } catch (RuntimeException unreadable) {
                // a class whose properties cannot be resolved is still weighed, by its own size: refusing the write
                // for want of an estimate would make the built-in weigher a reason for a cache to fail
                references.clear();
            }
            return new Shape(ownBytes(type), references.toArray(NONE));
        }
    }

    /**
     * One estimate: walks a value depth first, keeping the containers and plain objects on the current path so that
     * a cycle is counted once instead of forever. Not thread-safe; used by one call.
     */
    private static final class Walk {
        private Object[] path = new Object[16];
        private int depth;

        long bytes(Object value, int level) {
            if (value == null || value instanceof Boolean || value instanceof Enum<?>) {
                // null takes no object; Boolean.TRUE/FALSE and enum constants are the JVM's, shared by every holder
                return 0;
            }
            if (value instanceof String text) {
                return STRING + arrayBytes(text.length(), isLatin1(text) ? 1 : 2);
            }
            if (value instanceof BigInteger integer) {
                return SHAPES.get(value.getClass()).ownBytes + magnitudeBytes(integer);
            }
            if (value instanceof BigDecimal decimal) {
                return SHAPES.get(value.getClass()).ownBytes + unscaledBytes(decimal);
            }
            if (value instanceof LocalDateTime time) {
                return SHAPES.get(LocalDateTime.class).ownBytes + bytes(time.toLocalDate(), level)
                        + bytes(time.toLocalTime(), level);
            }
            if (value instanceof OffsetDateTime time) {
                return SHAPES.get(OffsetDateTime.class).ownBytes + bytes(time.toLocalDateTime(), level)
                        + bytes(time.getOffset(), level);
            }
            if (value instanceof ZonedDateTime time) {
                return SHAPES.get(ZonedDateTime.class).ownBytes + bytes(time.toLocalDateTime(), level)
                        + bytes(time.getOffset(), level) + bytes(time.getZone(), level);
            }
            if (value instanceof OffsetTime time) {
                return SHAPES.get(OffsetTime.class).ownBytes + bytes(time.toLocalTime(), level)
                        + bytes(time.getOffset(), level);
            }
            Shape shape = SHAPES.get(value.getClass());
            boolean container = value instanceof Map<?, ?> || value instanceof Collection<?>
                    || value instanceof Object[] || shape.references.length > 0;
            if (!container) {
                return value.getClass().isArray() ? primitiveArrayBytes(value) : shape.ownBytes;
            }
            if (isOnPath(value)) {
                return 0; // the reference closing a cycle: its target is counted where the walk first met it
            }
            if (level >= MAX_DEPTH) {
                return value instanceof Object[] array ? arrayBytes(array.length, REFERENCE) : shape.ownBytes;
            }
            push(value);
            try {
                return containerBytes(value, shape, level + 1);
            } finally {
                depth--;
                path[depth] = null;
            }
        }

        private long containerBytes(Object value, Shape shape, int level) {
            if (value instanceof Map<?, ?> map) {
                return mapBytes(map, shape, level);
            }
            if (value instanceof Collection<?> collection) {
                // a list's backing array is counted at its size: spare capacity (an ArrayList's) is not visible
                long bytes = shape.ownBytes + arrayBytes(collection.size(), REFERENCE);
                for (Object element : collection) {
                    bytes += bytes(element, level);
                }
                return bytes;
            }
            if (value instanceof Object[] array) {
                long bytes = arrayBytes(array.length, REFERENCE);
                for (Object element : array) {
                    bytes += bytes(element, level);
                }
                return bytes;
            }
            return beanBytes(value, shape, level);
        }

        private long mapBytes(Map<?, ?> map, Shape shape, int level) {
            int size = map.size();
            long bytes = shape.ownBytes;
            if (Documents.isFrozen(map)) {
                bytes += UNMODIFIABLE_MAP + LINKED_HASH_MAP + tableBytes(frozenTableLength(size)) + size * LINKED_NODE;
            } else {
                long node = map instanceof LinkedHashMap<?, ?> ? LINKED_NODE : HASH_NODE;
                bytes += tableBytes(hashTableLength(size)) + size * node;
            }
            for (Map.Entry<?, ?> field : map.entrySet()) {
                bytes += bytes(field.getKey(), level) + bytes(field.getValue(), level);
            }
            return bytes;
        }

        private long beanBytes(Object bean, Shape shape, int level) {
            long bytes = shape.ownBytes;
            for (MethodHandle reader : shape.references) {
                Object property;
                try {
                    property = (Object) reader.invokeExact(bean);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable checked) {
                    throw new IllegalStateException("reading a property of " + bean.getClass().getName()
                            + " to estimate its size failed", checked);
                }
                bytes += bytes(property, level);
            }
            return bytes;
        }

        private boolean isOnPath(Object value) {
            for (int i = 0; i < depth; i++) {
                if (path[i] == value) {
                    return true;
                }
            }
            return false;
        }

        private void push(Object value) {
            if (depth == path.length) {
                path = Arrays.copyOf(path, depth * 2);
            }
            path[depth++] = value;
        }
    }

    private static boolean isLatin1(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }

    /** The {@code int[]} magnitude of a BigInteger: one int per 32 bits of its absolute value; none for zero. */
    private static long magnitudeBytes(BigInteger integer) {
        int bits = integer.signum() < 0 ? integer.negate().bitLength() : integer.bitLength();
        return integer.signum() == 0 ? arrayBytes(0, 4) : arrayBytes((bits + 31) / 32, 4);
    }

    /**
     * A BigDecimal whose unscaled value fits in a long keeps it inline; a larger one holds a BigInteger. Up to 18
     * digits always fit, so only longer ones pay for looking at the unscaled value.
     */
    private static long unscaledBytes(BigDecimal decimal) {
        if (decimal.precision() <= 18) {
            return 0;
        }
        BigInteger unscaled = decimal.unscaledValue();
        return unscaled.bitLength() < 64 ? 0 : SHAPES.get(BigInteger.class).ownBytes + magnitudeBytes(unscaled);
    }

    private static long primitiveArrayBytes(Object array) {
        Class<?> component = array.getClass().getComponentType();
        return arrayBytes(Array.getLength(array), width(component));
    }
}
