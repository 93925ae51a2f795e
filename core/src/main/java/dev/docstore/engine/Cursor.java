package dev.docstore.engine;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Navigates the entries of one snapshot: go-store's cursor, with its defects fixed. It reads the snapshot, not the live
 * store, so every entry it returns is the entry of that key at the snapshot's read point, with its own key, version
 * and document.
 *
 * <p>A cursor stands <em>on</em> an entry, or before the first one when new or {@linkplain #reset() reset}:
 * {@link #next()} moves forward one and returns where it landed, {@link #previous()} moves back one, so {@code next,
 * next, previous} returns the first, second, then first entry again. Out-of-range moves throw
 * {@link NoSuchElementException} and leave the position unchanged. The order is the snapshot's iteration order: fixed
 * for the cursor and its copies, not sorted.
 *
 * <p>The entries are listed (as references, never copies) on the first move, so {@link #count()} is O(1) after that.
 *
 * <p>Not thread-safe: one cursor belongs to one thread; {@link #copy()} gives another thread its own.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Cursor<K, V> implements AutoCloseable {
    private static final int BEFORE_FIRST = -1;

    private final Snapshot<K, V> snapshot;
    /** Set when the cursor (and its copies) own the snapshot: the last of them to close closes it. */
    private final AtomicInteger sharedOwners;
    private List<Entry<K, V>> entries;
    private int position = BEFORE_FIRST;
    private boolean closed;

    Cursor(Snapshot<K, V> snapshot, AtomicInteger sharedOwners) {
        this.snapshot = snapshot;
        this.sharedOwners = sharedOwners;
    }

    /** Whether {@link #next()} would return an entry. */
    public boolean hasNext() {
        return position + 1 < entries().size();
    }

    /** Moves to the next entry and returns it. */
    public Entry<K, V> next() {
        return moveTo(position + 1);
    }

    /** Whether {@link #previous()} would return an entry. */
    public boolean hasPrevious() {
        entries();
        return position > 0;
    }

    /** Moves back to the previous entry and returns it. */
    public Entry<K, V> previous() {
        return moveTo(position - 1);
    }

    /** Moves {@code steps} entries forward (or back, when negative) and returns the entry landed on. */
    public Entry<K, V> advance(int steps) {
        return moveTo(position + steps);
    }

    /** The entry the cursor stands on. */
    public Entry<K, V> current() {
        List<Entry<K, V>> list = entries();
        if (position == BEFORE_FIRST) {
            throw new NoSuchElementException("the cursor stands before the first entry");
        }
        return list.get(position);
    }

    /** The position: 0 for the first entry, -1 before it. */
    public int position() {
        ensureOpen();
        return position;
    }

    /** Moves back to before the first entry. */
    public void reset() {
        ensureOpen();
        position = BEFORE_FIRST;
    }

    /** The number of entries the cursor walks. */
    public int count() {
        return entries().size();
    }

    /** An independent cursor over the same snapshot, at the same position. */
    public Cursor<K, V> copy() {
        List<Entry<K, V>> list = entries();
        if (sharedOwners != null) {
            sharedOwners.incrementAndGet();
        }
        Cursor<K, V> copy = new Cursor<>(snapshot, sharedOwners);
        copy.entries = list;
        copy.position = position;
        return copy;
    }

    /** Closes the cursor; it closes its snapshot too when it opened it and no copy is still open. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (sharedOwners != null && sharedOwners.decrementAndGet() == 0) {
            snapshot.close();
        }
    }

    private Entry<K, V> moveTo(int target) {
        List<Entry<K, V>> list = entries();
        if (target < 0 || target >= list.size()) {
            throw new NoSuchElementException("no entry at position " + target + " of " + list.size());
        }
        position = target;
        return list.get(target);
    }

    private List<Entry<K, V>> entries() {
        ensureOpen();
        if (entries == null) {
            entries = snapshot.materialise();
        }
        return entries;
    }

    private void ensureOpen() {
        if (closed) {
            throw new SnapshotClosedException("cursor is closed");
        }
        snapshot.ensureUsable();
    }
}
