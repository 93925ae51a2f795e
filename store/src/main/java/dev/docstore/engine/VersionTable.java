package dev.docstore.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The versions of every key, and the single write path: {@link #commit} is the only place a write becomes visible.
 *
 * <p>Layout: a {@link ConcurrentHashMap} from key to the newest {@link Version}, which links to the older versions
 * that open snapshots may still read. A store-wide sequence numbers the versions.
 *
 * <p>Concurrency contract:
 * <ul>
 *   <li>Reads take no lock: one volatile read of the map, then of the chain.</li>
 *   <li>A write installs a new head with one conditional map operation ({@code putIfAbsent} or
 *       {@code replace(key, expected, next)}), which locks only that key's hash bin for a few instructions; no user
 *       code runs under it. A writer that lost a race gets {@code null} and decides again on the new head, so writers
 *       on different keys never wait for each other and writers on one key are serialised optimistically.</li>
 *   <li>The new version is stamped right after it is installed (see {@link Version}); the previous head is stamped
 *       before, which makes versions strictly increase per key.</li>
 *   <li>Old versions are unlinked by the writer that made them old, as soon as the {@linkplain SnapshotRegistry#horizon
 *       horizon} allows, and otherwise by a drain that runs when a snapshot is released. Keys whose chains still hold
 *       history are remembered in a set, so the drain visits only them.</li>
 * </ul>
 */
final class VersionTable<K, V> {
    final ConcurrentHashMap<K, Version<K, V>> heads = new ConcurrentHashMap<>();
    final AtomicLong sequence;
    final SnapshotRegistry snapshots;
    private final Clock clock;
    private final WritesInFlight writesInFlight = new WritesInFlight();
    private volatile WriteObserver<K, V> observer;
    private final LongAdder versions = new LongAdder();
    private final LongAdder documents = new LongAdder();
    private final Set<K> keysWithHistory = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean drainRequested;
    private volatile boolean drainNeeded;
    private volatile long lastDrainHorizon = -1;

    VersionTable(Clock clock, Duration maxSnapshotAge, long initialSequence) {
        this.clock = clock;
        this.sequence = new AtomicLong(initialSequence);
        this.snapshots = new SnapshotRegistry(sequence, clock, maxSnapshotAge, this::drain);
    }

    /** The current live version of {@code key}, stamped, or {@code null} when absent. Allocates nothing. */
    Version<K, V> live(K key) {
        Version<K, V> head = head(key);
        return head == null || head.isTombstone() ? null : head;
    }

    /**
     * The head as it is in the map, tombstone included, stamped: whatever a caller decides from it (even "absent",
     * from a deletion) must be in every snapshot opened afterwards, so it must not be stamped later than now.
     */
    Version<K, V> head(K key) {
        Version<K, V> head = heads.get(key);
        if (head != null) {
            head.stamp(sequence);
        }
        return head;
    }

    /**
     * The single write path. Makes {@code value} (or a deletion, when {@code value} is null) the newest version of
     * {@code key}, provided the head is still {@code expected} ({@code null}: the key has no version at all).
     *
     * @return the new version, stamped; or {@code null} when the head moved and the caller must decide again
     */
    Version<K, V> commit(K key, Version<K, V> expected, V value) {
        int ticket = writesInFlight.enter();
        try {
            return commitObserved(key, expected, value, value == null ? null : observer);
        } finally {
            writesInFlight.exit(ticket);
        }
    }

    private Version<K, V> commitObserved(K key, Version<K, V> expected, V value, WriteObserver<K, V> observer) {
        boolean wasLive = expected != null && !expected.isTombstone();
        long now = clock.millis();
        if (expected != null) {
            expected.stamp(sequence);
        }
        Version<K, V> next = new Version<>(key, value, wasLive ? expected.createdMillis : now, now, expected);
        if (observer != null) {
            observer.preparing(next);
        }
        if (expected != null) {
            expected.announceSuccessor(next);
        }
        boolean installed = expected == null
                ? heads.putIfAbsent(key, next) == null
                : heads.replace(key, expected, next);
        if (!installed) {
            if (observer != null) {
                observer.abandoned(next);
            }
            return null;
        }
        next.stamp(sequence);
        if (observer != null) {
            observer.committed(next);
        }
        versions.increment();
        if (wasLive && value == null) {
            documents.decrement();
        } else if (!wasLive && value != null) {
            documents.increment();
        }
        reclaim(key, next);
        return next;
    }

    /** Installs an already stamped version of a key that has none; used to fill a copy of a store. */
    void load(Version<K, V> version) {
        heads.put(version.key, version);
        versions.increment();
        documents.increment();
    }

    /**
     * Unlinks the versions of {@code key} that no open snapshot sees: keeps the head and, for each open snapshot
     * older than it, the version that snapshot sees, and bypasses everything else; removes the key itself when its
     * head is a deletion that every snapshot sees. Walks the registry from the newest read point below each kept
     * version, so the cost is O(chain + kept versions x log open snapshots).
     *
     * <p>Safe against snapshots opening meanwhile because of the order of its reads (ARCHITECTURE.md, "Reclaiming old
     * versions"): the head's stamp first, then whether a snapshot is registering, then the registry. A snapshot whose
     * read point is below the head's stamp read the sequence before that stamp was drawn, so it had announced itself
     * before this reclaimer looks: it is either still registering, and the key is left for a later drain, or in the
     * registry. A snapshot not seen either way has a read point at or above the head's stamp and needs nothing older.
     * The horizon must therefore be read here, after the stamp, never passed in from an earlier moment.
     */
    private void reclaim(K key, Version<K, V> head) {
        long releases = snapshots.releases();
        long headStamp = head.stamp(sequence);
        if (snapshots.horizon() == 0) {
            keepForLater(key, releases, head);
            return;
        }
        WriteObserver<K, V> currentObserver = observer;
        int releasedHere = 0;
        Version<K, V> kept = head;
        SnapshotRegistry.State older = snapshots.newestBelow(headStamp);
        while (older != null) {
            Version<K, V> seen = kept.prev();
            while (seen != null && seen.stamp(sequence) > older.readPoint) {
                seen = seen.prev();
            }
            if (seen == null) {
                break;
            }
            releasedHere += kept.bypassTo(seen, currentObserver);
            kept = seen;
            older = snapshots.newestBelow(seen.stamp(sequence));
        }
        releasedHere += kept.bypassTo(null, currentObserver);
        if (kept == head && head.isTombstone() && heads.remove(key, head) && head.markReleased()) {
            releasedHere++;
        }
        if (releasedHere > 0) {
            versions.add(-releasedHere);
        }
        if (head.prev() != null || (head.isTombstone() && !head.isReleased())) {
            keepForLater(key, releases, head);
        }
    }

    /**
     * Leaves a key whose history could not all go for the drain. A snapshot released since this reclamation looked
     * at the registry may have drained before the key was added, so in that case look again now.
     */
    private void keepForLater(K key, long releasesSeen, Version<K, V> head) {
        keysWithHistory.add(key);
        drainNeeded = true;
        if (snapshots.releases() != releasesSeen && heads.get(key) == head) {
            keysWithHistory.remove(key);
            reclaim(key, head);
        }
    }

    /**
     * Reclaims, for every key that still holds history, what the current horizon allows. Runs when a snapshot is
     * released; one thread drains at a time, and a request that arrives meanwhile makes it go round once more.
     */
    void drain() {
        drainRequested = true;
        while (drainRequested && draining.compareAndSet(false, true)) {
            try {
                drainRequested = false;
                long horizon = snapshots.horizon();
                if (horizon != lastDrainHorizon || drainNeeded) {
                    lastDrainHorizon = horizon;
                    drainNeeded = false;
                    drainOnce();
                }
            } finally {
                draining.set(false);
            }
        }
    }

    @SuppressWarnings("unchecked") // the set holds only keys of type K
    private void drainOnce() {
        for (Object key : keysWithHistory.toArray()) {
            K typedKey = (K) key;
            keysWithHistory.remove(typedKey);
            Version<K, V> head = heads.get(typedKey);
            if (head != null) {
                reclaim(typedKey, head);
            }
        }
    }

    /** Makes {@code newObserver} see every commit from now on; returns once no commit that missed it is under way. */
    synchronized void attach(WriteObserver<K, V> newObserver) {
        if (observer != null) {
            throw new IllegalStateException("the store already has a write observer: " + observer);
        }
        observer = newObserver;
        writesInFlight.awaitEarlier();
    }

    synchronized void detach(WriteObserver<K, V> current) {
        if (observer == current) {
            observer = null;
            writesInFlight.awaitEarlier();
        }
    }

    /** Returns once every commit that began before this call has finished. */
    void awaitWritesInFlight() {
        writesInFlight.awaitEarlier();
    }

    /** Whether the store has not released {@code version} yet. */
    boolean isHeld(Entry<K, V> version) {
        return !((Version<K, V>) version).isReleased();
    }

    long documentCount() {
        return documents.sum();
    }

    long versionCount() {
        return versions.sum();
    }

    int keysWithHistory() {
        return keysWithHistory.size();
    }

    /** Drops every version; the store is closed and no snapshot may read any more. */
    void discard() {
        snapshots.releaseAll();
        heads.clear();
        keysWithHistory.clear();
        versions.reset();
        documents.reset();
    }
}
