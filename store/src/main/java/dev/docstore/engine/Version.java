package dev.docstore.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One immutable version of a key, linked to the older versions that open snapshots may still need.
 *
 * <p>The head of a key's chain is the value in the store's map; a version whose value is {@code null} is a tombstone,
 * kept only while a snapshot can still see the version it deleted.
 *
 * <p>Concurrency: {@code key}, {@code value} and the timestamps are final. {@code stamp} is written once, from 0
 * ("not yet visible to snapshots") to its version number, by compare-and-set: by the writer right after it installed
 * the version, or by any reader that finds it still 0 (helping; see ARCHITECTURE.md, "snapshots"). {@code prev} is only
 * only ever moved further down the chain (bypassing versions no snapshot needs) or cut to {@code null}, by
 * compare-and-set; chains stay ordered by stamp, newest first. {@code released} turns 1 exactly once, by
 * compare-and-set, for the thread that accounts for the version's release: concurrent reclaimers may unlink the same
 * version, but only one reports it.
 *
 * <p>{@code successor} lets a reader that holds a version (an index does) decide whether a snapshot sees it without
 * looking the key up: every writer sets it, to the version it is about to install, before installing, so it is never
 * null once a newer version is installed. It may name a version that lost its install race (never stamped); a reader
 * that finds an unstamped successor falls back to looking the key up. See {@link #seenAt}.
 *
 * <p>Layout: 12 bytes of header, four references, three longs and an int make 56 bytes with compressed pointers.
 */
final class Version<K, V> implements Entry<K, V> {
    private static final VarHandle STAMP;
    private static final VarHandle PREV;
    private static final VarHandle RELEASED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STAMP = lookup.findVarHandle(Version.class, "stamp", long.class);
            PREV = lookup.findVarHandle(Version.class, "prev", Version.class);
            RELEASED = lookup.findVarHandle(Version.class, "released", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final K key;
    final V value;
    final long createdMillis;
    final long updatedMillis;
    private volatile long stamp;
    private volatile Version<K, V> prev;
    private volatile Version<K, V> successor;
    /** 1 once the version has been accounted as released; fits in the object's alignment padding. */
    private volatile int released;

    Version(K key, V value, long createdMillis, long updatedMillis, Version<K, V> prev) {
        this.key = key;
        this.value = value;
        this.createdMillis = createdMillis;
        this.updatedMillis = updatedMillis;
        this.prev = prev;
    }

    /** A version that is visible from the start, as when a store is copied with its versions. */
    static <K, V> Version<K, V> stamped(K key, V value, long createdMillis, long updatedMillis, long stamp) {
        Version<K, V> version = new Version<>(key, value, createdMillis, updatedMillis, null);
        version.stamp = stamp;
        return version;
    }

    boolean isTombstone() {
        return value == null;
    }

    /**
     * Returns this version's stamp, first giving it the next number of {@code sequence} if it has none yet. Whoever
     * stamps first wins; the number is final from then on.
     */
    long stamp(AtomicLong sequence) {
        long current = stamp;
        if (current != 0) {
            return current;
        }
        long fresh = sequence.incrementAndGet();
        return STAMP.compareAndSet(this, 0L, fresh) ? fresh : stamp;
    }

    Version<K, V> prev() {
        return prev;
    }

    /** Records, before {@code next} is installed over this version, that it may be. */
    void announceSuccessor(Version<K, V> next) {
        successor = next;
    }

    /**
     * Whether a snapshot at {@code readPoint} sees this version, decided from the version alone when possible:
     * {@code TRUE} or {@code FALSE}, or {@code null} when only a look-up of the key can tell. An unstamped version is
     * not seen by any open snapshot (its stamp, when it comes, will be above every open read point).
     */
    Boolean seenAt(long readPoint) {
        long own = stamp;
        if (own == 0 || own > readPoint) {
            return Boolean.FALSE;
        }
        Version<K, V> next = successor;
        if (next == null) {
            return Boolean.TRUE;
        }
        long nextStamp = next.stamp;
        return nextStamp == 0 ? null : nextStamp > readPoint;
    }

    /**
     * The newest version of this chain that a snapshot taken at {@code readPoint} sees, or {@code null}.
     * Stamps every version it passes that has none yet, which places it after {@code readPoint}.
     */
    Version<K, V> visibleAt(long readPoint, AtomicLong sequence) {
        Version<K, V> candidate = this;
        while (candidate != null && candidate.stamp(sequence) > readPoint) {
            candidate = candidate.prev;
        }
        return candidate;
    }

    /** Claims the release of this version; true for exactly one caller. */
    boolean markReleased() {
        return RELEASED.compareAndSet(this, 0, 1);
    }

    boolean isReleased() {
        return released != 0;
    }

    /**
     * Makes this version's older link skip straight to {@code target} (a version further down its chain, or
     * {@code null} to drop everything older), then releases the versions skipped: those reachable from the old link
     * with a stamp above {@code target}'s. The caller has established that no snapshot sees any of them. Does nothing
     * when another thread changed the link meanwhile. Returns how many versions this call released.
     */
    int bypassTo(Version<K, V> target, WriteObserver<K, V> observer) {
        Version<K, V> first = prev;
        if (first == target || !PREV.compareAndSet(this, first, target)) {
            return 0;
        }
        long floor = target == null ? Long.MIN_VALUE : target.stamp;
        int releasedHere = 0;
        for (Version<K, V> skipped = first; skipped != null && skipped.stamp > floor; skipped = skipped.prev) {
            if (skipped.markReleased()) {
                releasedHere++;
                if (observer != null && !skipped.isTombstone()) {
                    observer.released(skipped);
                }
            }
        }
        return releasedHere;
    }

    @Override
    public K key() {
        return key;
    }

    @Override
    public V value() {
        return value;
    }

    /** The stamp; entries handed to callers are always stamped (the store stamps before it returns one). */
    @Override
    public long version() {
        return stamp;
    }

    @Override
    public long createdMillis() {
        return createdMillis;
    }

    @Override
    public long updatedMillis() {
        return updatedMillis;
    }

    @Override
    public String toString() {
        return "Entry[key=" + key + ", version=" + stamp + ", value=" + value + "]";
    }
}
