package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.docstore.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Forgotten snapshots must not pin memory without bound: the garbage collector or the maximum snapshot age releases
 * them, and the versions they held are reclaimed.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class SnapshotMemoryTest {
    private static final int KEYS = 100;
    /**
     * Releasing 10,000 forgotten snapshots takes about 15 s on an idle 2-core machine (each release of the oldest
     * re-examines every key that holds history); a loaded machine needs several times that.
     */
    private static final Duration GC_TIMEOUT = Duration.ofSeconds(300);

    private final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");

    private DocumentStore<Integer, Map<String, Object>> storeWithKeys() {
        DocumentStore<Integer, Map<String, Object>> store = DocumentStore.<Integer, Map<String, Object>>builder()
                .clock(clock).build();
        for (int key = 0; key < KEYS; key++) {
            store.put(key, document(key, 0));
        }
        return store;
    }

    private static Map<String, Object> document(int key, int round) {
        return Map.of("key", key, "round", round);
    }

    @Test
    void aReleasedVersionNamesItselfAsSuccessorSoDeadVersionsFormNoChain() {
        DocumentStore<Integer, Map<String, Object>> store = storeWithKeys();
        Version<Integer, Map<String, Object>> first = (Version<Integer, Map<String, Object>>) store.get(0);
        store.put(0, document(0, 1));
        Version<Integer, Map<String, Object>> second = (Version<Integer, Map<String, Object>>) store.get(0);
        try (Snapshot<Integer, Map<String, Object>> holding = store.snapshot()) {
            store.put(0, document(0, 2));
            // the snapshot still sees the second version: it stays linked to the version that replaced it
            assertThat(second.isReleased()).isFalse();
            assertThat(second.successor()).isSameAs(store.get(0));
            assertThat(holding.reader().sees(second)).isTrue();
        }
        assertThat(first.isReleased()).isTrue();
        assertThat(first.successor()).isSameAs(first);
        assertThat(second.isReleased()).isTrue();
        assertThat(second.successor()).isSameAs(second);
        try (Snapshot<Integer, Map<String, Object>> later = store.snapshot()) {
            assertThat(later.reader().sees(first)).isFalse();
            assertThat(later.reader().sees(second)).isFalse();
            assertThat(later.reader().sees(store.get(0))).isTrue();
        }
    }

    @Test
    void tenThousandSnapshotsDroppedWithoutCloseAreReleasedAfterGarbageCollection() {
        DocumentStore<Integer, Map<String, Object>> store = storeWithKeys();
        int snapshots = 10_000;
        for (int i = 1; i <= snapshots; i++) {
            store.snapshot(); // opened and dropped at once: never closed, never referenced
            store.put(i % KEYS, document(i % KEYS, i));
        }
        awaitEverythingReleased(store, "10,000 unreferenced snapshots");
        for (int key = 0; key < KEYS; key++) {
            int lastRound = snapshots - Math.floorMod(snapshots - key, KEYS);
            assertThat(store.value(key)).as("key %d after the run", key).isEqualTo(document(key, lastRound));
        }
        assertThat(store.figures().lastVersion()).isGreaterThanOrEqualTo(KEYS + snapshots);
        store.close();
    }

    /**
     * Releasing N snapshots over K keys with history costs O(N x slice + K) key visits, not O(N x K): each release
     * drains a bounded slice while others stay open, and the last release drains what is left. Bounded by counts.
     */
    @Test
    void releasingTenThousandSnapshotsOverTenThousandKeysWithHistoryVisitsEachKeyABoundedNumberOfTimes() {
        int keys = 10_000;
        int snapshots = 10_000;
        DocumentStore<Integer, Integer> store = DocumentStore.create();
        for (int key = 0; key < keys; key++) {
            store.put(key, 0);
        }
        List<Snapshot<Integer, Integer>> open = new ArrayList<>();
        for (int i = 0; i < snapshots; i++) {
            open.add(store.snapshot());
        }
        for (int key = 0; key < keys; key++) {
            store.put(key, 1); // every snapshot still sees 0: every key holds history
        }
        assertThat(store.figures().keysWithHistory()).isEqualTo(keys);
        long before = store.drainedKeys();

        for (Snapshot<Integer, Integer> snapshot : open) {
            snapshot.close();
        }

        long visited = store.drainedKeys() - before;
        StoreFigures figures = store.figures();
        assertThat(figures.retainedVersions()).as("retained once all are closed: %s", figures).isZero();
        assertThat(figures.keysWithHistory()).isZero();
        assertThat(visited).as("keys visited by %d releases over %d keys", snapshots, keys)
                .isLessThanOrEqualTo((long) snapshots * VersionTable.DRAIN_SLICE + keys);
        store.close();
    }

    @Test
    void aForgottenSnapshotHeldStronglyExpiresAfterTheMaximumAgeWhenTheStoreIsWritten() {
        DocumentStore<Integer, Map<String, Object>> store = DocumentStore.<Integer, Map<String, Object>>builder()
                .clock(clock).maxSnapshotAge(Duration.ofMinutes(1)).build();
        for (int key = 0; key < 10; key++) {
            store.put(key, document(key, 0));
        }
        Snapshot<Integer, Map<String, Object>> forgotten = store.snapshot();
        for (int key = 0; key < 10; key++) {
            store.put(key, document(key, 1));
        }
        store.remove(0);
        // the snapshot can read every round-0 version, and the deletion of key 0
        assertThat(store.figures().versions()).isGreaterThanOrEqualTo(9 + 10);
        assertThat(store.figures().retainedVersions()).isGreaterThanOrEqualTo(10);
        assertThat(forgotten.get(3).value()).isEqualTo(document(3, 0));
        assertThat(forgotten.count()).isEqualTo(10);

        clock.advance(Duration.ofMinutes(1)); // exactly the maximum age: not yet older than it
        Snapshot<Integer, Map<String, Object>> young = store.snapshot();
        store.put(5, document(5, 2));
        assertThat(store.figures().openSnapshots()).isEqualTo(2);
        assertThat(forgotten.isOpen()).isTrue();
        assertThat(forgotten.get(5).value()).isEqualTo(document(5, 0));

        clock.advance(Duration.ofMillis(1)); // now older than the maximum age; a write lets the store notice
        store.put(6, document(6, 2));

        StoreFigures figures = store.figures();
        assertThat(figures.openSnapshots()).as("open snapshots: " + figures).isEqualTo(1);
        // only what the young snapshot can still read is held: the round-1 versions of keys 5 and 6
        assertThat(figures.documents()).isEqualTo(9);
        assertThat(figures.retainedVersions()).as("retained versions: " + figures).isEqualTo(2);
        assertThat(forgotten.isOpen()).isFalse();
        assertThatThrownBy(() -> forgotten.get(3)).isInstanceOf(SnapshotExpiredException.class);
        assertThatThrownBy(() -> forgotten.containsKey(3)).isInstanceOf(SnapshotExpiredException.class);
        assertThatThrownBy(forgotten::count).isInstanceOf(SnapshotExpiredException.class);
        assertThatThrownBy(forgotten::stream).isInstanceOf(SnapshotExpiredException.class);
        assertThatThrownBy(forgotten::cursor).isInstanceOf(SnapshotExpiredException.class);
        forgotten.close(); // closing an expired snapshot is harmless, and it stays expired
        assertThatThrownBy(() -> forgotten.get(3)).isInstanceOf(SnapshotExpiredException.class);

        // the young snapshot is untouched by the expiry of the old one
        assertThat(young.isOpen()).isTrue();
        assertThat(young.get(0)).isNull();
        assertThat(young.get(5).value()).isEqualTo(document(5, 1));
        assertThat(young.get(6).value()).isEqualTo(document(6, 1));
        assertThat(young.count()).isEqualTo(9);
        young.close();

        figures = store.figures();
        assertThat(figures.openSnapshots()).isZero();
        assertThat(figures.retainedVersions()).as("retained versions: " + figures).isZero();
        assertThat(figures.keysWithHistory()).isZero();
        assertThat(store.value(5)).isEqualTo(document(5, 2));
        store.close();
    }

    @Test
    void aForgottenSnapshotExpiresOnItsOwnNextUseAndReleasesWhatItHeld() {
        DocumentStore<Integer, Map<String, Object>> store = DocumentStore.<Integer, Map<String, Object>>builder()
                .clock(clock).maxSnapshotAge(Duration.ofSeconds(30)).build();
        store.put(1, document(1, 0));
        Snapshot<Integer, Map<String, Object>> forgotten = store.snapshot();
        store.put(1, document(1, 1));
        store.put(2, document(2, 1));
        store.remove(2);
        assertThat(store.figures().retainedVersions()).isPositive();

        clock.advance(Duration.ofSeconds(30).plusMillis(1));
        assertThatThrownBy(() -> forgotten.get(1)).isInstanceOf(SnapshotExpiredException.class)
                .hasMessageContaining("PT30S");
        StoreFigures figures = store.figures();
        assertThat(figures.openSnapshots()).isZero();
        assertThat(figures.retainedVersions()).as("retained versions: " + figures).isZero();
        assertThat(figures.versions()).isEqualTo(1);
        assertThat(forgotten.isOpen()).isFalse();
        store.close();
    }

    @Test
    void storeStreamsLeftUnclosedAreReleasedAfterGarbageCollection() {
        DocumentStore<Integer, Map<String, Object>> store = storeWithKeys();
        for (int i = 1; i <= 2_000; i++) {
            Stream<Entry<Integer, Map<String, Object>>> stream = store.stream();
            switch (i % 3) {
                case 0:
                    Iterator<Entry<Integer, Map<String, Object>>> iterator = stream.iterator();
                    assertThat(iterator.next()).isNotNull(); // partly read, then dropped
                    break;
                case 1:
                    assertThat(stream.limit(5).count()).isEqualTo(5); // a terminal operation does not close it
                    break;
                default:
                    break; // never read at all
            }
            store.put(i % KEYS, document(i % KEYS, i));
        }
        awaitEverythingReleased(store, "2,000 unclosed store streams");
        store.close();
    }

    @Test
    void storeCursorsLeftUnclosedAreReleasedAfterGarbageCollection() {
        DocumentStore<Integer, Map<String, Object>> store = storeWithKeys();
        for (int i = 1; i <= 2_000; i++) {
            Cursor<Integer, Map<String, Object>> cursor = store.cursor();
            if (i % 2 == 0) {
                assertThat(cursor.next()).isNotNull();
            }
            if (i % 3 == 0) {
                Cursor<Integer, Map<String, Object>> copy = cursor.copy();
                cursor.close(); // the copy still owns the snapshot, and is dropped unclosed
                assertThat(copy.count()).isEqualTo(KEYS);
            }
            store.put(i % KEYS, document(i % KEYS, i));
        }
        awaitEverythingReleased(store, "2,000 unclosed store cursors");
        store.close();
    }

    /**
     * A snapshot released while a writer is between installing its version and reclaiming: the writer read the
     * horizon while the snapshot was still registered, the release's drain ran before the writer registered its key as
     * holding history, and nothing reclaims that key afterwards. The clock gives the test its moment: the writer reads
     * it (to check snapshot ages) after its new version is visible and before its put returns.
     */
    @Test
    void aSnapshotReleasedWhileAWriterReclaimsLeavesNoHistoryBehind() throws Exception {
        InterleavingClock interleaving = new InterleavingClock(clock);
        DocumentStore<Integer, Map<String, Object>> store = DocumentStore.<Integer, Map<String, Object>>builder()
                .clock(interleaving).build();
        store.put(1, document(1, 0));
        Snapshot<Integer, Map<String, Object>> snapshot = store.snapshot();
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            interleaving.onceOnThisThreadWhen(() -> store.get(1).value().equals(document(1, 1)), () -> {
                // another thread closes the snapshot, and its release finishes, while this put is still under way
                CompletableFuture.runAsync(snapshot::close, other).get(60, TimeUnit.SECONDS);
            });
            store.put(1, document(1, 1));
        } finally {
            other.shutdownNow();
            assertThat(other.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(interleaving.fired()).as("the interleaving happened").isTrue();
        assertThat(snapshot.isOpen()).isFalse();

        // Every snapshot is closed and every call returned. Another release, for good measure.
        store.snapshot().close();

        StoreFigures figures = store.figures();
        assertThat(figures.openSnapshots()).isZero();
        assertThat(figures.documents()).isEqualTo(1);
        assertThat(figures.retainedVersions())
                .as("versions held for no snapshot after the release raced with a write: %s", figures)
                .isZero();
        store.close();
    }

    /**
     * A removal whose write expires an old snapshot: the release drains the key (removing its tombstone), and then the
     * write's own reclaim, finding its tombstone gone from the map, files the key again as holding history. The store
     * is quiet and holds nothing, so its figures must say so.
     */
    @Test
    void anExpiryDuringARemovalLeavesNoKeyWaitingForHistory() {
        DocumentStore<Integer, Map<String, Object>> store = DocumentStore.<Integer, Map<String, Object>>builder()
                .clock(clock).maxSnapshotAge(Duration.ofMinutes(1)).build();
        store.put(1, document(1, 0));
        Snapshot<Integer, Map<String, Object>> old = store.snapshot();
        store.put(1, document(1, 1)); // the snapshot holds round 0 of key 1
        assertThat(store.figures().keysWithHistory()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(2));
        assertThat(store.remove(1).value()).isEqualTo(document(1, 1)); // this write expires the old snapshot
        assertThat(old.isOpen()).isFalse();
        store.snapshot().close(); // and a release, for good measure

        StoreFigures figures = store.figures();
        assertThat(figures.openSnapshots()).isZero();
        assertThat(figures.documents()).isZero();
        assertThat(figures.versions()).as("versions: %s", figures).isZero();
        assertThat(figures.keysWithHistory()).as("keys waiting for snapshots, with none open: %s", figures).isZero();
        store.close();
    }

    private static void awaitEverythingReleased(DocumentStore<?, ?> store, String what) {
        AtomicReference<StoreFigures> last = new AtomicReference<>();
        AtomicInteger polls = new AtomicInteger();
        await(what + " released").atMost(GC_TIMEOUT).pollInterval(Duration.ofMillis(50)).untilAsserted(() -> {
            // one collection finds every dropped snapshot; collecting on every poll (a full, stop-the-world GC
            // each time) starved the Cleaner thread that releases them, and the test timed out on a loaded machine
            if (polls.getAndIncrement() % 20 == 0) {
                System.gc();
            }
            StoreFigures figures = store.figures();
            last.set(figures);
            assertThat(figures.openSnapshots()).as("open snapshots: %s", figures).isZero();
            assertThat(figures.versions()).as("versions held: %s", figures).isEqualTo(figures.documents());
        });
        assertThat(last.get().retainedVersions()).isZero();
        assertThat(store.figures().keysWithHistory()).as("keys with history").isZero();
    }

    /** Runs an action once, on the thread that armed it, when that thread reads it and a condition holds. */
    private static final class InterleavingClock extends Clock {
        /** An action that may throw; failures are rethrown from the clock read as AssertionErrors. */
        interface Action {
            void run() throws Exception;
        }

        private final Clock time;
        private final AtomicInteger state = new AtomicInteger(); // 0 idle, 1 armed, 2 fired
        private volatile Thread armedThread;
        private volatile BooleanSupplier condition;
        private volatile Action action;

        InterleavingClock(Clock time) {
            this.time = time;
        }

        void onceOnThisThreadWhen(BooleanSupplier when, Action then) {
            condition = when;
            action = then;
            armedThread = Thread.currentThread();
            state.set(1);
        }

        boolean fired() {
            return state.get() == 2;
        }

        @Override
        public long millis() {
            if (Thread.currentThread() == armedThread && state.get() == 1 && condition.getAsBoolean()
                    && state.compareAndSet(1, 2)) {
                try {
                    action.run();
                } catch (Exception e) {
                    throw new AssertionError("the interleaved action failed", e);
                }
            }
            return time.millis();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis());
        }

        @Override
        public ZoneId getZone() {
            return time.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a test clock has one zone");
        }
    }
}
