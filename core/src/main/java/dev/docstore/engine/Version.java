package dev.docstore.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One version of a key, linked to the older versions that open snapshots may still need.
 *
 * <p>The head of a key's chain is the value in the store's map; a version whose value is {@code null} is a tombstone,
 * kept only while a snapshot can still see the version it deleted.
 *
 * <p>A write makes one version, the <em>candidate</em>, before it knows whether it will be installed: the write path
 * ({@link VersionTable#operate}) sets its link and timestamps, and (for an update) its value, on each attempt, and
 * installs it with one conditional map operation. From its installation on a version never changes but for the fields
 * below; before it, no other thread can reach it (the map publishes it safely, and an index that lists it earlier
 * never reads it before it is stamped).
 *
 * <p>Concurrency: {@code stamp} is written once, from 0 ("not yet visible to snapshots") to its version number, by
 * compare-and-set: by the writer right after it installed the version, or by any reader that finds it still 0
 * (helping; see ARCHITECTURE.md, "snapshots"). {@code prev} is only ever moved further down the chain (bypassing
 * versions no snapshot needs) or cut to {@code null}, by compare-and-set; chains stay ordered by stamp, newest first.
 * {@code released} turns 1 exactly once, by compare-and-set, for the thread that accounts for the version's release:
 * concurrent reclaimers may unlink the same version, but only one reports it.
 *
 * <p>{@code successor} lets a reader that holds a version (an index does) decide whether a snapshot sees it without
 * looking the key up. Whoever stamps a version first sets its predecessor's successor to it, so a version is never
 * stamped, and so never visible to any snapshot, before its predecessor names it; until then the predecessor is still
 * what every open snapshot sees. A candidate that lost its install race is never stamped and never named. A released
 * version (one no snapshot sees) names itself, which cuts the chain of dead versions for the garbage collector. See
 * {@link #seenAt}.
 *
 * <p>Layout: 12 bytes of header, four references, a long and an int make 40 bytes with compressed pointers; a
 * {@link Timed} version adds two longs, 56 bytes.
 */
class Version<K, V> implements Entry<K, V> {
    private static final VarHandle STAMP;
    private static final VarHandle PREV;
    private static final VarHandle SUCCESSOR;
    private static final VarHandle RELEASED;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            STAMP = lookup.findVarHandle(Version.class, "stamp", long.class);
            PREV = lookup.findVarHandle(Version.class, "prev", Version.class);
            SUCCESSOR = lookup.findVarHandle(Version.class, "successor", Version.class);
            RELEASED = lookup.findVarHandle(Version.class, "released", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final K key;
    /** Set before installation (an update decides it on each attempt); never changed after. */
    V value;
    private volatile long stamp;
    private volatile Version<K, V> prev;
    private volatile Version<K, V> successor;
    /** 1 once the version has been accounted as released; fits in the object's alignment padding. */
    private volatile int released;

    Version(K key, V value) {
        this.key = key;
        this.value = value;
    }

    /** Prepares a candidate for installation over {@code head} ({@code null}: the key has no version) at {@code now}. */
    void prepare(Version<K, V> head, long now) {
        // a plain write: the map operation that installs this version publishes it
        PREV.set(this, head);
    }

    /** Whether this kind of version keeps created and updated times (and so needs the clock on each write). */
    boolean isTimed() {
        return false;
    }

    /** Whether this candidate was installed (it is stamped once it is; a candidate that never is, never is). */
    boolean isCommitted() {
        return stamp != 0;
    }

    /** A version that is visible from the start, as when a store is copied with its versions. */
    static <K, V> Version<K, V> stamped(K key, V value, long createdMillis, long updatedMillis, long stamp,
                                         boolean timed) {
        Version<K, V> version = timed ? new Timed<>(key, value, createdMillis, updatedMillis)
                : new Version<>(key, value);
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
        Version<K, V> older = prev;
        if (older != null) {
            // before the stamp (whose sequence increment publishes it): once a snapshot can see this version,
            // whoever holds the older one must know it lost
            SUCCESSOR.setRelease(older, this);
        }
        long fresh = sequence.incrementAndGet();
        return STAMP.compareAndSet(this, 0L, fresh) ? fresh : stamp;
    }

    Version<K, V> prev() {
        return prev;
    }

    /**
     * What {@link #seenAt} can tell about a snapshot and a version from the version alone. Constants only: deciding
     * allocates nothing.
     */
    enum Sight {
        /** The snapshot sees the version: stamped at or below its read point, and its successor (if any) above. */
        SEEN,
        /** The snapshot does not see the version: unstamped, stamped above its read point, or replaced by then. */
        NOT_SEEN,
        /**
         * The version alone cannot tell: its successor is installed but not stamped yet, so only a look-up of the key
         * (which stamps it) decides.
         */
        NEEDS_LOOKUP
    }

    /**
     * Whether a snapshot at {@code readPoint} sees this version, decided from the version alone when possible:
     * {@link Sight#SEEN} or {@link Sight#NOT_SEEN}, or {@link Sight#NEEDS_LOOKUP} when only a look-up of the key can
     * tell (the successor is installed but not stamped yet). An unstamped version is not seen by any open snapshot (its
     * stamp, when it comes, will be above every open read point), and neither is one whose successor is stamped at or
     * below it.
     */
    Sight seenAt(long readPoint) {
        long own = stamp;
        if (own == 0 || own > readPoint) {
            return Sight.NOT_SEEN;
        }
        Version<K, V> next = successor;
        if (next == null) {
            return Sight.SEEN;
        }
        long nextStamp = next.stamp;
        if (nextStamp == 0) {
            return Sight.NEEDS_LOOKUP;
        }
        return nextStamp > readPoint ? Sight.SEEN : Sight.NOT_SEEN;
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

    /**
     * Points a released version's successor at itself. {@link #seenAt} then answers "not seen" (its successor's stamp
     * is its own), which is true of a released version. And a released version that the garbage collector has already
     * moved to the old generation no longer keeps every younger version of its key alive through the chain of
     * successors (each young collection would copy that whole dead chain).
     */
    private void forgetSuccessor() {
        SUCCESSOR.setRelease(this, this);
    }

    /** The version that replaced this one; itself once released; {@code null} while this is the newest. */
    Version<K, V> successor() {
        return successor;
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
                skipped.forgetSuccessor();
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

    /** 0: this version keeps no times (its store was built without them). */
    @Override
    public long createdMillis() {
        return 0;
    }

    /** 0: this version keeps no times (its store was built without them). */
    @Override
    public long updatedMillis() {
        return 0;
    }

    /**
     * A version with created and updated times: what a store keeps by default. A store built without times (the JCache
     * layer's, which keeps its own expiry) uses plain versions, 16 bytes smaller and written without reading a clock.
     */
    static class Timed<K, V> extends Version<K, V> {
        /** Set before installation, on each attempt; never changed after. */
        private long createdMillis;
        /** Set before installation, on each attempt; never changed after. */
        private long updatedMillis;

        Timed(K key, V value, long createdMillis, long updatedMillis) {
            super(key, value);
            this.createdMillis = createdMillis;
            this.updatedMillis = updatedMillis;
        }

        @Override
        void prepare(Version<K, V> head, long now) {
            super.prepare(head, now);
            setTimes(head, now);
        }

        void setTimes(Version<K, V> head, long now) {
            boolean headLive = head != null && !head.isTombstone();
            createdMillis = headLive ? head.createdMillis() : now;
            updatedMillis = now;
        }

        @Override
        boolean isTimed() {
            return true;
        }

        @Override
        public long createdMillis() {
            return createdMillis;
        }

        @Override
        public long updatedMillis() {
            return updatedMillis;
        }
    }

    /**
     * A timed version whose times are given, not read from the clock: an entry restored from an export keeps the
     * created and updated times it had.
     */
    static final class Restored<K, V> extends Timed<K, V> {
        Restored(K key, V value, long createdMillis, long updatedMillis) {
            super(key, value, createdMillis, updatedMillis);
        }

        @Override
        void setTimes(Version<K, V> head, long now) {
            // the given times stand, whatever the clock and the key's previous version say
        }
    }

    @Override
    public String toString() {
        return "Entry[key=" + key + ", version=" + stamp + ", value=" + value + "]";
    }
}
