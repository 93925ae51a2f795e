package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cursor navigation (a cursor stands on an entry), copies, ownership of the snapshot, and point-in-time reads. */
class CursorTest {
    private static final Duration MAX_AGE = Duration.ofMinutes(1);
    private static final int KEYS = 5;

    private final MutableClock clock = MutableClock.startingAt("2024-05-01T10:00:00Z");
    private final DocumentStore<String, Map<String, Object>> store =
            DocumentStore.<String, Map<String, Object>>builder().clock(clock).maxSnapshotAge(MAX_AGE).build();
    /** What the test wrote before opening any cursor, by key. */
    private final Map<String, Entry<String, Map<String, Object>>> written = new LinkedHashMap<>();

    @BeforeEach
    void writeDocuments() {
        for (int i = 0; i < KEYS; i++) {
            String key = "k" + i;
            written.put(key, store.put(key, doc(key, i)));
        }
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Map<String, Object> doc(String key, int n) {
        return Map.of("id", key, "n", n);
    }

    /** Every entry of {@code cursor} from where it stands to the end. */
    private static List<Entry<String, Map<String, Object>>> rest(Cursor<String, Map<String, Object>> cursor) {
        List<Entry<String, Map<String, Object>>> entries = new ArrayList<>();
        while (cursor.hasNext()) {
            entries.add(cursor.next());
        }
        return entries;
    }

    @Test
    void aNewCursorStandsBeforeTheFirstEntry() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            assertThat(cursor.position()).isEqualTo(-1);
            assertThat(cursor.hasPrevious()).isFalse();
            assertThat(cursor.hasNext()).isTrue();
            assertThat(cursor.count()).isEqualTo(written.size());
            assertThatThrownBy(cursor::current).isInstanceOf(NoSuchElementException.class);
        }
    }

    @Test
    void nextNextPreviousReturnsTheFirstTheSecondThenTheFirstAgain() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            Entry<String, Map<String, Object>> first = cursor.next();
            Entry<String, Map<String, Object>> second = cursor.next();
            Entry<String, Map<String, Object>> back = cursor.previous();

            assertThat(second).isNotSameAs(first);
            assertThat(back).isSameAs(first);
            assertThat(cursor.position()).isZero();
            assertThat(cursor.current()).isSameAs(first);
        }
    }

    @Test
    void walkingForwardVisitsEveryEntryOnceThenWalkingBackRetracesIt() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            List<Entry<String, Map<String, Object>>> forward = rest(cursor);
            List<Entry<String, Map<String, Object>>> backward = new ArrayList<>(List.of(cursor.current()));
            while (cursor.hasPrevious()) {
                backward.add(cursor.previous());
            }

            assertThat(forward).containsExactlyInAnyOrderElementsOf(written.values());
            Collections.reverse(backward);
            assertThat(backward).containsExactlyElementsOf(forward);
            assertThat(cursor.position()).isZero();
        }
    }

    @Test
    void previousOnTheFirstEntryThrowsAndStaysThere() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            Entry<String, Map<String, Object>> first = cursor.next();

            assertThatThrownBy(cursor::previous).isInstanceOf(NoSuchElementException.class);

            assertThat(cursor.position()).isZero();
            assertThat(cursor.current()).isSameAs(first);
        }
    }

    @Test
    void previousBeforeTheFirstEntryThrowsAndStaysThere() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            assertThatThrownBy(cursor::previous).isInstanceOf(NoSuchElementException.class);

            assertThat(cursor.position()).isEqualTo(-1);
        }
    }

    @Test
    void nextOnTheLastEntryThrowsAndStaysThere() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            Entry<String, Map<String, Object>> last = cursor.advance(cursor.count());

            assertThat(cursor.hasNext()).isFalse();
            assertThatThrownBy(cursor::next).isInstanceOf(NoSuchElementException.class);

            assertThat(cursor.position()).isEqualTo(cursor.count() - 1);
            assertThat(cursor.current()).isSameAs(last);
        }
    }

    @Test
    void advanceMovesForwardAndBackBySteps() {
        try (Cursor<String, Map<String, Object>> walker = store.cursor();
             Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            List<Entry<String, Map<String, Object>>> order = rest(walker);

            assertThat(cursor.advance(3)).isSameAs(order.get(2));
            assertThat(cursor.advance(-2)).isSameAs(order.get(0));
            assertThat(cursor.advance(0)).isSameAs(order.get(0));
            assertThat(cursor.advance(order.size() - 1)).isSameAs(order.get(order.size() - 1));
            assertThat(cursor.position()).isEqualTo(order.size() - 1);
        }
    }

    @Test
    void advanceOutOfRangeThrowsAndStaysThere() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            Entry<String, Map<String, Object>> second = cursor.advance(2);

            assertThatThrownBy(() -> cursor.advance(cursor.count())).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> cursor.advance(-2)).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(() -> cursor.advance(Integer.MAX_VALUE)).isInstanceOf(NoSuchElementException.class);

            assertThat(cursor.position()).isEqualTo(1);
            assertThat(cursor.current()).isSameAs(second);
        }
    }

    @Test
    void resetGoesBackBeforeTheFirstEntry() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            Entry<String, Map<String, Object>> first = cursor.next();
            cursor.advance(2);

            cursor.reset();

            assertThat(cursor.position()).isEqualTo(-1);
            assertThatThrownBy(cursor::current).isInstanceOf(NoSuchElementException.class);
            assertThat(cursor.next()).isSameAs(first);
        }
    }

    @Test
    void aCopyStandsAtTheSamePositionAndMovesIndependently() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            cursor.next();
            Entry<String, Map<String, Object>> second = cursor.next();

            try (Cursor<String, Map<String, Object>> copy = cursor.copy()) {
                assertThat(copy.position()).isEqualTo(1);
                assertThat(copy.current()).isSameAs(second);

                Entry<String, Map<String, Object>> third = copy.next();
                assertThat(cursor.current()).isSameAs(second);
                Entry<String, Map<String, Object>> first = cursor.previous();
                assertThat(copy.current()).isSameAs(third);

                cursor.reset();
                copy.reset();
                assertThat(rest(copy)).containsExactlyElementsOf(rest(cursor)).startsWith(first, second, third);
            }
        }
    }

    @Test
    void aCopyOfANewCursorStandsBeforeTheFirstEntry() {
        try (Cursor<String, Map<String, Object>> cursor = store.cursor();
             Cursor<String, Map<String, Object>> copy = cursor.copy()) {
            assertThat(copy.position()).isEqualTo(-1);
            assertThat(copy.count()).isEqualTo(cursor.count());
        }
    }

    @Test
    void aStoreCursorClosesItsSnapshotWhenItsLastCopyCloses() {
        Cursor<String, Map<String, Object>> cursor = store.cursor();
        Cursor<String, Map<String, Object>> copy = cursor.copy();
        assertThat(store.figures().openSnapshots()).isEqualTo(1);

        cursor.close();
        cursor.close();

        assertThat(store.figures().openSnapshots()).as("after closing the original twice").isEqualTo(1);
        assertThat(rest(copy)).hasSize(written.size());

        copy.close();

        assertThat(store.figures().openSnapshots()).isZero();
    }

    @Test
    void closingAStoreCursorReleasesTheVersionsItsSnapshotHeld() {
        Cursor<String, Map<String, Object>> cursor = store.cursor();
        store.put("k0", doc("k0", 100));
        assertThat(store.figures().retainedVersions()).isEqualTo(1);

        cursor.close();

        assertThat(store.figures().openSnapshots()).isZero();
        assertThat(store.figures().retainedVersions()).isZero();
    }

    @Test
    void aCursorFromASnapshotLeavesTheSnapshotOpen() {
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            Cursor<String, Map<String, Object>> cursor = snapshot.cursor();
            Cursor<String, Map<String, Object>> copy = cursor.copy();
            cursor.next();

            cursor.close();
            copy.close();

            assertThat(snapshot.isOpen()).isTrue();
            assertThat(snapshot.count()).isEqualTo(written.size());
            assertThat(store.figures().openSnapshots()).isEqualTo(1);
            try (Cursor<String, Map<String, Object>> another = snapshot.cursor()) {
                assertThat(another.count()).isEqualTo(written.size());
            }
        }
    }

    private static List<ThrowingCallable> everyUse(Cursor<String, Map<String, Object>> cursor) {
        return List.of(cursor::next, cursor::previous, cursor::hasNext, cursor::hasPrevious, () -> cursor.advance(1),
                cursor::current, cursor::position, cursor::reset, cursor::count, cursor::copy);
    }

    @Test
    void everyUseOfAClosedCursorFails() {
        Cursor<String, Map<String, Object>> cursor = store.cursor();
        cursor.next();

        cursor.close();

        assertThat(everyUse(cursor)).allSatisfy(use -> assertThatThrownBy(use)
                .isInstanceOf(SnapshotClosedException.class));
        assertThatCode(cursor::close).doesNotThrowAnyException();
    }

    @Test
    void aCursorOverAClosedSnapshotFails() {
        Snapshot<String, Map<String, Object>> snapshot = store.snapshot();
        Cursor<String, Map<String, Object>> fresh = snapshot.cursor();
        Cursor<String, Map<String, Object>> moved = snapshot.cursor();
        moved.next();

        snapshot.close();

        assertThat(everyUse(fresh)).allSatisfy(use -> assertThatThrownBy(use)
                .isInstanceOf(SnapshotClosedException.class));
        assertThat(everyUse(moved)).allSatisfy(use -> assertThatThrownBy(use)
                .isInstanceOf(SnapshotClosedException.class));
    }

    @Test
    void aCursorOlderThanTheMaximumSnapshotAgeExpires() {
        Cursor<String, Map<String, Object>> cursor = store.cursor();
        cursor.next();

        clock.advance(MAX_AGE.plusMillis(1));

        assertThatThrownBy(cursor::next).isInstanceOf(SnapshotExpiredException.class);
        assertThat(store.figures().openSnapshots()).isZero();
        assertThatCode(cursor::close).doesNotThrowAnyException();
    }

    @Test
    void aCursorFailsOnceTheStoreIsClosed() {
        Cursor<String, Map<String, Object>> fresh = store.cursor();
        Cursor<String, Map<String, Object>> moved = store.cursor();
        moved.next();

        store.close();

        assertThat(everyUse(fresh)).allSatisfy(use -> assertThatThrownBy(use)
                .isInstanceOf(StoreClosedException.class));
        assertThat(everyUse(moved)).allSatisfy(use -> assertThatThrownBy(use)
                .isInstanceOf(StoreClosedException.class));
        assertThatCode(fresh::close).doesNotThrowAnyException();
    }

    @Test
    void aCursorOverAnEmptyStoreHasNothingToVisit() {
        store.clear();

        try (Cursor<String, Map<String, Object>> cursor = store.cursor()) {
            assertThat(cursor.count()).isZero();
            assertThat(cursor.hasNext()).isFalse();
            assertThatThrownBy(cursor::next).isInstanceOf(NoSuchElementException.class);
            assertThatThrownBy(cursor::previous).isInstanceOf(NoSuchElementException.class);
            assertThat(cursor.position()).isEqualTo(-1);
        }
    }

    @Test
    void aCursorReadsItsSnapshotNotTheWritesMadeAfterIt() {
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot();
             Cursor<String, Map<String, Object>> cursor = snapshot.cursor();
             Cursor<String, Map<String, Object>> storeCursor = store.cursor()) {
            store.remove("k0");
            store.put("k1", doc("k1", 100));
            store.remove("k2");
            store.put("k2", doc("k2", 200));
            store.update("k3", (key, current) -> Change.put(doc("k4", 300))); // another key's data, as a decoy
            store.put("new", doc("new", 1));

            for (Cursor<String, Map<String, Object>> each : List.of(cursor, storeCursor)) {
                List<Entry<String, Map<String, Object>>> seen = rest(each);
                assertThat(seen).hasSize(written.size()).allSatisfy(entry -> {
                    assertThat(entry).isSameAs(written.get(entry.key())).isSameAs(snapshot.get(entry.key()));
                    assertThat(entry.value()).containsEntry("id", entry.key());
                });
            }
        }
    }

    @Test
    void everyEntryIsTheSnapshotsEntryOfItsKeyWhileWritersChangeThoseKeys() throws Exception {
        int cursors = 200;
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> writing = new ArrayList<>();
            for (int w = 0; w < 2; w++) {
                writing.add(writers.submit(() -> churn(stop)));
            }
            for (int c = 0; c < cursors; c++) {
                try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot();
                     Cursor<String, Map<String, Object>> cursor = snapshot.cursor()) {
                    List<Entry<String, Map<String, Object>>> seen = rest(cursor);
                    assertThat(seen).hasSize((int) snapshot.count()).allSatisfy(entry -> {
                        Entry<String, Map<String, Object>> expected = snapshot.get(entry.key());
                        assertThat(expected).as("the snapshot's entry of %s", entry.key()).isNotNull();
                        assertThat(entry.key()).isEqualTo(expected.key());
                        assertThat(entry.version()).isEqualTo(expected.version())
                                .isLessThanOrEqualTo(snapshot.readPoint());
                        assertThat(entry.value()).isSameAs(expected.value()).containsEntry("id", entry.key());
                    });
                }
            }
            stop.set(true);
            for (Future<?> writer : writing) {
                writer.get();
            }
        } finally {
            stop.set(true);
            writers.shutdownNow();
        }
    }

    /** Rewrites, removes and re-inserts the test's keys until told to stop; each document names its own key. */
    private void churn(AtomicBoolean stop) {
        for (int round = 0; !stop.get(); round++) {
            for (String key : written.keySet()) {
                switch (round % 3) {
                    case 0 -> store.put(key, doc(key, round));
                    case 1 -> store.remove(key);
                    default -> store.update(key, (k, current) -> Change.put(doc(k, current == null ? -1 : 1)));
                }
            }
        }
    }
}
