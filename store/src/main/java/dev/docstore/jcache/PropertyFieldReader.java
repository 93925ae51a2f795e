package dev.docstore.jcache;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.docstore.index.FieldReader;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads fields of cache values for indexes: document fields of {@code Map}s, and the bean properties of plain objects
 * and records as Jackson sees them (getters, public fields, record components, Jackson annotations honoured). The
 * accessors of a class are resolved once and kept; reading a property calls its accessor, without converting the
 * whole object. Values wrapped with an expiry time are unwrapped first. Thread-safe.
 */
final class PropertyFieldReader implements FieldReader {
    static final PropertyFieldReader INSTANCE = new PropertyFieldReader();

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final ClassValue<Map<String, AnnotatedMember>> ACCESSORS = new ClassValue<>() {
        @Override
        protected Map<String, AnnotatedMember> computeValue(Class<?> type) {
            BeanDescription description = MAPPER.getSerializationConfig().introspect(MAPPER.constructType(type));
            Map<String, AnnotatedMember> accessors = new HashMap<>();
            for (BeanPropertyDefinition property : description.findProperties()) {
                AnnotatedMember accessor = property.getAccessor();
                if (accessor != null) {
                    accessor.fixAccess(true);
                    accessors.put(property.getName(), accessor);
                }
            }
            return Map.copyOf(accessors);
        }
    };

    private PropertyFieldReader() {
    }

    @Override
    public Object read(Object value, String field) {
        Object target = value instanceof Expirable expirable ? expirable.value : value;
        if (target instanceof Map<?, ?> map) {
            return map.get(field);
        }
        if (isLeaf(target)) {
            return null;
        }
        AnnotatedMember accessor = ACCESSORS.get(target.getClass()).get(field);
        return accessor == null ? null : accessor.getValue(target);
    }

    /** Values that are never beans: reading a property of them is reading nothing. */
    private static boolean isLeaf(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean
                || value instanceof Iterable<?> || value.getClass().isArray() || value.getClass().isEnum()
                || value.getClass().getName().startsWith("java.");
    }
}
