package dev.docstore.engine;

import java.util.Objects;

/**
 * What an {@link Updater} decided to do with a key: keep it as it is, put a new value, or remove it.
 *
 * @param <V> the value type
 */
public final class Change<V> {
    private static final Change<?> KEEP = new Change<>(null);
    private static final Change<?> REMOVE = new Change<>(null);

    private final V value;

    private Change(V value) {
        this.value = value;
    }

    /** Leave the key as it is: no new version is written. */
    @SuppressWarnings("unchecked") // holds no value, so it is a Change of any type
    public static <V> Change<V> keep() {
        return (Change<V>) KEEP;
    }

    /** Remove the key (nothing happens when it is absent). */
    @SuppressWarnings("unchecked") // holds no value, so it is a Change of any type
    public static <V> Change<V> remove() {
        return (Change<V>) REMOVE;
    }

    /**
     * Write {@code value} as the key's next version.
     *
     * @throws NullPointerException if {@code value} is null; use {@link #remove()} to delete
     */
    public static <V> Change<V> put(V value) {
        return new Change<>(Objects.requireNonNull(value, "value must not be null; use Change.remove() to delete"));
    }

    boolean isKeep() {
        return this == KEEP;
    }

    boolean isRemove() {
        return this == REMOVE;
    }

    V value() {
        return value;
    }

    @Override
    public String toString() {
        return isKeep() ? "Change.keep()" : isRemove() ? "Change.remove()" : "Change.put(" + value + ")";
    }
}
