package dev.docstore.jcache.copy;

import dev.docstore.document.Documents;
import dev.docstore.document.InvalidDocumentException;
import dev.docstore.jcache.Copier;
import java.util.Map;

/**
 * Store-by-value without the usual cost: what goes in is frozen (documents) or copied (values not known to be
 * immutable) once, and what comes out is shared when immutable and copied otherwise. Store-by-reference passes
 * everything through. Thread-safe if the copier is.
 *
 * <p>Internal: part of the provider, not an API; may change. It is public only for the cache's classes in
 * {@code dev.docstore.jcache}; the API is the {@link Copier} a configuration names.
 */
public final class ValueCopies {
    private final boolean byValue;
    private final Copier copier;
    private final ClassLoader classLoader;
    private final Class<?> valueType;

    public ValueCopies(boolean byValue, Copier copier, ClassLoader classLoader, Class<?> valueType) {
        this.byValue = byValue;
        this.copier = copier;
        this.classLoader = classLoader;
        this.valueType = valueType;
    }

    /** The form of a key the cache keeps. */
    public <T> T keyIn(T key) {
        return byValue && !Immutables.isImmutable(key) ? copier.copy(key, classLoader) : key;
    }

    /** The form of a value the cache keeps: a frozen document, the value itself when immutable, or a copy. */
    @SuppressWarnings("unchecked") // a frozen document is a Map, checked against the configured value type
    public <T> T valueIn(T value) {
        if (!byValue || Immutables.isImmutable(value)) {
            return value;
        }
        if (value instanceof Map<?, ?> map && map.keySet().stream().allMatch(String.class::isInstance)) {
            try {
                Object frozen = Documents.freeze((Map<String, ?>) map);
                if (valueType.isInstance(frozen)) {
                    return (T) frozen;
                }
            } catch (InvalidDocumentException notADocument) {
                // a map holding values documents cannot: keep it as a plain copy instead
            }
        }
        return copier.copy(value, classLoader);
    }

    /** What a reader gets: the kept form when immutable, a copy otherwise. */
    public <T> T out(T kept) {
        return kept == null || !byValue || Immutables.isImmutable(kept) ? kept : copier.copy(kept, classLoader);
    }
}
