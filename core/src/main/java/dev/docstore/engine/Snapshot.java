package dev.docstore.engine;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.jspecify.annotations.Nullable;

/**
 * A point-in-time view of a store: it sees every write that completed before it was opened and none that began after,
 * and never half of a write. Opening one copies nothing (O(log open snapshots)); reads walk back along each key's
 * version chain to the newest version at or before the {@linkplain #readPoint() read point}.
 *
 * <p>Close it when done ({@code try}-with-resources): until then the store keeps the old versions it can see. A
 * snapshot that becomes unreachable without being closed is released by a {@link Cleaner} after garbage collection,
 * and one held open longer than the store's maximum snapshot age is closed by the store; every use after that throws
 * {@link SnapshotExpiredException}.
 *
 * <p>Thread-safe: any number of threads may read one snapshot. Each read checks, after reading, that the snapshot was
 * still open, so a read that raced with closing or expiry throws instead of returning what the store had begun to
 * reclaim.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Snapshot<K, V> implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final DocumentStore<K, V> store;
    private final VersionTable<K, V> table;
    private final SnapshotRegistry.State state;
    private final Cleaner.Cleanable cleanable;

    Snapshot(DocumentStore<K, V> store, VersionTable<K, V> table) {
        this(store, table, true);
    }

    /**
     * @param guarded whether a {@link Cleaner} releases the snapshot if it becomes unreachable unclosed; a snapshot
     *                that the store opens and closes around one call ({@link DocumentStore#read}) needs no guard
     */
    Snapshot(DocumentStore<K, V> store, VersionTable<K, V> table, boolean guarded) {
        this.store = store;
        this.table = table;
        this.state = table.snapshots.open();
        this.cleanable = guarded ? CLEANER.register(this, state) : null;
    }

    /** Every version number at or below this is visible to the snapshot; none above it is. */
    public long readPoint() {
        return state.readPoint;
    }

    /** The entry {@code key} had at the read point, or {@code null} when it had none. */
    public @Nullable Entry<K, V> get(K key) {
        ensureUsable();
        Objects.requireNonNull(key, "key must not be null");
        return checked(visible(table.heads.get(key)));
    }

    /** A reader for many keys at once, with the checks done once; see {@link SnapshotReader}. */
    public SnapshotReader<K, V> reader() {
        ensureUsable();
        return new SnapshotReader<>(this);
    }

    Entry<K, V> visibleUnchecked(K key) {
        return visible(table.heads.get(key));
    }

    boolean seesUnchecked(Entry<K, V> entry) {
        Version<K, V> version = (Version<K, V>) entry;
        return switch (version.seenAt(state.readPoint)) {
            case SEEN -> true;
            case NOT_SEEN -> false;
            case NEEDS_LOOKUP -> visibleUnchecked(version.key) == version;
        };
    }

    /** Whether {@code key} had a value at the read point. */
    public boolean containsKey(K key) {
        return get(key) != null;
    }

    /** The number of documents at the read point; visits every key, materialises none. */
    public long count() {
        ensureUsable();
        long count = 0;
        for (Version<K, V> head : table.heads.values()) {
            if (visible(head) != null) {
                count++;
            }
        }
        ensureReadable();
        return count;
    }

    /**
     * The entries at the read point, in no particular order, read lazily: the stream holds no copy of the store.
     * Every element is checked as it is read, so a stream that outlives its snapshot fails instead of reading on.
     */
    public Stream<Entry<K, V>> stream() {
        ensureUsable();
        Iterator<Version<K, V>> heads = table.heads.values().iterator();
        return StreamSupport.stream(new Spliterators.AbstractSpliterator<Entry<K, V>>(Long.MAX_VALUE,
                Spliterator.NONNULL) {
            @Override
            public boolean tryAdvance(Consumer<? super Entry<K, V>> action) {
                while (heads.hasNext()) {
                    Version<K, V> version = checked(visible(heads.next()));
                    if (version != null) {
                        action.accept(version);
                        return true;
                    }
                }
                // the end of the stream is a read too: a store emptied by close() must not pass for an empty one
                ensureReadable();
                return false;
            }
        }, false);
    }

    /** A cursor over the entries at the read point; closing it leaves this snapshot open. */
    public Cursor<K, V> cursor() {
        ensureUsable();
        return new Cursor<>(this, null);
    }

    /** Whether the snapshot can still be read. */
    public boolean isOpen() {
        return state.status() == SnapshotRegistry.Status.OPEN && !store.isClosed()
                && !table.snapshots.isTooOld(state);
    }

    /** Releases the versions this snapshot holds back. Idempotent. */
    @Override
    public void close() {
        if (cleanable != null) {
            cleanable.clean();
        } else {
            state.run();
        }
    }

    List<Entry<K, V>> materialise() {
        ensureUsable();
        List<Entry<K, V>> entries = new ArrayList<>();
        for (Version<K, V> head : table.heads.values()) {
            Version<K, V> visible = visible(head);
            if (visible != null) {
                entries.add(visible);
            }
        }
        ensureReadable();
        return entries;
    }

    private Version<K, V> visible(Version<K, V> head) {
        if (head == null) {
            return null;
        }
        Version<K, V> version = head.visibleAt(state.readPoint, table.sequence);
        return version == null || version.isTombstone() ? null : version;
    }

    private <T> T checked(T value) {
        ensureReadable();
        return value;
    }

    /** Before a read: fails when the store or the snapshot is closed, and expires the snapshot when it is too old. */
    void ensureUsable() {
        store.checkOpen();
        if (state.status() == SnapshotRegistry.Status.OPEN && table.snapshots.isTooOld(state)) {
            state.release(SnapshotRegistry.Status.EXPIRED);
        }
        ensureReadable();
    }

    /** After a read: what was read is valid only if nothing released the snapshot meanwhile. */
    void ensureReadable() {
        store.checkOpen();
        switch (state.status()) {
            case OPEN -> {
            }
            case EXPIRED -> throw new SnapshotExpiredException(state.readPoint, table.snapshots.maxAge());
            case CLOSED -> throw new SnapshotClosedException("snapshot at version " + state.readPoint + " is closed");
        }
    }

    @Override
    public String toString() {
        return "Snapshot[readPoint=" + state.readPoint + ", open=" + isOpen() + "]";
    }
}
