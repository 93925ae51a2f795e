package dev.docstore.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open snapshots of one store, ordered by read point, and the <em>horizon</em> they imply: the oldest read point
 * any open or future snapshot can have. Versions that only snapshots older than the horizon could see are garbage.
 *
 * <p>Concurrency: lock-free. The race to avoid is a snapshot that has read its read point but is not registered yet
 * while a reclaimer decides without it. {@link #open()} therefore announces itself in {@code opening} before it reads
 * the sequence, and {@link #horizon()} reads the sequence first, then {@code opening}, then the registry: a snapshot it
 * does not see in either place read the sequence after the horizon did, so its read point is at least the horizon.
 * While any snapshot is opening, the horizon is 0 and nothing is reclaimed (a later drain catches up). The horizon is
 * only good for versions stamped before it was read: a reclaimer reads it after the stamp of the version it keeps
 * (ARCHITECTURE.md, "Why opening a snapshot and reclaiming are safe together").
 */
final class SnapshotRegistry {
    /** Where a snapshot is in its life: open, or released once and for good, for one of two reasons. */
    enum Status {
        /** Readable; the only status a snapshot leaves, and only once. */
        OPEN,
        /** Released by close(), by its Cleaner or by the store's close: reads throw {@link SnapshotClosedException}. */
        CLOSED,
        /** Released because it outlived the maximum age: reads throw {@link SnapshotExpiredException}. */
        EXPIRED
    }

    /**
     * Lifecycle of one snapshot; released exactly once, by close, by its Cleaner, by expiry or by store close. The
     * status moves from {@link Status#OPEN} to {@code CLOSED} or {@code EXPIRED} by one compare-and-set on a field of
     * the state itself (enum constants compare by identity), so a snapshot costs no object beyond its state.
     */
    static final class State implements Runnable {
        private static final VarHandle STATUS;

        static {
            try {
                STATUS = MethodHandles.lookup().findVarHandle(State.class, "status", Status.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final long id;
        final long readPoint;
        final long openedMillis;
        private final SnapshotRegistry registry;
        private volatile Status status;

        /** A probe for look-ups by read point: sorts before every real state with that read point; never open. */
        State(long readPoint) {
            this.id = Long.MIN_VALUE;
            this.readPoint = readPoint;
            this.openedMillis = 0;
            this.registry = null;
            this.status = Status.CLOSED;
        }

        State(long id, long readPoint, long openedMillis, SnapshotRegistry registry) {
            this.id = id;
            this.readPoint = readPoint;
            this.openedMillis = openedMillis;
            this.registry = registry;
            this.status = Status.OPEN;
        }

        Status status() {
            return status;
        }

        /** Cleaner and close() entry point: releases the snapshot as closed if it is still open. */
        @Override
        public void run() {
            release(Status.CLOSED);
        }

        /** Releases the snapshot for {@code why} if it is still open; true for exactly one caller. */
        boolean release(Status why) {
            if (!STATUS.compareAndSet(this, Status.OPEN, why)) {
                return false;
            }
            registry.open.remove(this);
            registry.releases.incrementAndGet();
            registry.onRelease.run();
            return true;
        }
    }

    private static final Comparator<State> BY_READ_POINT =
            Comparator.<State>comparingLong(s -> s.readPoint).thenComparingLong(s -> s.id);

    private final AtomicLong sequence;
    private final Clock clock;
    private final Duration maxAge;
    private final long maxAgeMillis;
    private final Runnable onRelease;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger opening = new AtomicInteger();
    private final AtomicLong releases = new AtomicLong();
    private final ConcurrentSkipListMap<State, Boolean> open = new ConcurrentSkipListMap<>(BY_READ_POINT);

    SnapshotRegistry(AtomicLong sequence, Clock clock, Duration maxAge, Runnable onRelease) {
        this.sequence = sequence;
        this.clock = clock;
        this.maxAge = maxAge;
        this.maxAgeMillis = maxAge.toMillis();
        this.onRelease = onRelease;
    }

    /** Registers a snapshot of everything made visible so far. O(log open snapshots). */
    State open() {
        opening.incrementAndGet();
        try {
            State state = new State(ids.incrementAndGet(), sequence.get(), clock.millis(), this);
            open.put(state, Boolean.TRUE);
            return state;
        } finally {
            opening.decrementAndGet();
        }
    }

    /**
     * The oldest read point that an open or future snapshot can have. Expires, on the way, the oldest snapshots that
     * outlived the maximum age, so a forgotten snapshot holds versions back for that long at most.
     */
    long horizon() {
        long latest = sequence.get();
        if (opening.get() != 0) {
            return 0;
        }
        while (true) {
            Map.Entry<State, Boolean> oldest = open.firstEntry();
            if (oldest == null) {
                return latest;
            }
            State state = oldest.getKey();
            if (isTooOld(state)) {
                state.release(Status.EXPIRED);
                continue;
            }
            return Math.min(latest, state.readPoint);
        }
    }

    /**
     * Whether a snapshot is registering now. A reclaimer reads this after the stamp of the version it keeps and before
     * the registry; while it is true, the reclaimer unlinks nothing (see {@link #horizon()} for why the order matters).
     */
    boolean isOpening() {
        return opening.get() != 0;
    }

    /** Releases, as expired, the oldest snapshots that outlived the maximum age; reads nothing else when none is open. */
    void expireTooOld() {
        while (true) {
            Map.Entry<State, Boolean> oldest = open.firstEntry();
            if (oldest == null || !isTooOld(oldest.getKey())) {
                return;
            }
            oldest.getKey().release(Status.EXPIRED);
        }
    }

    /** How many snapshots have been released so far: lets a reclaimer tell that the registry changed under it. */
    long releases() {
        return releases.get();
    }

    /** The open snapshot with the greatest read point below {@code stamp}, or {@code null}. O(log open snapshots). */
    State newestBelow(long stamp) {
        // the common case, no snapshot open, must not allocate: it runs on every write
        return open.isEmpty() ? null : open.lowerKey(new State(stamp));
    }

    boolean isTooOld(State state) {
        return clock.millis() - state.openedMillis > maxAgeMillis;
    }

    Duration maxAge() {
        return maxAge;
    }

    int size() {
        return open.size();
    }

    /** Whether no snapshot is open; O(1), unlike {@link #size()}. */
    boolean isEmpty() {
        return open.isEmpty();
    }

    /** Releases every open snapshot; used when the store closes. */
    void releaseAll() {
        for (State state : open.keySet()) {
            state.release(Status.CLOSED);
        }
    }
}
