package dev.docstore.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The versions of every key, and the single write path: {@link #operate} is the only place a write becomes visible.
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
    /** Keys one release drains at most while other snapshots are open; see {@link #drain()}. */
    static final int DRAIN_SLICE = 256;

    final SnapshotRegistry snapshots;
    private final Clock clock;
    /** Whether versions keep created and updated times: then every write reads the clock. */
    private final boolean timed;
    private final WritesInFlight writesInFlight = new WritesInFlight();
    private volatile WriteObserver<K, V> observer;
    private final LongAdder versions = new LongAdder();
    private final LongAdder documents = new LongAdder();
    /** Keys whose chains hold history, each once; {@link #drainQueue} holds them in the order they came. */
    private final Set<K> keysWithHistory = ConcurrentHashMap.newKeySet();
    private final Queue<K> drainQueue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean draining = new AtomicBoolean();
    private volatile boolean drainRequested;
    private volatile boolean drainNeeded;
    private volatile long lastDrainHorizon = -1;
    /** Keys visited by drains; written only by the thread holding {@code draining}. */
    private volatile long drainedKeys;

    VersionTable(Clock clock, boolean timed, Duration maxSnapshotAge, long initialSequence) {
        this.clock = clock;
        this.timed = timed;
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
     * The single write path: every write of the store is one call. Decides, from the key's current head, whether to
     * install {@code candidate} (a new version, or a deletion when its value is {@code null}) and, if so, installs it
     * with one conditional map operation; a writer that lost a race to another decides again on the new head. Returns
     * the head the last decision was made on (stamped; {@code null} when the key had no version):
     * {@code candidate.isCommitted()} says whether it was installed over it.
     *
     * @param expected the version the decision checks, where it checks one
     */
    Version<K, V> operate(K key, Version<K, V> candidate, long expected, Decision decision) {
        int ticket = writesInFlight.enter();
        try {
            while (true) {
                Version<K, V> head = head(key);
                if (!decision.decide(key, head, candidate, expected) || install(key, head, candidate)) {
                    return head;
                }
            }
        } finally {
            writesInFlight.exit(ticket);
        }
    }

    /**
     * Installs {@code candidate} over {@code head} if the head has not moved; returns false if it has. Observers see the
     * candidate before it can be seen (and hear that it was abandoned if it loses), then its commit.
     */
    private boolean install(K key, Version<K, V> head, Version<K, V> candidate) {
        WriteObserver<K, V> current = candidate.isTombstone() ? null : observer;
        candidate.prepare(head, timed ? clock.millis() : 0);
        Object prepared = current == null ? null : current.preparing(candidate);
        boolean installed = head == null
                ? heads.putIfAbsent(key, candidate) == null
                : heads.replace(key, head, candidate);
        if (!installed) {
            if (current != null) {
                current.abandoned(candidate, prepared);
            }
            return false;
        }
        candidate.stamp(sequence);
        if (current != null) {
            current.committed(candidate, prepared);
        }
        boolean wasLive = Decision.isLive(head);
        if (wasLive == candidate.isTombstone()) {
            documents.add(wasLive ? -1 : 1);
        }
        // one more version, less those this commit reclaimed: with no snapshot open the two cancel and the counter
        // is not touched at all
        int change = 1 - reclaim(key, candidate);
        if (change != 0) {
            versions.add(change);
        }
        return true;
    }

    /** A candidate for the next version of {@code key}: {@code value}, or a deletion when it is {@code null}. */
    Version<K, V> candidate(K key, V value) {
        return timed ? new Version.Timed<>(key, value, 0, 0) : new Version<>(key, value);
    }

    boolean isTimed() {
        return timed;
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
     * version, so the cost is O(chain + kept versions x log open snapshots). Returns how many versions it released.
     *
     * <p>Safe against snapshots opening meanwhile because of the order of its reads (ARCHITECTURE.md, "Reclaiming old
     * versions"): the head's stamp first, then whether a snapshot is registering, then the registry. A snapshot whose
     * read point is below the head's stamp read the sequence before that stamp was drawn, so it had announced itself
     * before this reclaimer looks: it is either still registering, and the key is left for a later drain, or in the
     * registry. A snapshot not seen either way has a read point at or above the head's stamp and needs nothing older.
     * So whether a snapshot is opening must be read here, after the stamp, never passed in from an earlier moment.
     */
    private int reclaim(K key, Version<K, V> head) {
        long releases = snapshots.releases();
        long headStamp = head.stamp(sequence);
        if (snapshots.isOpening()) {
            return keepForLater(key, releases, head);
        }
        // a write is when a forgotten snapshot gets noticed: it must not hold versions back past the maximum age
        snapshots.expireTooOld();
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
        if (head.prev() != null || (head.isTombstone() && !head.isReleased())) {
            releasedHere += keepForLater(key, releases, head);
        }
        return releasedHere;
    }

    /**
     * Leaves a key whose history could not all go for the drain. A snapshot released since this reclamation looked
     * at the registry may have drained before the key was added, so in that case look again now.
     */
    private int keepForLater(K key, long releasesSeen, Version<K, V> head) {
        if (keysWithHistory.add(key)) {
            drainQueue.offer(key);
        }
        drainNeeded = true;
        if (snapshots.releases() != releasesSeen && heads.get(key) == head) {
            forget(key);
            return reclaim(key, head);
        }
        return 0;
    }

    /**
     * Reclaims, for keys that still hold history, what the open snapshots allow. Runs when a snapshot is released; one
     * thread drains at a time, and a request that arrives meanwhile makes it go round once more.
     *
     * <p>While other snapshots stay open a release drains at most {@link #DRAIN_SLICE} keys, resuming where the last
     * one stopped; the release that leaves no snapshot open drains every key. So releasing N snapshots over K keys
     * with history costs O(N x (log N + slice) + K), not O(N x K), and once none is open no history is left. Writes
     * reclaim their own keys meanwhile.
     */
    void drain() {
        drainRequested = true;
        while (drainRequested && draining.compareAndSet(false, true)) {
            try {
                drainRequested = false;
                long horizon = snapshots.horizon();
                if (snapshots.isEmpty()) {
                    // the horizon may not have moved since the last partial drain: what it left must go now
                    lastDrainHorizon = horizon;
                    drainNeeded = false;
                    drainKeys(drainQueue.size()); // counted once: keys that come back meanwhile wait
                } else if (horizon != lastDrainHorizon || drainNeeded) {
                    lastDrainHorizon = horizon;
                    drainNeeded = false;
                    drainKeys(DRAIN_SLICE);
                }
            } finally {
                draining.set(false);
            }
        }
    }

    /**
     * Reclaims up to {@code budget} keys, oldest in the queue first. A key that still holds history goes back to the
     * end of the queue (through {@link #keepForLater}), so one drain never visits a key twice before the others.
     */
    private void drainKeys(int budget) {
        for (int visited = 0; visited < budget; visited++) {
            K key = drainQueue.poll();
            if (key == null) {
                return;
            }
            drainedKeys++;
            forget(key);
            Version<K, V> head = heads.get(key);
            if (head != null) {
                int released = reclaim(key, head);
                if (released != 0) {
                    versions.add(-released);
                }
            }
        }
        if (!drainQueue.isEmpty()) {
            drainNeeded = true; // the next release goes on, even if it does not move the horizon
        }
    }

    /**
     * Takes a key off the set before reclaiming it: a writer that keeps history for it from now on adds it again, and
     * a reclamation that must keep some does too.
     */
    private void forget(K key) {
        keysWithHistory.remove(key);
    }

    /** How many keys drains have visited so far; for tests of the cost of releases. Read by the draining thread. */
    long drainedKeys() {
        return drainedKeys;
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
        drainQueue.clear();
        versions.reset();
        documents.reset();
    }
}
