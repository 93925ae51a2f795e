package dev.docstore.engine;

import static java.util.stream.Collectors.toMap;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.docstore.testing.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DocumentStore#copy()} and {@link DocumentStore#copy(java.util.function.BiFunction)}. */
class CopyTest {
    private static final Duration TICK = Duration.ofSeconds(3);

    private final MutableClock clock = MutableClock.startingAt("2024-05-01T10:00:00Z");
    private final DocumentStore<String, Map<String, Object>> source =
            DocumentStore.<String, Map<String, Object>>builder().name("source").clock(clock).build();
    private DocumentStore<String, Map<String, Object>> copy;

    /** Everything an entry says, comparable across stores (entries themselves compare by identity). */
    private record Seen(String key, Map<String, Object> value, long version, long created, long updated) {
        static Seen of(Entry<String, Map<String, Object>> entry) {
            return new Seen(entry.key(), entry.value(), entry.version(), entry.createdMillis(), entry.updatedMillis());
        }
    }

    private static Map<String, Seen> contents(DocumentStore<String, Map<String, Object>> store) {
        try (Stream<Entry<String, Map<String, Object>>> entries = store.stream()) {
            return entries.map(Seen::of).collect(toMap(Seen::key, Function.identity()));
        }
    }

    private static Map<String, Object> doc(String key, int n) {
        return Map.of("id", key, "n", n);
    }

    @BeforeEach
    void writeSourceWithSomeHistory() {
        source.put("a", doc("a", 1));
        clock.advance(TICK);
        source.put("b", doc("b", 1));
        clock.advance(TICK);
        source.put("a", doc("a", 2));
        source.put("c", doc("c", 1));
        source.remove("c");
        clock.advance(TICK);
        source.put("d", doc("d", 1));
    }

    @AfterEach
    void closeStores() {
        source.close();
        if (copy != null) {
            copy.close();
        }
    }

    @Test
    void aCopyKeepsKeysValuesVersionsAndTimestamps() {
        Map<String, Seen> original = contents(source);

        copy = source.copy();

        assertThat(contents(copy)).isEqualTo(original).containsOnlyKeys("a", "b", "d");
        assertThat(copy.size()).isEqualTo(source.size());
        assertThat(copy.figures().lastVersion()).isEqualTo(source.figures().lastVersion());
        assertThat(copy.figures().retainedVersions()).isZero();
        assertThat(copy.get("a").createdMillis()).isLessThan(copy.get("a").updatedMillis());
    }

    @Test
    void aCopyMadeUnderAnOpenSnapshotHoldsOnlyLiveDocuments() {
        try (Snapshot<String, Map<String, Object>> snapshot = source.snapshot()) {
            source.put("a", doc("a", 3));
            source.remove("b");
            assertThat(source.figures().retainedVersions()).isPositive();

            copy = source.copy();

            assertThat(contents(copy)).isEqualTo(contents(source));
            assertThat(copy.figures().retainedVersions()).isZero();
            assertThat(copy.figures().keysWithHistory()).isZero();
            assertThat(snapshot.containsKey("b")).isTrue();
        }
    }

    @Test
    void writesToTheSourceAfterTheCopyDoNotReachTheCopy() {
        copy = source.copy();
        Map<String, Seen> copied = contents(copy);

        source.put("a", doc("a", 99));
        source.remove("b");
        source.put("e", doc("e", 1));
        source.clear();

        assertThat(contents(copy)).isEqualTo(copied);
    }

    @Test
    void writesToTheCopyDoNotReachTheSource() {
        Map<String, Seen> original = contents(source);
        copy = source.copy();

        copy.put("a", doc("a", 99));
        copy.remove("b");
        copy.put("e", doc("e", 1));
        copy.clear();

        assertThat(contents(source)).isEqualTo(original);
    }

    @Test
    void newVersionsInTheCopyFollowTheCopiedOnes() {
        copy = source.copy();
        long newestCopied = contents(copy).values().stream().mapToLong(Seen::version).max().orElseThrow();
        Entry<String, Map<String, Object>> copiedA = copy.get("a");
        clock.advance(TICK);

        Entry<String, Map<String, Object>> rewritten = copy.replace("a", copiedA.version(), doc("a", 3));
        Entry<String, Map<String, Object>> added = copy.put("e", doc("e", 1));

        assertThat(rewritten.version()).isGreaterThan(newestCopied);
        assertThat(added.version()).isGreaterThan(rewritten.version());
        assertThat(rewritten.createdMillis()).isEqualTo(copiedA.createdMillis());
        assertThat(rewritten.updatedMillis()).isEqualTo(clock.millis());
    }

