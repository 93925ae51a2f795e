package dev.docstore.engine;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.docstore.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Point-in-time views: what a snapshot sees, how it ends (close, expiry, store close) and what it holds back. */
class SnapshotTest {
    private static final Duration MAX_AGE = Duration.ofMinutes(1);

    private final MutableClock clock = MutableClock.startingAt("2024-05-01T10:00:00Z");
    private final DocumentStore<String, Map<String, Object>> store =
            DocumentStore.<String, Map<String, Object>>builder().clock(clock).maxSnapshotAge(MAX_AGE).build();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Map<String, Object> doc(String key, int n) {
        return Map.of("id", key, "n", n);
    }

    private static Map<String, Entry<String, Map<String, Object>>> byKey(Stream<Entry<String, Map<String, Object>>> s) {
        return s.collect(toMap(Entry::key, Function.identity()));
    }

    @Test
    void seesWritesCompletedBeforeItAndNoneAfter() {
        Entry<String, Map<String, Object>> a = store.put("a", doc("a", 1));
        Entry<String, Map<String, Object>> b = store.put("b", doc("b", 1));
        Entry<String, Map<String, Object>> c = store.put("c", doc("c", 1));

        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            store.put("a", doc("a", 2));
            store.replace("c", doc("c", 2));
            store.remove("b");
            store.put("d", doc("d", 1));

            assertThat(snapshot.get("a")).isSameAs(a);
            assertThat(snapshot.get("b")).isSameAs(b);
            assertThat(snapshot.get("c")).isSameAs(c);
            assertThat(snapshot.get("d")).isNull();
            assertThat(snapshot.containsKey("d")).isFalse();
            assertThat(snapshot.count()).isEqualTo(3);
            assertThat(byKey(snapshot.stream())).containsOnly(
                    Map.entry("a", a), Map.entry("b", b), Map.entry("c", c));
        }
    }

    @Test
    void theLiveStoreMovesOnWhileTheSnapshotStandsStill() {
        store.put("a", doc("a", 1));

        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            Entry<String, Map<String, Object>> newer = store.put("a", doc("a", 2));

            assertThat(store.get("a")).isSameAs(newer);
            assertThat(snapshot.get("a").value()).isEqualTo(doc("a", 1));
        }
    }

    @Test
    void aKeyRemovedBeforeTheSnapshotStaysAbsentWhenWrittenAgainAfterIt() {
        store.put("a", doc("a", 1));
        store.remove("a");

        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            Entry<String, Map<String, Object>> reinserted = store.put("a", doc("a", 2));

            assertThat(snapshot.get("a")).isNull();
            assertThat(snapshot.containsKey("a")).isFalse();
            assertThat(snapshot.count()).isZero();
            assertThat(snapshot.stream()).isEmpty();
            try (Snapshot<String, Map<String, Object>> later = store.snapshot()) {
                assertThat(later.get("a")).isSameAs(reinserted);
            }
        }
    }

    @Test
    void aKeyRemovedAndWrittenAgainAfterTheSnapshotReadsAsItWas() {
        Entry<String, Map<String, Object>> original = store.put("a", doc("a", 1));

        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            store.remove("a");
            store.put("a", doc("a", 2));
            store.remove("a");
            store.put("a", doc("a", 3));

            assertThat(snapshot.get("a")).isSameAs(original);
            assertThat(snapshot.count()).isEqualTo(1);
        }
    }

    @Test
    void getContainsKeyCountAndStreamAgree() {
        for (int i = 0; i < 10; i++) {
            store.put("k" + i, doc("k" + i, i));
        }
        store.remove("k3");
        store.put("k4", doc("k4", 40));

        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            store.remove("k5");
            store.put("k3", doc("k3", 30));
            store.put("k10", doc("k10", 10));

            Map<String, Entry<String, Map<String, Object>>> streamed = byKey(snapshot.stream());
            assertThat(snapshot.count()).isEqualTo(streamed.size());
            for (int i = 0; i <= 10; i++) {
                String key = "k" + i;
                assertThat(snapshot.get(key)).as(key).isSameAs(streamed.get(key));
                assertThat(snapshot.containsKey(key)).as(key).isEqualTo(streamed.containsKey(key));
            }
            assertThat(streamed).doesNotContainKeys("k3", "k10").containsKeys("k4", "k5");
        }
    }

    @Test
    void theReadPointIsTheLastVersionWhenOpenedAndBoundsWhatItSees() {
        store.put("a", doc("a", 1));
        long last = store.put("b", doc("b", 1)).version();

        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            store.put("a", doc("a", 2));

            assertThat(snapshot.readPoint()).isEqualTo(last);
            assertThat(snapshot.stream()).allSatisfy(entry ->
                    assertThat(entry.version()).isLessThanOrEqualTo(snapshot.readPoint()));
        }
    }

    @Test
    void aSnapshotStreamReadsLazilySoItFailsOnceItsSnapshotIsClosed() {
        for (int i = 0; i < 3; i++) {
            store.put("k" + i, doc("k" + i, i));
        }
        Snapshot<String, Map<String, Object>> snapshot = store.snapshot();
        Stream<Entry<String, Map<String, Object>>> unread = snapshot.stream();
        Iterator<Entry<String, Map<String, Object>>> reading = snapshot.stream().iterator();
        Entry<String, Map<String, Object>> first = reading.next();

        snapshot.close();

        assertThat(first.key()).startsWith("k");
        assertThatThrownBy(unread::count).isInstanceOf(SnapshotClosedException.class);
        assertThatThrownBy(reading::next).isInstanceOf(SnapshotClosedException.class);
    }

    @Test
    void aStoreStreamIsAPointInTimeViewTakenWhenItIsCreated() {
        Entry<String, Map<String, Object>> a = store.put("a", doc("a", 1));

        try (Stream<Entry<String, Map<String, Object>>> stream = store.stream()) {
            store.put("a", doc("a", 2));
            store.put("b", doc("b", 1));

            assertThat(stream).containsExactly(a);
        }
    }

    @Test
    void closingAStoreStreamClosesItsSnapshot() {
        store.put("a", doc("a", 1));

        try (Stream<Entry<String, Map<String, Object>>> stream = store.stream()) {
            assertThat(store.figures().openSnapshots()).isEqualTo(1);
            assertThat(stream.count()).isEqualTo(1);
        }

        assertThat(store.figures().openSnapshots()).isZero();
    }

    @Test
    void closingAStoreStreamReleasesTheVersionsItHeld() {
        store.put("a", doc("a", 1));
        try (Stream<Entry<String, Map<String, Object>>> stream = store.stream()) {
            store.put("a", doc("a", 2));
            assertThat(store.figures().retainedVersions()).isEqualTo(1);
            assertThat(stream.map(entry -> entry.value().get("n"))).containsExactly(1);
        }

        assertThat(store.figures().retainedVersions()).isZero();
    }

    private static List<ThrowingCallable> everyRead(Snapshot<String, Map<String, Object>> snapshot) {
        return List.of(
                () -> snapshot.get("a"),
                () -> snapshot.get(null),
                () -> snapshot.containsKey("a"),
                snapshot::count,
                snapshot::stream,
                () -> snapshot.stream().count(),
                snapshot::cursor);
    }

    @Test
    void everyReadOfAClosedSnapshotFails() {
        store.put("a", doc("a", 1));
        Snapshot<String, Map<String, Object>> snapshot = store.snapshot();

        snapshot.close();

        assertThat(snapshot.isOpen()).isFalse();
        assertThat(store.figures().openSnapshots()).isZero();
        assertThat(everyRead(snapshot)).allSatisfy(read -> assertThatThrownBy(read)
                .isExactlyInstanceOf(SnapshotClosedException.class));
        assertThatCode(snapshot::close).as("closing again").doesNotThrowAnyException();
    }

    @Test
    void aSnapshotOpenLongerThanTheMaximumAgeExpires() {
        store.put("a", doc("a", 1));
        Snapshot<String, Map<String, Object>> snapshot = store.snapshot();
        clock.advance(MAX_AGE.plusMillis(1));

        assertThatThrownBy(() -> snapshot.get("a"))
                .isInstanceOf(SnapshotExpiredException.class)
                .isInstanceOf(SnapshotClosedException.class)
                .hasMessageContaining(MAX_AGE.toString());
        assertThat(store.figures().openSnapshots()).isZero();
        assertThat(snapshot.isOpen()).isFalse();
        assertThat(everyRead(snapshot)).allSatisfy(read -> assertThatThrownBy(read)
                .isInstanceOf(SnapshotExpiredException.class));
    }

    /** {@link Snapshot#isOpen()}: "whether the snapshot can still be read"; past the maximum age no read succeeds. */
    @Test
    void aSnapshotPastTheMaximumAgeDoesNotClaimToBeOpen() {
        store.put("a", doc("a", 1));
        Snapshot<String, Map<String, Object>> snapshot = store.snapshot();
        clock.advance(MAX_AGE.plusMillis(1));

        boolean claimsOpen = snapshot.isOpen();

        assertThatThrownBy(() -> snapshot.get("a")).isInstanceOf(SnapshotExpiredException.class);
        assertThat(claimsOpen).as("isOpen() before the first read of an expired snapshot").isFalse();
    }

    @Test
    void aSnapshotExactlyTheMaximumAgeOldIsStillOpen() {
        Entry<String, Map<String, Object>> a = store.put("a", doc("a", 1));
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            clock.advance(MAX_AGE);

            assertThat(snapshot.get("a")).isSameAs(a);
            assertThat(snapshot.isOpen()).isTrue();
        }
    }

    @Test
    void aWriteExpiresATooOldSnapshotAndReleasesWhatItHeld() {
        store.put("a", doc("a", 1));
        Snapshot<String, Map<String, Object>> forgotten = store.snapshot();
        store.put("a", doc("a", 2));
        assertThat(store.figures().retainedVersions()).isEqualTo(1);
        clock.advance(MAX_AGE.plusMillis(1));

        store.put("b", doc("b", 1));

        assertThat(store.figures().openSnapshots()).isZero();
        assertThat(store.figures().retainedVersions()).isZero();
        assertThatThrownBy(() -> forgotten.get("a")).isInstanceOf(SnapshotExpiredException.class);
    }

    @Test
    void closingTheStoreEndsEverySnapshot() {
        store.put("a", doc("a", 1));
        Snapshot<String, Map<String, Object>> snapshot = store.snapshot();

        store.close();

        assertThat(snapshot.isOpen()).isFalse();
        assertThat(everyRead(snapshot)).allSatisfy(read -> assertThatThrownBy(read)
                .isInstanceOf(StoreClosedException.class));
        assertThatCode(snapshot::close).doesNotThrowAnyException();
    }

    /**
     * {@link DocumentStore#close()}: "so does the next use of any snapshot, stream or cursor still open". A stream
     * taken before the close must not quietly report an empty store when it is read after it.
     */
    @Test
    void aStreamTakenBeforeTheStoreClosedFailsWhenReadAfter() {
        store.put("a", doc("a", 1));
        Stream<Entry<String, Map<String, Object>>> stream = store.stream();

        store.close();

        List<Entry<String, Map<String, Object>>> read = new ArrayList<>();
        Throwable thrown = catchThrowable(() -> read.addAll(stream.toList()));
        assertThat(thrown).as("reading the stream after close (it returned %s)", read)
                .isInstanceOf(StoreClosedException.class);
        assertThatCode(stream::close).doesNotThrowAnyException();
    }

    @Test
    void writesUnderASnapshotRetainOldVersionsUntilItCloses() {
        List<String> overwritten = List.of("a", "b", "c");
        List<String> removed = List.of("d", "e");
        List<String> untouched = List.of("f");
        Stream.of(overwritten, removed, untouched).flatMap(List::stream).forEach(key -> store.put(key, doc(key, 1)));

        Snapshot<String, Map<String, Object>> snapshot = store.snapshot();
        overwritten.forEach(key -> store.put(key, doc(key, 2)));
        removed.forEach(store::remove);

        StoreFigures held = store.figures();
        // an overwritten key keeps its old version; a removed one keeps its old version and the deletion
        assertThat(held.retainedVersions()).isPositive().isEqualTo(overwritten.size() + 2L * removed.size());
        assertThat(held.keysWithHistory()).isEqualTo(overwritten.size() + removed.size());
        assertThat(held.documents()).isEqualTo(overwritten.size() + untouched.size());

        snapshot.close();

        StoreFigures released = store.figures();
        assertThat(released.retainedVersions()).isZero();
        assertThat(released.keysWithHistory()).isZero();
        assertThat(released.versions()).isEqualTo(released.documents()).isEqualTo(held.documents());
    }

    @Test
    void anOlderSnapshotKeepsItsVersionsWhenANewerOneCloses() {
        Entry<String, Map<String, Object>> first = store.put("a", doc("a", 1));
        try (Snapshot<String, Map<String, Object>> older = store.snapshot()) {
            Entry<String, Map<String, Object>> second = store.put("a", doc("a", 2));
            try (Snapshot<String, Map<String, Object>> newer = store.snapshot()) {
                store.put("a", doc("a", 3));
                assertThat(newer.get("a")).isSameAs(second);
            }

            assertThat(older.get("a")).isSameAs(first);
            assertThat(store.figures().retainedVersions()).isPositive();
        }

        assertThat(store.figures().retainedVersions()).isZero();
    }

    @Test
    void concurrentSnapshotsNeverSeeHalfOfASequenceOfWrites() throws Exception {
        int keys = 100;
        int rounds = 40;
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writing = writer.submit(() -> {
                for (int round = 1; round <= rounds; round++) {
                    for (int i = 0; i < keys; i++) {
                        store.put("k" + i, doc("k" + i, round));
                    }
                }
            });
            int snapshotsChecked = 0;
            do {
                assertRoundsAreAPointInTime(keys);
                snapshotsChecked++;
            } while (!writing.isDone());
            writing.get();

            assertThat(snapshotsChecked).isPositive();
            assertThat(assertRoundsAreAPointInTime(keys)).containsOnly(rounds);
        } finally {
            writer.shutdownNow();
        }
    }

    /**
     * The writer writes round 1 to keys k0..kN in order, then round 2, and so on, each write completing before the
     * next starts. A point-in-time view therefore sees rounds that never increase along the keys and differ by at
     * most one. Returns the rounds seen, 0 for a key not yet written.
     */
    private List<Integer> assertRoundsAreAPointInTime(int keys) {
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            List<Integer> rounds = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                Entry<String, Map<String, Object>> entry = snapshot.get("k" + i);
                rounds.add(entry == null ? 0 : (Integer) entry.value().get("n"));
                if (entry != null) {
                    assertThat(entry.key()).isEqualTo(entry.value().get("id"));
                    assertThat(entry.version()).isLessThanOrEqualTo(snapshot.readPoint());
                }
            }
            assertThat(rounds).as("rounds seen along the keys").isSortedAccordingTo((x, y) -> Integer.compare(y, x));
            assertThat(rounds.get(0) - rounds.get(keys - 1)).as("spread of rounds").isBetween(0, 1);
            assertThat(snapshot.count()).isEqualTo(rounds.stream().filter(round -> round > 0).count());
            return rounds;
        }
    }
}
