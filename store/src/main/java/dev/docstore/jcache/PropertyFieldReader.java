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
import java.util.HashMap;
import java.util.Map;

/**
 * Reads fields of cache values for indexes: document fields of {@code Map}s, and the bean properties of plain objects
 * and records as Jackson sees them (getters, public fields, record components, Jackson annotations honoured). The
 * accessors of a class are resolved once and kept, as method handles (a reflective call allocated on every read of
 * every index on every write); reading a property calls its accessor, without converting the whole object. Values
 * wrapped with an expiry time are unwrapped first. Thread-safe.
 */
final class PropertyFieldReader implements FieldReader {
    static final PropertyFieldReader INSTANCE = new PropertyFieldReader();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final MethodType READER = MethodType.methodType(Object.class, Object.class);

    private static final ClassValue<Map<String, MethodHandle>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, MethodHandle> computeValue(Class<?> type) {
            BeanDescription description = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type));
            Map<String, MethodHandle> accessors = new HashMap<>();
            for (BeanPropertyDefinition property : description.findProperties()) {
                AnnotatedMember accessor = property.getAccessor();
                if (accessor != null) {
                    accessor.fixAccess(true);
                    accessors.put(property.getName(), handle(accessor.getMember()));
                }
            }
            return Map.copyOf(accessors);
        }
    };

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
        MethodHandle accessor = ACCESSORS.get(target.getClass()).get(field);
        if (accessor == null) {
            return null;
        }
        try {
            return (Object) accessor.invokeExact(target);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable checked) {
            throw new IllegalStateException("reading property '" + field + "' of " + target.getClass().getName()
                    + " failed", checked);
        }
    }

    /** Values that are never beans: reading a property of them is reading nothing. */
    private static boolean isLeaf(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Iterable<?> || value.getClass().isArray() || value.getClass().isEnum()
                || value.getClass().getName().startsWith("java.");
    }
}
