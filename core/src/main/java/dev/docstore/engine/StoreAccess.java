package dev.docstore.engine;

import java.util.function.Consumer;

/**
 * What an attached {@link WriteObserver} may ask of its store beyond the public API: the versions it still holds and
 * whether a version is the newest of its key. Obtained from {@link DocumentStore#attach(WriteObserver)}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface StoreAccess<K, V> {
    /**
     * Visits every version the store holds (the newest of each key and older ones open snapshots may read), deletions
     * excluded. Weakly consistent: versions written or released meanwhile may or may not be visited.
     */
    void forEachVersion(Consumer<? super Entry<K, V>> action);

    /**
     * Whether the store still holds {@code version} (as the newest version of its key or for a snapshot): false once
     * it has been released, which happens before {@link WriteObserver#released} is called for it.
     */
    boolean isHeld(Entry<K, V> version);

    /** Whether {@code version} is the newest version of its key and not deleted. */
    boolean isCurrent(Entry<K, V> version);

    /**
     * Returns once every commit that began before this call has finished: after an observer changes what it does on
     * commit (say, a new index), this tells it when no commit that missed the change is still under way. Must not be
     * called from inside the observer's callbacks.
     */
    void awaitWritesInFlight();

    /** The store this access belongs to. */
    DocumentStore<K, V> store();

    /** Stops the observer from seeing writes; the store may get another observer after this. */
    void detach();
}