    @Test
    void aTransformChangesEveryValueAndKeepsVersionsAndTimestamps() {
        Map<String, Seen> original = contents(source);
        Map<String, Map<String, Object>> given = new ConcurrentHashMap<>();

        copy = source.copy((key, value) -> {
            given.put(key, value);
            return Map.of("id", key, "n", (Integer) value.get("n") * 10);
        });

        assertThat(given).containsOnlyKeys(original.keySet());
        assertThat(given).allSatisfy((key, value) -> assertThat(value).isSameAs(original.get(key).value()));
        assertThat(contents(copy)).hasSameSizeAs(original).allSatisfy((key, seen) -> {
            Seen before = original.get(key);
            assertThat(seen.value()).isEqualTo(Map.of("id", key, "n", (Integer) before.value().get("n") * 10));
            assertThat(seen.version()).isEqualTo(before.version());
            assertThat(seen.created()).isEqualTo(before.created());
            assertThat(seen.updated()).isEqualTo(before.updated());
        });
    }

    @Test
    void aNullFromTheTransformLeavesTheKeyOut() {
        copy = source.copy((key, value) -> key.equals("b") ? null : value);

        assertThat(copy.containsKey("b")).isFalse();
        assertThat(copy.size()).isEqualTo(source.size() - 1);
        assertThat(source.containsKey("b")).isTrue();
    }

    @Test
    void whatTheTransformReturnsIsFrozen() {
        Map<String, Map<String, Object>> returned = new HashMap<>();

        copy = source.copy((key, value) -> {
            Map<String, Object> mutable = new LinkedHashMap<>(value);
            returned.put(key, mutable);
            return mutable;
        });
        returned.values().forEach(Map::clear);

        assertThat(copy.value("a")).isEqualTo(source.value("a"));
        assertThatThrownBy(() -> copy.value("a").put("n", 0)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theTransformMayReadAndWriteTheSourceWithoutDeadlock() {
        Map<String, Seen> original = contents(source);

        copy = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> source.copy((key, value) -> {
            source.put("made-for-" + key, doc(key, 0));
            WriteResult<String, Map<String, Object>> updated =
                    source.update(key, (k, current) -> Change.put(doc(k, -1)));
            try (Snapshot<String, Map<String, Object>> inside = source.snapshot()) {
                assertThat(inside.get("made-for-" + key)).isNotNull();
            }
            source.remove(key);
            return updated.current().value();
        }));

        assertThat(contents(copy)).containsOnlyKeys(original.keySet())
                .allSatisfy((key, seen) -> assertThat(seen.value()).isEqualTo(doc(key, -1)));
        assertThat(original.keySet()).allSatisfy(key -> {
            assertThat(source.containsKey(key)).isFalse();
            assertThat(source.containsKey("made-for-" + key)).isTrue();
        });
    }

    @Test
    void aTransformThatThrowsPropagatesAndLeavesNoSnapshotOpen() {
        IllegalStateException failure = new IllegalStateException("cannot transform");

        assertThatThrownBy(() -> source.copy((key, value) -> {
            throw failure;
        })).isSameAs(failure);

        assertThat(source.figures().openSnapshots()).isZero();
    }

    @Test
    void copyingLeavesNoSnapshotOpenInTheSource() {
        copy = source.copy();

        assertThat(source.figures().openSnapshots()).isZero();
    }

    @Test
    void theCopyOutlivesTheSource() {
        Map<String, Seen> original = contents(source);
        copy = source.copy();

        source.close();

        assertThat(copy.isClosed()).isFalse();
        assertThat(contents(copy)).isEqualTo(original);
    }

    @Test
    void closingTheCopyLeavesTheSourceOpen() {
        Map<String, Seen> original = contents(source);
        copy = source.copy();

        copy.close();

        assertThat(source.isClosed()).isFalse();
        assertThat(contents(source)).isEqualTo(original);
    }

    @Test
    void aClosedStoreCannotBeCopied() {
        source.close();

        for (Runnable copying : List.<Runnable>of(source::copy, () -> source.copy((key, value) -> value))) {
            assertThatThrownBy(copying::run).isInstanceOf(StoreClosedException.class);
        }
    }

    @Test
    void aNullTransformIsRefused() {
        assertThatNullPointerException().isThrownBy(() -> source.copy(null));
        assertThat(source.figures().openSnapshots()).isZero();
    }
}
