package dev.docstore.jcache;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.docstore.index.FieldReader;
import dev.docstore.jcache.expiry.Expirable;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads fields of cache values for indexes: document fields of {@code Map}s, and the bean properties of plain objects
 * and records as Jackson sees them (getters, public fields, record components, Jackson annotations honoured). The
 * accessors of a class are resolved once and kept, as method handles (a reflective call allocated on every read of
 * every index on every write); reading a property calls its accessor, without converting the whole object. Values
 * wrapped with an expiry time are unwrapped first. The same accessors serve {@link HeapEstimate}, which weighs a
 * plain object through its properties, so a class is introspected once for both. Thread-safe: the accessors of a
 * class are computed by a {@code ClassValue} and never change.
 */
public final class PropertyFieldReader implements FieldReader {
    /** The single instance. */
    public static final PropertyFieldReader INSTANCE = new PropertyFieldReader();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final MethodType READER = MethodType.methodType(Object.class, Object.class);

    private static final ClassValue<Map<String, Property>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, Property> computeValue(Class<?> type) {
            BeanDescription description = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type));
            Map<String, Property> accessors = new HashMap<>();
            for (BeanPropertyDefinition property : description.findProperties()) {
                AnnotatedMember accessor = property.getAccessor();
                if (accessor != null) {
                    accessor.fixAccess(true);
                    Member member = accessor.getMember();
                    Class<?> declared = member instanceof Method method ? method.getReturnType()
                            : ((Field) member).getType();
                    accessors.put(property.getName(), new Property(declared, handle(member)));
                }
            }
            return Map.copyOf(accessors);
        }
    };

    /**
     * One readable property: its declared type (a primitive one is held inline, so a size estimate need not read
     * it) and a handle reading it, boxed, from an {@code Object}.
     */
    record Property(Class<?> type, MethodHandle reader) {
    }

    /** A handle reading the property from an {@code Object}, its value boxed: {@code (Object) -> Object}. */
    private static MethodHandle handle(Member member) {
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            MethodHandle raw = member instanceof Method method ? lookup.unreflect(method)
                    : lookup.unreflectGetter((Field) member);
            return raw.asType(READER);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read property " + member + " for an index", e);
        }
    }

    private PropertyFieldReader() {
    }

    @Override
    public Object read(Object value, String field) {
        Object target = value instanceof Expirable expirable ? expirable.value() : value;
        if (target instanceof Map<?, ?> map) {
            return map.get(field);
        }
        if (isLeaf(target)) {
            return null;
        }
        Property accessor = ACCESSORS.get(target.getClass()).get(field);
        if (accessor == null) {
            return null;
        }
        try {
            return (Object) accessor.reader().invokeExact(target);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new IllegalStateException("reading property '" + field + "' of " + target.getClass().getName()
                    + " failed", checked);
        }
    }

    /** The readable properties of {@code type} as Jackson sees them, resolved once per class. */
    static Collection<Property> properties(Class<?> type) {
        return ACCESSORS.get(type).values();
    }

    /** Values that are never beans: reading a property of them is reading nothing. */
    private static boolean isLeaf(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Iterable<?> || value.getClass().isArray() || value.getClass().isEnum()
                || value.getClass().getName().startsWith("java.");
    }
}
