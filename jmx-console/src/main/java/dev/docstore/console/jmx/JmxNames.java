package dev.docstore.console.jmx;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The object names the console reads: the JCache spec's configuration and statistics beans and docstore's own
 * beans, built the way their registrations build them.
 */
final class JmxNames {
    static final ObjectName ALL_DOCUMENT_CACHES = name("dev.docstore:type=DocumentCache,*");
    static final ObjectName ALL_CACHE_CONFIGURATIONS = name("javax.cache:type=CacheConfiguration,*");
    static final ObjectName ALL_CACHE_STATISTICS = name("javax.cache:type=CacheStatistics,*");

    private JmxNames() {
    }

    static ObjectName documentCache(CacheRef ref) {
        return name("dev.docstore:type=DocumentCache,manager=" + ObjectName.quote(ref.manager()) + ",name="
                + ObjectName.quote(ref.cache()));
    }

    static ObjectName configuration(CacheRef ref) {
        return spec("CacheConfiguration", ref);
    }

    static ObjectName statistics(CacheRef ref) {
        return spec("CacheStatistics", ref);
    }

    private static ObjectName spec(String type, CacheRef ref) {
        return name("javax.cache:type=" + type + ",CacheManager=" + specValue(ref.manager()) + ",Cache="
                + specValue(ref.cache()));
    }

    /**
     * A value of a spec bean's name as docstore's registration writes it: {@code :}, {@code =}, {@code ,} and
     * newlines become {@code .}, and a value that still holds {@code *}, {@code ?}, a quote or a backslash, which a
     * plain value cannot, is quoted. The console must build the very name docstore registered, so this mirrors
     * {@code JmxRegistration.escape} character for character. Applied to a value unquoted from such a name, it gives
     * that name's value back.
     */
    static String specValue(String value) {
        String replaced = value.replaceAll(":|=|\n|,", ".");
        return replaced.matches("(?s).*[*?\"\\\\].*") ? ObjectName.quote(replaced) : replaced;
    }

    /**
     * Whether {@code name}, found by {@link #ALL_DOCUMENT_CACHES}, is one of docstore's cache beans: it has both the
     * {@code manager} and the {@code name} property. Anything else in the domain (another version's beans, someone
     * else's) is not the console's to read.
     */
    static boolean isDocumentCache(ObjectName name) {
        return name.getKeyProperty("manager") != null && name.getKeyProperty("name") != null;
    }

    /** A name property, unquoted if it is quoted (docstore's always are; the spec's are when they must be). */
    static String unquoted(ObjectName name, String key) {
        String value = name.getKeyProperty(key);
        return value.startsWith("\"") ? ObjectName.unquote(value) : value;
    }

    static ObjectName name(String text) {
        try {
            return new ObjectName(text);
        } catch (MalformedObjectNameException e) {
            throw new OperationFailedException("cannot name a bean " + text + ": " + e.getMessage());
        }
    }
}
