package dev.docstore.document;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * A deeply immutable list of a frozen document; allows null elements, which {@code List.copyOf} does not. Every
 * mutator throws {@link UnsupportedOperationException}.
 *
 * <p>Thread-safe: the array is filled before construction and never written again.
 */
final class FrozenList extends AbstractList<Object> implements RandomAccess {
    private final Object[] elements;

    /** Takes ownership of {@code frozenElements}: the caller must not keep a reference to it. */
    FrozenList(Object[] frozenElements) {
        this.elements = frozenElements;
    }

    @Override
    public Object get(int index) {
        return elements[index];
    }

    @Override
    public int size() {
        return elements.length;
    }
}
