package dev.docstore.document;

import java.util.AbstractMap;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A deeply immutable map of a frozen document. Keeps the insertion order of the map it was frozen from and allows
 * null values, which {@code Map.copyOf} does not. Every mutator throws {@link UnsupportedOperationException}.
 *
 * <p>Thread-safe: never changes after construction, and is published through the store's volatile fields.
 */
final class FrozenMap extends AbstractMap<String, Object> {
    private final Map<String, Object> fields;

    /** Takes ownership of {@code frozenFields}: the caller must not keep a reference to it. */
    FrozenMap(LinkedHashMap<String, Object> frozenFields) {
        this.fields = Collections.unmodifiableMap(frozenFields);
    }

    @Override
    public Set<Entry<String, Object>> entrySet() {
        return fields.entrySet();
    }

    @Override
    public Object get(Object key) {
        return fields.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return fields.containsKey(key);
    }

    @Override
    public int size() {
        return fields.size();
    }
}
