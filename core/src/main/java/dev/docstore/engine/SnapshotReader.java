package dev.docstore.engine;

import org.jspecify.annotations.Nullable;

/**
 * Reads many keys of one snapshot with the checks done once, for queries that visit many entries: {@link #get}
 * only walks version chains, and {@link #verify()} confirms afterwards that the snapshot stayed open, which is what
 * makes what was read valid. Call {@code verify()} before trusting a batch of reads.
 *
 * <p>Thread-safe, like its snapshot.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class SnapshotReader<K, V> {
    private final Snapshot<K, V> snapshot;

    SnapshotReader(Snapshot<K, V> snapshot) {
        this.snapshot = snapshot;
    }

    /** The entry {@code key} had at the snapshot's read point, or {@code null}; valid once {@link #verify()} passes. */
    public @Nullable Entry<K, V> get(K key) {
        return snapshot.visibleUnchecked(key);
    }

    /**
     * Whether the snapshot sees {@code entry}, a version of this store obtained earlier (from an index, say): true
     * exactly when {@code get(entry.key()) == entry}, usually decided without looking the key up. Valid once
     * {@link #verify()} passes.
     *
     * @throws ClassCastException if {@code entry} did not come from this store
     */
    public boolean sees(Entry<K, V> entry) {
        return snapshot.seesUnchecked(entry);
    }

    /**
     * Confirms that everything read so far is valid.
     *
     * @throws SnapshotClosedException if the snapshot was closed or expired meanwhile
     * @throws StoreClosedException    if the store was closed meanwhile
     */
    public void verify() {
        snapshot.ensureReadable();
    }

    /** The snapshot read. */
    public Snapshot<K, V> snapshot() {
        return snapshot;
    }
}
