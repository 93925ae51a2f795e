package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.docstore.document.InvalidDocumentException;
import dev.docstore.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every public operation of {@link DocumentStore}, its results and its errors, on a quiet store with a fake clock. */
class DocumentStoreTest {
    private static final String ADA = "ada";
    private static final String BOB = "bob";
    private static final String ABSENT = "nobody";
    private static final Duration TICK = Duration.ofSeconds(7);

    private final MutableClock clock = MutableClock.startingAt("2024-05-01T10:00:00Z");
    private final DocumentStore<String, Map<String, Object>> store =
            DocumentStore.<String, Map<String, Object>>builder().name("people").clock(clock).build();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private static Map<String, Object> person(String name, int age) {
        return Map.of("name", name, "age", age);
    }

    /** Everything a refused call must leave as it was: the figures and the entries (by identity) of the keys used. */
    private List<Object> observableState() {
        List<Object> state = new ArrayList<>();
        state.add(store.figures());
        for (String key : List.of(ADA, BOB, ABSENT)) {
            state.add(store.get(key));
        }
        return state;
    }

    /** Asserts that {@code call} throws {@code type} and changes nothing observable; returns what it threw. */
    private <T extends Throwable> T assertRefusedWithoutChange(Class<T> type, ThrowingCallable call) {
        List<Object> before = observableState();
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        assertThat(observableState()).as("state after the refused call").isEqualTo(before);
        return type.cast(thrown);
    }

    @Nested
    class Reading {
        @Test
        void anAbsentKeyHasNoEntryNoValueAndIsNotContained() {
            assertThat(store.get(ABSENT)).isNull();
            assertThat(store.value(ABSENT)).isNull();
            assertThat(store.containsKey(ABSENT)).isFalse();
        }

        @Test
        void getReturnsTheEntryThatPutWrote() {
            Map<String, Object> ada = person("Ada", 36);
            Entry<String, Map<String, Object>> written = store.put(ADA, ada);

            Entry<String, Map<String, Object>> read = store.get(ADA);

            assertThat(read).isSameAs(written);
            assertThat(read.key()).isEqualTo(ADA);
            assertThat(read.value()).isEqualTo(ada);
            assertThat(read.version()).isPositive();
            assertThat(read.createdMillis()).isEqualTo(clock.millis());
            assertThat(read.updatedMillis()).isEqualTo(clock.millis());
            assertThat(read.created()).isEqualTo(clock.instant());
            assertThat(read.updated()).isEqualTo(clock.instant());
        }

        @Test
        void valueAndContainsKeyFollowGet() {
            Map<String, Object> ada = person("Ada", 36);
            store.put(ADA, ada);

            assertThat(store.value(ADA)).isEqualTo(ada).isSameAs(store.get(ADA).value());
            assertThat(store.containsKey(ADA)).isTrue();
        }

        @Test
        void aRemovedKeyReadsAsAbsent() {
            store.put(ADA, person("Ada", 36));
            store.remove(ADA);

            assertThat(store.get(ADA)).isNull();
            assertThat(store.value(ADA)).isNull();
            assertThat(store.containsKey(ADA)).isFalse();
        }

        @Test
        void readsRefuseANullKey() {
            assertThatNullPointerException().isThrownBy(() -> store.get(null));
            assertThatNullPointerException().isThrownBy(() -> store.value(null));
            assertThatNullPointerException().isThrownBy(() -> store.containsKey(null));
        }
    }

    @Nested
    class Put {
        @Test
        void overwritingKeepsCreatedAndMovesUpdatedAndVersion() {
            Entry<String, Map<String, Object>> first = store.put(ADA, person("Ada", 36));
            clock.advance(TICK);

            Entry<String, Map<String, Object>> second = store.put(ADA, person("Ada", 37));

            assertThat(second.version()).isGreaterThan(first.version());
            assertThat(second.createdMillis()).isEqualTo(first.createdMillis());
            assertThat(second.updatedMillis()).isEqualTo(first.updatedMillis() + TICK.toMillis());
            assertThat(store.get(ADA)).isSameAs(second);
            assertThat(store.value(ADA)).isEqualTo(person("Ada", 37));
        }

        @Test
        void versionsStrictlyIncreaseAcrossEveryKindOfWriteToOneKey() {
            List<Long> versions = new ArrayList<>();
            versions.add(store.put(ADA, person("Ada", 1)).version());
            versions.add(store.putIfAbsent(BOB, person("Bob", 1)).current().version());
            versions.add(store.replace(ADA, person("Ada", 2)).current().version());
            versions.add(store.replace(ADA, versions.get(2), person("Ada", 3)).version());
            versions.add(store.update(ADA, (key, current) -> Change.put(person("Ada", 4))).current().version());
            store.remove(ADA);
            versions.add(store.putIfAbsent(ADA, person("Ada", 5)).current().version());
            versions.add(store.put(ADA, person("Ada", 6)).version());

            assertThat(versions).doesNotHaveDuplicates().isSortedAccordingTo(Comparator.naturalOrder());
            assertThat(store.figures().lastVersion()).isEqualTo(versions.get(versions.size() - 1));
        }

        @Test
        void versionsComeFromOneStoreWideSequence() {
            long ada = store.put(ADA, person("Ada", 36)).version();
            long bob = store.put(BOB, person("Bob", 40)).version();

            assertThat(bob).isGreaterThan(ada);
        }

        @Test
        void createdStartsAgainWhenARemovedKeyIsWrittenAgain() {
            long firstCreated = store.put(ADA, person("Ada", 36)).createdMillis();
            clock.advance(TICK);
            store.remove(ADA);
            clock.advance(TICK);

            Entry<String, Map<String, Object>> again = store.put(ADA, person("Ada", 37));

            assertThat(again.createdMillis()).isEqualTo(clock.millis()).isEqualTo(firstCreated + 2 * TICK.toMillis());
            assertThat(again.updatedMillis()).isEqualTo(again.createdMillis());
        }

        @Test
        void createdStartsAgainAfterRemoveEvenWhileASnapshotKeepsTheDeletion() {
            long firstCreated = store.put(ADA, person("Ada", 36)).createdMillis();
            try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
                store.remove(ADA);
                clock.advance(TICK);

                Entry<String, Map<String, Object>> again = store.put(ADA, person("Ada", 37));

                assertThat(again.createdMillis()).isEqualTo(firstCreated + TICK.toMillis());
                assertThat(snapshot.get(ADA).createdMillis()).isEqualTo(firstCreated);
            }
        }

        @Test
        void refusesNullKeyNullValueAndInvalidDocumentWithoutWriting() {
            store.put(ADA, person("Ada", 36));

            assertRefusedWithoutChange(NullPointerException.class, () -> store.put(null, person("X", 1)));
            assertRefusedWithoutChange(NullPointerException.class, () -> store.put(ADA, null));
            InvalidDocumentException invalid = assertRefusedWithoutChange(InvalidDocumentException.class,
                    () -> store.put(ADA, Map.of("born", new Date())));
            assertThat(invalid.path()).isEqualTo("born");
        }
    }

    @Nested
    class PutIfAbsent {
        @Test
        void writesWhenTheKeyIsAbsent() {
            WriteResult<String, Map<String, Object>> result = store.putIfAbsent(ADA, person("Ada", 36));

            assertThat(result.applied()).isTrue();
            assertThat(result.previous()).isNull();
            assertThat(result.current()).isSameAs(store.get(ADA));
            assertThat(result.current().value()).isEqualTo(person("Ada", 36));
        }

        @Test
        void keepsAnExistingValueAndReportsItAsBothPreviousAndCurrent() {
            Entry<String, Map<String, Object>> existing = store.put(ADA, person("Ada", 36));
            List<Object> before = observableState();

            WriteResult<String, Map<String, Object>> result = store.putIfAbsent(ADA, person("Impostor", 1));

            assertThat(result.applied()).isFalse();
            assertThat(result.previous()).isSameAs(existing);
            assertThat(result.current()).isSameAs(existing);
            assertThat(observableState()).isEqualTo(before);
        }

        @Test
        void writesAgainAfterTheKeyWasRemoved() {
            Entry<String, Map<String, Object>> first = store.put(ADA, person("Ada", 36));
            store.remove(ADA);

            WriteResult<String, Map<String, Object>> result = store.putIfAbsent(ADA, person("Ada", 37));

            assertThat(result.applied()).isTrue();
            assertThat(result.previous()).isNull();
            assertThat(result.current().version()).isGreaterThan(first.version());
            assertThat(store.value(ADA)).isEqualTo(person("Ada", 37));
        }

        @Test
        void checksTheValueEvenWhenTheKeyIsPresent() {
            store.put(ADA, person("Ada", 36));

            assertRefusedWithoutChange(NullPointerException.class, () -> store.putIfAbsent(ADA, null));
            assertRefusedWithoutChange(NullPointerException.class, () -> store.putIfAbsent(null, person("X", 1)));
        }
    }

    @Nested
    class Replace {
        @Test
        void replacesAPresentKeyAndReportsBothEntries() {
            Entry<String, Map<String, Object>> old = store.put(ADA, person("Ada", 36));
            clock.advance(TICK);

            WriteResult<String, Map<String, Object>> result = store.replace(ADA, person("Ada", 37));

            assertThat(result.applied()).isTrue();
            assertThat(result.previous()).isSameAs(old);
            assertThat(result.current()).isSameAs(store.get(ADA));
            assertThat(result.current().value()).isEqualTo(person("Ada", 37));
            assertThat(result.current().version()).isGreaterThan(old.version());
            assertThat(result.current().createdMillis()).isEqualTo(old.createdMillis());
            assertThat(result.current().updatedMillis()).isEqualTo(clock.millis());
        }

        @Test
        void writesNothingWhenTheKeyIsAbsent() {
            List<Object> before = observableState();

            WriteResult<String, Map<String, Object>> result = store.replace(ABSENT, person("X", 1));

            assertThat(result).isEqualTo(new WriteResult<String, Map<String, Object>>(false, null, null));
            assertThat(observableState()).isEqualTo(before);
        }

        @Test
        void writesNothingWhenTheKeyWasRemoved() {
            store.put(ADA, person("Ada", 36));
            store.remove(ADA);

            WriteResult<String, Map<String, Object>> result = store.replace(ADA, person("Ada", 37));

            assertThat(result.applied()).isFalse();
            assertThat(result.previous()).isNull();
            assertThat(result.current()).isNull();
            assertThat(store.containsKey(ADA)).isFalse();
        }

        @Test
        void refusesNullArguments() {
            store.put(ADA, person("Ada", 36));

            assertRefusedWithoutChange(NullPointerException.class, () -> store.replace(ADA, null));
            assertRefusedWithoutChange(NullPointerException.class, () -> store.replace(null, person("X", 1)));
        }
    }

    @Nested
    class ReplaceIfVersion {
        @Test
        void replacesWhenTheVersionMatches() {
            Entry<String, Map<String, Object>> old = store.put(ADA, person("Ada", 36));

            Entry<String, Map<String, Object>> written = store.replace(ADA, old.version(), person("Ada", 37));

            assertThat(written).isSameAs(store.get(ADA));
            assertThat(written.value()).isEqualTo(person("Ada", 37));
            assertThat(written.version()).isGreaterThan(old.version());
            assertThat(written.createdMillis()).isEqualTo(old.createdMillis());
        }

        @Test
        void eachReturnedVersionIsTheOneToExpectNext() {
            Entry<String, Map<String, Object>> entry = store.put(ADA, person("Ada", 0));
            for (int age = 1; age <= 3; age++) {
                entry = store.replace(ADA, entry.version(), person("Ada", age));
            }

            assertThat(store.value(ADA)).isEqualTo(person("Ada", 3));
        }

        @Test
        void aStaleVersionConflictsAndCarriesBothVersions() {
            long stale = store.put(ADA, person("Ada", 36)).version();
            long current = store.put(ADA, person("Ada", 37)).version();

            VersionConflictException conflict = assertRefusedWithoutChange(VersionConflictException.class,
                    () -> store.replace(ADA, stale, person("Ada", 99)));

            assertThat(conflict.key()).isEqualTo(ADA);
            assertThat(conflict.expectedVersion()).isEqualTo(stale);
            assertThat(conflict.currentVersion()).isEqualTo(current);
            assertThat(conflict).hasMessageContaining(ADA)
                    .hasMessageContaining(Long.toString(stale))
                    .hasMessageContaining(Long.toString(current));
        }

        @Test
        void anAbsentKeyIsNotFound() {
            long someVersion = store.put(BOB, person("Bob", 40)).version();

            DocumentNotFoundException notFound = assertRefusedWithoutChange(DocumentNotFoundException.class,
                    () -> store.replace(ABSENT, someVersion, person("X", 1)));

            assertThat(notFound.key()).isEqualTo(ABSENT);
        }

        @Test
        void aRemovedKeyIsNotFoundEvenWithItsLastVersion() {
            long last = store.put(ADA, person("Ada", 36)).version();
            store.remove(ADA);

            assertRefusedWithoutChange(DocumentNotFoundException.class, () -> store.replace(ADA, last, person("A", 1)));
        }
    }

    @Nested
    class Remove {
        @Test
        void removesAPresentKeyAndReturnsItsEntry() {
            Entry<String, Map<String, Object>> ada = store.put(ADA, person("Ada", 36));
            store.put(BOB, person("Bob", 40));

            Entry<String, Map<String, Object>> removed = store.remove(ADA);

            assertThat(removed).isSameAs(ada);
            assertThat(store.get(ADA)).isNull();
            assertThat(store.size()).isEqualTo(1);
            assertThat(store.figures().lastVersion()).isGreaterThan(ada.version());
        }

        @Test
        void removingAnAbsentKeyReturnsNullAndWritesNothing() {
            store.put(BOB, person("Bob", 40));
            List<Object> before = observableState();

            assertThat(store.remove(ABSENT)).isNull();
            assertThat(observableState()).isEqualTo(before);
        }

        @Test
        void refusesANullKey() {
            assertRefusedWithoutChange(NullPointerException.class, () -> store.remove(null));
        }
    }

    @Nested
    class RemoveIfVersion {
        @Test
        void removesWhenTheVersionMatches() {
            Entry<String, Map<String, Object>> ada = store.put(ADA, person("Ada", 36));

            Entry<String, Map<String, Object>> removed = store.remove(ADA, ada.version());

            assertThat(removed).isSameAs(ada);
            assertThat(store.containsKey(ADA)).isFalse();
        }

        @Test
        void aStaleVersionConflictsAndKeepsTheKey() {
            long stale = store.put(ADA, person("Ada", 36)).version();
            Entry<String, Map<String, Object>> current = store.put(ADA, person("Ada", 37));

            VersionConflictException conflict = assertRefusedWithoutChange(VersionConflictException.class,
                    () -> store.remove(ADA, stale));

            assertThat(conflict.key()).isEqualTo(ADA);
            assertThat(conflict.expectedVersion()).isEqualTo(stale);
            assertThat(conflict.currentVersion()).isEqualTo(current.version());
            assertThat(store.get(ADA)).isSameAs(current);
        }

        @Test
        void anAbsentKeyIsNotFound() {
            long someVersion = store.put(BOB, person("Bob", 40)).version();

            DocumentNotFoundException notFound = assertRefusedWithoutChange(DocumentNotFoundException.class,
                    () -> store.remove(ABSENT, someVersion));

            assertThat(notFound.key()).isEqualTo(ABSENT);
        }
    }

    /** The quiet conditional writes: for a caller that decided from what it read and must not overwrite a newer write. */
    @Nested
    class IfStill {
        @Test
        void putIfStillWritesOnlyOverTheVersionItWasGiven() {
            Entry<String, Map<String, Object>> first = store.put(ADA, person("Ada", 36));
            Entry<String, Map<String, Object>> second = store.put(ADA, person("Ada", 37));

            assertThat(store.putIfStill(ADA, first.version(), person("Ada", 99))).as("stale").isNull();
            assertThat(store.get(ADA)).isSameAs(second);
            Entry<String, Map<String, Object>> third = store.putIfStill(ADA, second.version(), person("Ada", 38));
            assertThat(third).isNotNull();
            assertThat(third.value()).isEqualTo(person("Ada", 38));
            assertThat(third.version()).isGreaterThan(second.version());
            assertThat(store.get(ADA)).isSameAs(third);
        }

        @Test
        void putIfStillWithVersionZeroWritesOnlyWhereThereIsNoLiveValue() {
            assertThat(store.putIfStill(ADA, 0, person("Ada", 36))).isNotNull();
            assertThat(store.putIfStill(ADA, 0, person("Ada", 99))).as("a live value now").isNull();
            store.remove(ADA);
            assertThat(store.putIfStill(ADA, 0, person("Ada", 40))).as("deleted: no live value").isNotNull();
            assertThat(store.value(ADA)).isEqualTo(person("Ada", 40));
        }

        @Test
        void restoreIfStillKeepsTheGivenTimesAndWritesOnlyOverTheVersionItWasGiven() {
            Entry<String, Map<String, Object>> first = store.put(ADA, person("Ada", 36));
            clock.advance(java.time.Duration.ofHours(1));
            assertThat(store.restoreIfStill(ADA, 0, person("Ada", 99), 1_000, 2_000)).as("live now").isNull();

            Entry<String, Map<String, Object>> restored = store.restoreIfStill(ADA, first.version(), person("Ada", 37),
                    1_000, 2_000);
            assertThat(restored).isNotNull();
            assertThat(restored.createdMillis()).as("not the previous version's").isEqualTo(1_000);
            assertThat(restored.updatedMillis()).as("not the clock's").isEqualTo(2_000);
            assertThat(restored.version()).isGreaterThan(first.version());
            assertThat(store.get(ADA)).isSameAs(restored);

            Entry<String, Map<String, Object>> next = store.put(ADA, person("Ada", 38));
            assertThat(next.createdMillis()).as("a later write keeps the restored creation").isEqualTo(1_000);
            assertThat(next.updatedMillis()).isEqualTo(clock.millis());
        }

        @Test
        void restoreIfStillInAStoreWithoutTimesKeepsNone() {
            DocumentStore<String, String> untimed = DocumentStore.<String, String>builder().timestamps(false).build();
            Entry<String, String> restored = untimed.restoreIfStill("k", 0, "v", 1_000, 2_000);
            assertThat(restored.createdMillis()).isZero();
            assertThat(restored.updatedMillis()).isZero();
            assertRefusedWithoutChange(IllegalArgumentException.class,
                    () -> store.restoreIfStill(ADA, -1, person("Ada", 1), 1, 1));
        }

        @Test
        void putIfStillRefusesANegativeVersionAndChangesNothing() {
            store.put(ADA, person("Ada", 36));
            assertRefusedWithoutChange(IllegalArgumentException.class,
                    () -> store.putIfStill(ADA, -1, person("Ada", 1)));
        }

        @Test
        void removeIfStillRemovesOnlyTheVersionItWasGivenAndNeverThrows() {
            Entry<String, Map<String, Object>> first = store.put(ADA, person("Ada", 36));
            Entry<String, Map<String, Object>> second = store.put(ADA, person("Ada", 37));

            assertThat(store.removeIfStill(ADA, first.version())).as("stale").isFalse();
            assertThat(store.removeIfStill(ABSENT, 1)).as("absent").isFalse();
            assertThat(store.get(ADA)).isSameAs(second);
            assertThat(store.removeIfStill(ADA, second.version())).isTrue();
            assertThat(store.get(ADA)).isNull();
            assertThat(store.removeIfStill(ADA, second.version())).as("already gone").isFalse();
        }
    }

    @Nested
    class Update {
        @Test
        void theUpdaterSeesTheKeyAndItsCurrentEntry() {
            Entry<String, Map<String, Object>> ada = store.put(ADA, person("Ada", 36));
            List<Object> seen = new ArrayList<>();

            store.update(ADA, (key, current) -> {
                seen.add(key);
                seen.add(current);
                return Change.keep();
            });

            assertThat(seen).containsExactly(ADA, ada);
        }

        @Test
        void theUpdaterSeesNullForAnAbsentKey() {
            List<Entry<String, Map<String, Object>>> seen = new ArrayList<>();

            store.update(ABSENT, (key, current) -> {
                seen.add(current);
                return Change.keep();
            });

            assertThat(seen).hasSize(1);
            assertThat(seen.get(0)).isNull();
        }

        @Test
        void keepOnAPresentKeyWritesNothing() {
            Entry<String, Map<String, Object>> ada = store.put(ADA, person("Ada", 36));
            List<Object> before = observableState();

            WriteResult<String, Map<String, Object>> result = store.update(ADA, (key, current) -> Change.keep());

            assertThat(result).isEqualTo(new WriteResult<>(false, ada, ada));
            assertThat(observableState()).isEqualTo(before);
        }

        @Test
        void keepOnAnAbsentKeyWritesNothing() {
            List<Object> before = observableState();

            WriteResult<String, Map<String, Object>> result = store.update(ABSENT, (key, current) -> Change.keep());

            assertThat(result).isEqualTo(new WriteResult<String, Map<String, Object>>(false, null, null));
            assertThat(observableState()).isEqualTo(before);
        }

        @Test
        void putOnAnAbsentKeyCreatesIt() {
            WriteResult<String, Map<String, Object>> result =
                    store.update(ADA, (key, current) -> Change.put(person("Ada", 36)));

            assertThat(result.applied()).isTrue();
            assertThat(result.previous()).isNull();
            assertThat(result.current()).isSameAs(store.get(ADA));
            assertThat(result.current().value()).isEqualTo(person("Ada", 36));
        }

        @Test
        void putOnAPresentKeyWritesTheValueDecidedFromTheCurrentOne() {
            Entry<String, Map<String, Object>> old = store.put(ADA, person("Ada", 36));
            clock.advance(TICK);

            WriteResult<String, Map<String, Object>> result = store.update(ADA, (key, current) ->
                    Change.put(person("Ada", (Integer) current.value().get("age") + 1)));

            assertThat(result.applied()).isTrue();
            assertThat(result.previous()).isSameAs(old);
            assertThat(result.current()).isSameAs(store.get(ADA));
            assertThat(result.current().value()).isEqualTo(person("Ada", 37));
            assertThat(result.current().version()).isGreaterThan(old.version());
            assertThat(result.current().createdMillis()).isEqualTo(old.createdMillis());
            assertThat(result.current().updatedMillis()).isEqualTo(clock.millis());
        }

        @Test
        void removeOnAPresentKeyDeletesIt() {
            Entry<String, Map<String, Object>> old = store.put(ADA, person("Ada", 36));

            WriteResult<String, Map<String, Object>> result = store.update(ADA, (key, current) -> Change.remove());

            assertThat(result).isEqualTo(new WriteResult<String, Map<String, Object>>(true, old, null));
            assertThat(store.containsKey(ADA)).isFalse();
            assertThat(store.size()).isZero();
        }

        @Test
        void removeOnAnAbsentKeyWritesNothing() {
            List<Object> before = observableState();

            WriteResult<String, Map<String, Object>> result = store.update(ABSENT, (key, current) -> Change.remove());

            assertThat(result).isEqualTo(new WriteResult<String, Map<String, Object>>(false, null, null));
            assertThat(observableState()).isEqualTo(before);
        }

        @Test
        void whatTheUpdaterThrowsPropagatesAndNothingIsWritten() {
            store.put(ADA, person("Ada", 36));
            IllegalStateException failure = new IllegalStateException("the updater gave up");

            Throwable thrown = assertRefusedWithoutChange(IllegalStateException.class, () ->
                    store.update(ADA, (key, current) -> {
                        throw failure;
                    }));

            assertThat(thrown).isSameAs(failure);
        }

        @Test
        void anUpdaterReturningNullIsRefusedAndNothingIsWritten() {
            store.put(ADA, person("Ada", 36));

            assertRefusedWithoutChange(NullPointerException.class, () -> store.update(ADA, (key, current) -> null));
            assertRefusedWithoutChange(NullPointerException.class, () -> store.update(ABSENT, (key, current) -> null));
        }

        @Test
        void anInvalidDocumentFromTheUpdaterIsRefusedAndNothingIsWritten() {
            store.put(ADA, person("Ada", 36));

            assertRefusedWithoutChange(InvalidDocumentException.class,
                    () -> store.update(ADA, (key, current) -> Change.put(Map.of("born", new Date()))));
        }

        @Test
        void theUpdaterMayReadAndWriteAnotherKeyOfTheSameStore() {
            store.put(BOB, person("Bob", 40));

            WriteResult<String, Map<String, Object>> result = store.update(ADA, (key, current) -> {
                Map<String, Object> bob = store.value(BOB);
                store.put(BOB, person("Bob", (Integer) bob.get("age") + 1));
                return Change.put(person("Ada", (Integer) bob.get("age")));
            });

            assertThat(result.applied()).isTrue();
            assertThat(store.value(ADA)).isEqualTo(person("Ada", 40));
            assertThat(store.value(BOB)).isEqualTo(person("Bob", 41));
        }

        @Test
        void theUpdaterRunsOnceWhenNobodyInterferes() {
            AtomicInteger calls = new AtomicInteger();

            store.update(ADA, (key, current) -> {
                calls.incrementAndGet();
                return Change.put(person("Ada", 36));
            });

            assertThat(calls).hasValue(1);
        }

        @Test
        void refusesNullKeyAndNullUpdater() {
            assertRefusedWithoutChange(NullPointerException.class, () -> store.update(ADA, null));
            assertRefusedWithoutChange(NullPointerException.class,
                    () -> store.update(null, (key, current) -> Change.keep()));
        }

        @Test
        void changePutRefusesNull() {
            assertThatNullPointerException().isThrownBy(() -> Change.put(null)).withMessageContaining("remove");
        }
    }

    @Nested
    class ReadAndTimes {
        @Test
        void readRunsOnASnapshotThatItClosesAfterwards() {
            store.put(ADA, person("Ada", 36));
            List<Snapshot<String, Map<String, Object>>> used = new ArrayList<>();

            long count = store.read(snapshot -> {
                used.add(snapshot);
                store.put(BOB, person("Bob", 41)); // after the read point: not in this snapshot
                return snapshot.count();
            });

            assertThat(count).isEqualTo(1);
            assertThat(used.get(0).isOpen()).isFalse();
            assertThat(store.figures().openSnapshots()).isZero();
            assertThatThrownBy(() -> used.get(0).count()).isInstanceOf(SnapshotClosedException.class);
        }

        @Test
        void readClosesItsSnapshotWhenTheReadingThrows() {
            assertThatThrownBy(() -> store.read(snapshot -> {
                throw new IllegalStateException("reading failed");
            })).hasMessage("reading failed");
            assertThat(store.figures().openSnapshots()).isZero();
        }

        @Test
        void aStoreWithoutTimesKeepsNoneAndReadsNoClock() {
            AtomicInteger reads = new AtomicInteger();
            Clock counting = new Clock() {
                @Override
                public ZoneId getZone() {
                    return clock.getZone();
                }

                @Override
                public Clock withZone(ZoneId zone) {
                    return this;
                }

                @Override
                public Instant instant() {
                    return Instant.ofEpochMilli(millis());
                }

                @Override
                public long millis() {
                    reads.incrementAndGet();
                    return clock.millis();
                }
            };
            try (DocumentStore<String, String> untimed = DocumentStore.<String, String>builder().clock(counting)
                    .timestamps(false).build()) {
                Entry<String, String> written = untimed.put(ADA, "a");
                untimed.put(ADA, "b");
                untimed.update(ADA, (key, current) -> Change.put("c"));
                untimed.remove(ADA);

                assertThat(written.createdMillis()).isZero();
                assertThat(written.updatedMillis()).isZero();
                assertThat(reads).as("clock reads by writes").hasValue(0);
                untimed.put(BOB, "b");
                try (DocumentStore<String, String> copy = untimed.copy()) {
                    assertThat(copy.get(BOB).createdMillis()).as("a copy keeps no times either").isZero();
                    assertThat(copy.get(BOB).value()).isEqualTo("b");
                }
            }
        }
    }

    @Nested
    class ClearAndSize {
        @Test
        void sizeCountsLiveDocuments() {
            assertThat(store.size()).isZero();
            store.put(ADA, person("Ada", 36));
            store.put(BOB, person("Bob", 40));
            store.put(ADA, person("Ada", 37));
            assertThat(store.size()).isEqualTo(2);

            store.remove(BOB);

            assertThat(store.size()).isEqualTo(1);
        }

        @Test
        void clearRemovesEveryKey() {
            List<String> keys = List.of(ADA, BOB, "carol", "dave");
            keys.forEach(key -> store.put(key, person(key, 1)));

            store.clear();

            assertThat(store.size()).isZero();
            assertThat(store.figures().documents()).isZero();
            assertThat(keys).allSatisfy(key -> assertThat(store.get(key)).isNull());
        }

        @Test
        void clearedKeysCanBeWrittenAgainAsNewDocuments() {
            Entry<String, Map<String, Object>> before = store.put(ADA, person("Ada", 36));
            store.clear();
            clock.advance(TICK);

            WriteResult<String, Map<String, Object>> again = store.putIfAbsent(ADA, person("Ada", 37));

            assertThat(again.applied()).isTrue();
            assertThat(again.current().version()).isGreaterThan(before.version());
            assertThat(again.current().createdMillis()).isEqualTo(clock.millis());
        }
    }

    @Nested
    class Figures {
        @Test
        void anEmptyStoreHasNothing() {
            assertThat(store.figures()).isEqualTo(new StoreFigures(0, 0, 0, 0, 0));
        }

        @Test
        void aQuietStoreWithoutSnapshotsHoldsOneVersionPerDocument() {
            store.put(ADA, person("Ada", 36));
            store.put(ADA, person("Ada", 37));
            long last = store.put(BOB, person("Bob", 40)).version();
            store.put("carol", person("Carol", 50));
            store.remove("carol");

            StoreFigures figures = store.figures();

            assertThat(figures.documents()).isEqualTo(2);
            assertThat(figures.versions()).isEqualTo(2);
            assertThat(figures.retainedVersions()).isZero();
            assertThat(figures.openSnapshots()).isZero();
            assertThat(figures.keysWithHistory()).isZero();
            assertThat(figures.lastVersion()).isGreaterThan(last);
        }

        @Test
        void countsOpenSnapshots() {
            try (Snapshot<String, Map<String, Object>> first = store.snapshot();
                 Snapshot<String, Map<String, Object>> second = store.snapshot()) {
                assertThat(first.isOpen() && second.isOpen()).isTrue();
                assertThat(store.figures().openSnapshots()).isEqualTo(2);
            }
            assertThat(store.figures().openSnapshots()).isZero();
        }
    }

    /** One call of the store's API, for the tests that run every call. */
    interface StoreCall {
        void on(DocumentStore<String, Map<String, Object>> store);
    }

    private static Named<StoreCall> call(String name, StoreCall call) {
        return Named.of(name, call);
    }

    static Stream<Named<StoreCall>> everyCallWithValidArguments() {
        return Stream.of(
                call("get", s -> s.get(ADA)),
                call("value", s -> s.value(ADA)),
                call("containsKey", s -> s.containsKey(ADA)),
                call("put", s -> s.put(ADA, person("Ada", 1))),
                call("putIfAbsent", s -> s.putIfAbsent(ABSENT, person("X", 1))),
                call("replace", s -> s.replace(ADA, person("Ada", 1))),
                call("replace if version", s -> s.replace(ADA, 1, person("Ada", 1))),
                call("remove", s -> s.remove(ADA)),
                call("remove if version", s -> s.remove(ADA, 1)),
                call("update", s -> s.update(ADA, (key, current) -> Change.keep())),
                call("clear", DocumentStore::clear),
                call("size", DocumentStore::size),
                call("figures", DocumentStore::figures),
                call("snapshot", DocumentStore::snapshot),
                call("stream", DocumentStore::stream),
                call("cursor", DocumentStore::cursor),
                call("copy", DocumentStore::copy),
                call("copy with transform", s -> s.copy((key, value) -> value)));
    }

    static Stream<Named<StoreCall>> everyCallWithNullOrInvalidArguments() {
        return Stream.of(
                call("get", s -> s.get(null)),
                call("value", s -> s.value(null)),
                call("containsKey", s -> s.containsKey(null)),
                call("put", s -> s.put(null, null)),
                call("put invalid document", s -> s.put(ADA, Map.of("born", new Date()))),
                call("putIfAbsent", s -> s.putIfAbsent(null, null)),
                call("replace", s -> s.replace(null, null)),
                call("replace if version", s -> s.replace(null, 0, null)),
                call("remove", s -> s.remove(null)),
                call("remove if version", s -> s.remove(null, -1)),
                call("update", s -> s.update(null, null)),
                call("copy with transform", s -> s.copy(null)));
    }

    @Nested
    class Closing {
        @Test
        void closeIsIdempotent() {
            store.put(ADA, person("Ada", 36));

            store.close();

            assertThat(store.isClosed()).isTrue();
            assertThatCode(store::close).doesNotThrowAnyException();
            assertThat(store.isClosed()).isTrue();
        }

        @Test
        void aNewStoreIsOpen() {
            assertThat(store.isClosed()).isFalse();
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.docstore.engine.DocumentStoreTest#everyCallWithValidArguments")
        void everyCallAfterCloseFailsNamingTheStore(StoreCall call) {
            store.put(ADA, person("Ada", 36));
            store.close();

            assertThatThrownBy(() -> call.on(store))
                    .isInstanceOf(StoreClosedException.class)
                    .hasMessageContaining(store.name());
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.docstore.engine.DocumentStoreTest#everyCallWithNullOrInvalidArguments")
        void aClosedStoreIsReportedBeforeBadArguments(StoreCall call) {
            store.close();

            assertThatThrownBy(() -> call.on(store)).isInstanceOf(StoreClosedException.class);
        }
    }

    @Nested
    class ErrorOrder {
        @Test
        void aNullKeyIsReportedBeforeABadVersion() {
            assertRefusedWithoutChange(NullPointerException.class, () -> store.replace(null, 0, person("X", 1)));
            assertRefusedWithoutChange(NullPointerException.class, () -> store.remove(null, 0));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, Long.MIN_VALUE})
        void aNonPositiveVersionIsAnArgumentErrorEvenForAnAbsentKey(long badVersion) {
            assertRefusedWithoutChange(IllegalArgumentException.class,
                    () -> store.replace(ABSENT, badVersion, person("X", 1)));
            assertRefusedWithoutChange(IllegalArgumentException.class, () -> store.remove(ABSENT, badVersion));
        }

        @Test
        void aNonPositiveVersionIsAnArgumentErrorEvenForAPresentKey() {
            store.put(ADA, person("Ada", 36));

            assertRefusedWithoutChange(IllegalArgumentException.class, () -> store.replace(ADA, 0, person("A", 1)));
            assertRefusedWithoutChange(IllegalArgumentException.class, () -> store.remove(ADA, 0));
        }

        @Test
        void aBadValueIsReportedBeforeAnAbsentKey() {
            long goodVersion = store.put(BOB, person("Bob", 40)).version();

            assertRefusedWithoutChange(NullPointerException.class, () -> store.replace(ABSENT, goodVersion, null));
            assertRefusedWithoutChange(InvalidDocumentException.class,
                    () -> store.replace(ABSENT, goodVersion, Map.of("born", new Date())));
        }

        @Test
        void aBadValueIsReportedBeforeAVersionConflict() {
            long stale = store.put(ADA, person("Ada", 36)).version();
            store.put(ADA, person("Ada", 37));

            assertRefusedWithoutChange(NullPointerException.class, () -> store.replace(ADA, stale, null));
            assertRefusedWithoutChange(InvalidDocumentException.class,
                    () -> store.replace(ADA, stale, Map.of("born", new Date())));
        }

        @Test
        void anAbsentKeyWithAPlausibleVersionIsNotFound() {
            long goodVersion = store.put(BOB, person("Bob", 40)).version();

            assertRefusedWithoutChange(DocumentNotFoundException.class,
                    () -> store.replace(ABSENT, goodVersion, person("X", 1)));
            assertRefusedWithoutChange(DocumentNotFoundException.class, () -> store.remove(ABSENT, goodVersion));
        }

        @Test
        void aPresentKeyWithAnotherVersionConflicts() {
            Entry<String, Map<String, Object>> ada = store.put(ADA, person("Ada", 36));
            long wrong = ada.version() + 1;

            VersionConflictException onReplace = assertRefusedWithoutChange(VersionConflictException.class,
                    () -> store.replace(ADA, wrong, person("Ada", 37)));
            VersionConflictException onRemove = assertRefusedWithoutChange(VersionConflictException.class,
                    () -> store.remove(ADA, wrong));

            for (VersionConflictException conflict : List.of(onReplace, onRemove)) {
                assertThat(conflict.currentVersion()).isEqualTo(ada.version());
                assertThat(conflict.expectedVersion()).isEqualTo(wrong);
                assertThat(conflict.key()).isEqualTo(ADA);
            }
        }
    }

    @Nested
    class BuilderValidation {
        @Test
        void refusesNullNameClockAndAge() {
            assertThatNullPointerException().isThrownBy(() -> DocumentStore.builder().name(null));
            assertThatNullPointerException().isThrownBy(() -> DocumentStore.builder().clock(null));
            assertThatNullPointerException().isThrownBy(() -> DocumentStore.builder().maxSnapshotAge(null));
        }

        @ParameterizedTest
        @ValueSource(longs = {0, -1, -60_000})
        void refusesAMaximumSnapshotAgeThatIsNotPositive(long millis) {
            Duration age = Duration.ofMillis(millis);

            assertThatThrownBy(() -> DocumentStore.builder().maxSnapshotAge(age))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(age.toString());
        }

        @Test
        void acceptsTheSmallestPositiveAge() {
            assertThatCode(() -> DocumentStore.builder().maxSnapshotAge(Duration.ofNanos(1)))
                    .doesNotThrowAnyException();
        }

        @Test
        void theNameGoesIntoErrors() {
            DocumentStore<String, String> named = DocumentStore.<String, String>builder().name("inventory").build();
            named.close();

            assertThat(named.name()).isEqualTo("inventory");
            assertThatThrownBy(() -> named.get("x")).hasMessageContaining("inventory");
        }

        @Test
        void theDefaultStoreUsesTheSystemClock() {
            try (DocumentStore<String, String> plain = DocumentStore.create()) {
                long before = System.currentTimeMillis();
                Entry<String, String> entry = plain.put("k", "v");
                long after = System.currentTimeMillis();

                assertThat(entry.updatedMillis()).isBetween(before, after);
                assertThat(plain.name()).isNotBlank();
            }
        }

        @Test
        void aStoreWithoutMapValuesStoresPlainValues() {
            try (DocumentStore<Integer, String> numbers =
                         DocumentStore.<Integer, String>builder().clock(clock).build()) {
                numbers.put(1, "one");

                assertThat(numbers.value(1)).isEqualTo("one");
                assertThat(numbers.get(1).key()).isEqualTo(1);
            }
        }

        @Test
        void aMapWithNonStringKeysIsNotADocument() {
            try (DocumentStore<String, Map<Integer, String>> numbered = DocumentStore.create()) {
                Map<Integer, String> byNumber = new HashMap<>(Map.of(1, "one"));

                assertThatThrownBy(() -> numbered.put("k", byNumber)).isInstanceOf(InvalidDocumentException.class);
                assertThat(numbered.size()).isZero();
            }
        }
    }
}
