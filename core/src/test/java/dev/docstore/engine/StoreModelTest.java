package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.docstore.document.Documents;
import dev.docstore.document.InvalidDocumentException;
import dev.docstore.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A seeded model-based test of {@link DocumentStore} in one thread: random operations of every kind over a small key
 * space, each checked against a plain {@code HashMap} model, with snapshots checked against copies of the model taken
 * when they were opened.
 *
 * <p>Replay one seed with {@code -Ddocstore.seed=123}, optionally with {@code -Ddocstore.ops=N} operations (the failure
 * message gives both). Without it, a few fixed seeds run, and one fresh seed that the test name shows.
 */
class StoreModelTest {
    private static final int KEY_SPACE = 50;
    private static final int DEFAULT_OPERATIONS = 25_000;
    /** Seed 14 reaches, at step 5082, an expiry inside a removal (see SnapshotMemoryTest's figures test). */
    private static final long[] FIXED_SEEDS = {1L, 14L, 42L, -3_141_592_653L};
    private static final Duration MAX_SNAPSHOT_AGE = Duration.ofSeconds(10);
    private static final int MAX_OPEN_SNAPSHOTS = 6;
    private static final int TRACE_LENGTH = 30;

    static LongStream seeds() {
        String replay = System.getProperty("docstore.seed");
        if (replay != null && !replay.isBlank()) {
            return LongStream.of(Long.parseLong(replay.trim()));
        }
        return LongStream.concat(LongStream.of(FIXED_SEEDS), LongStream.of(ThreadLocalRandom.current().nextLong()));
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void theStoreBehavesLikeItsModel(long seed) {
        int operations = Integer.getInteger("docstore.ops", DEFAULT_OPERATIONS);
        ModelRun run = new ModelRun(seed, operations);
        run.execute();
        if (operations >= DEFAULT_OPERATIONS) {
            assertThat(run.outcomes.keySet()).as("outcomes exercised with seed %d: %s", seed, run.outcomes)
                    .containsAll(REQUIRED_OUTCOMES);
        }
        System.out.printf("seed %d: %,d operations, %s%n", seed, operations, run.outcomes);
    }

    private static final List<String> REQUIRED_OUTCOMES = List.of(
            "get", "value", "containsKey", "size",
            "put.insert", "put.overwrite", "putIfAbsent.applied", "putIfAbsent.present",
            "replace.applied", "replace.absent",
            "replaceIfVersion.applied", "replaceIfVersion.conflict", "replaceIfVersion.notFound",
            "remove.removed", "remove.absent",
            "removeIfVersion.removed", "removeIfVersion.conflict", "removeIfVersion.notFound",
            "update.keep", "update.put", "update.insert", "update.remove", "update.removeAbsent", "update.throws",
            "invalid.argument", "clear", "copy",
            "snapshot.open", "snapshot.get", "snapshot.containsKey", "snapshot.count", "snapshot.stream",
            "snapshot.cursor", "snapshot.close", "snapshot.expired",
            "store.stream", "store.cursor");

    private enum Op {
        GET(8), VALUE(3), CONTAINS_KEY(3), SIZE(2),
        PUT(10), PUT_IF_ABSENT(5), REPLACE(5), REPLACE_IF_VERSION(6), REPLACE_IF_WRONG_VERSION(4),
        REMOVE(5), REMOVE_IF_VERSION(4), REMOVE_IF_WRONG_VERSION(3), UPDATE(8), UPDATE_THROWS(1),
        INVALID_ARGUMENT(3),
        OPEN_SNAPSHOT(3), SNAPSHOT_GET(6), SNAPSHOT_CONTAINS_KEY(2), SNAPSHOT_COUNT(2), SNAPSHOT_STREAM(2),
        SNAPSHOT_CURSOR(1), CLOSE_SNAPSHOT(3),
        STORE_STREAM(1), STORE_CURSOR(1);

        final int weight;

        Op(int weight) {
            this.weight = weight;
        }
    }

    /** What the model knows of a key: its value (our own unfrozen copy), the store's frozen copy, and the metadata. */
    private record ModelEntry(Map<String, Object> value, Map<String, Object> stored, long version, long created,
            long updated) {
    }

    /** A snapshot under test and the copy of the model taken when it was opened. */
    private static final class OpenSnapshot {
        final Snapshot<Integer, Map<String, Object>> snapshot;
        final Map<Integer, ModelEntry> view;
        final long openedAt;
        final long writesAtOpen;
        final int number;

        OpenSnapshot(Snapshot<Integer, Map<String, Object>> snapshot, Map<Integer, ModelEntry> view, long openedAt,
                long writesAtOpen, int number) {
            this.snapshot = snapshot;
            this.view = view;
            this.openedAt = openedAt;
            this.writesAtOpen = writesAtOpen;
            this.number = number;
        }

        @Override
        public String toString() {
            return "snapshot#" + number + "(readPoint=" + snapshot.readPoint() + ")";
        }
    }

    /** A failure the updater throws on purpose. */
    private static final class DeliberateFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        DeliberateFailure() {
            super("deliberate failure in an updater");
        }
    }

    private static final class ModelRun {
        private static final String[] FIELDS = {"a", "b", "name", "n", "tags", "nested", "x"};

        final long seed;
        final int operations;
        final Random random;
        final MutableClock clock = MutableClock.startingAt("2026-01-01T00:00:00Z");
        final DocumentStore<Integer, Map<String, Object>> store;
        final Map<Integer, ModelEntry> model = new HashMap<>();
        final List<OpenSnapshot> snapshots = new ArrayList<>();
        final Map<String, Integer> outcomes = new TreeMap<>();
        final Deque<String> trace = new ArrayDeque<>();
        final List<Long> usedVersions = new ArrayList<>();
        final int totalWeight;
        /** {@code figures().lastVersion()} as the model expects it: moves only when a write is applied. */
        long lastVersion;
        /** Writes applied so far (removals included), to bound what open snapshots may retain. */
        long appliedWrites;
        int step;
        int snapshotNumber;
        /** The first time the figures were inexact in a quiet store (a lesser fault than wrong data). */
        String figureAnomaly;

        ModelRun(long seed, int operations) {
            this.seed = seed;
            this.operations = operations;
            this.random = new Random(seed);
            this.store = DocumentStore.<Integer, Map<String, Object>>builder()
                    .name("model-" + seed).clock(clock).maxSnapshotAge(MAX_SNAPSHOT_AGE).build();
            int total = 0;
            for (Op op : Op.values()) {
                total += op.weight;
            }
            this.totalWeight = total;
        }

        void execute() {
            try {
                for (step = 0; step < operations; step++) {
                    advanceClock();
                    performOneOperation();
                    checkInvariants();
                }
                finish();
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed=" + seed + " step=" + step + " (of " + operations + "; replay with"
                        + " -Ddocstore.seed=" + seed + " -Ddocstore.ops=" + (step + 1) + ")\nlast operations, oldest"
                        + " first:\n  " + String.join("\n  ", trace) + "\nfailure: " + e.getMessage(), e);
            } finally {
                if (!store.isClosed()) {
                    store.close();
                }
            }
            if (figureAnomaly != null) {
                throw new AssertionError(figureAnomaly);
            }
        }

        private void note(String description) {
            if (trace.size() == TRACE_LENGTH) {
                trace.removeFirst();
            }
            trace.addLast("#" + step + " t=" + clock.millis() + " " + description);
        }

        private void outcome(String name) {
            outcomes.merge(name, 1, Integer::sum);
        }

        private void advanceClock() {
            int roll = random.nextInt(5000);
            if (roll == 0) {
                clock.advance(MAX_SNAPSHOT_AGE.plusMillis(1 + random.nextInt(1000))); // every open snapshot too old
            } else if (roll < 8) {
                clock.advance(Duration.ofMillis(random.nextInt((int) MAX_SNAPSHOT_AGE.toMillis())));
            } else if (roll < 2500) {
                clock.advance(Duration.ofMillis(random.nextInt(4)));
            }
        }

        private void performOneOperation() {
            if (random.nextInt(2000) == 0) {
                clear();
                return;
            }
            if (random.nextInt(1500) == 0) {
                copy();
                return;
            }
            int roll = random.nextInt(totalWeight);
            Op op = null;
            for (Op candidate : Op.values()) {
                roll -= candidate.weight;
                if (roll < 0) {
                    op = candidate;
                    break;
                }
            }
            switch (op) {
                case GET -> get();
                case VALUE -> value();
                case CONTAINS_KEY -> containsKey();
                case SIZE -> size();
                case PUT -> put();
                case PUT_IF_ABSENT -> putIfAbsent();
                case REPLACE -> replace();
                case REPLACE_IF_VERSION -> replaceIfVersion(true);
                case REPLACE_IF_WRONG_VERSION -> replaceIfVersion(false);
                case REMOVE -> remove();
                case REMOVE_IF_VERSION -> removeIfVersion(true);
                case REMOVE_IF_WRONG_VERSION -> removeIfVersion(false);
                case UPDATE -> update();
                case UPDATE_THROWS -> updateThrows();
                case INVALID_ARGUMENT -> invalidArgument();
                case OPEN_SNAPSHOT -> openSnapshot();
                case SNAPSHOT_GET, SNAPSHOT_CONTAINS_KEY, SNAPSHOT_COUNT, SNAPSHOT_STREAM, SNAPSHOT_CURSOR ->
                        readSnapshot(op);
                case CLOSE_SNAPSHOT -> closeSnapshot();
                case STORE_STREAM -> storeStream();
                case STORE_CURSOR -> storeCursor();
                default -> throw new IllegalStateException("unknown operation " + op);
            }
        }

        // ---------------------------------------------------------------------------------------------- keys, values

        private int anyKey() {
            return random.nextInt(KEY_SPACE);
        }

        /** Mostly a key that has a value, so version-checked calls mostly find one. */
        private int likelyLiveKey() {
            if (!model.isEmpty() && random.nextInt(10) < 8) {
                List<Integer> live = new ArrayList<>(model.keySet());
                Collections.sort(live); // HashMap order is deterministic, but sorted is obviously so
                return live.get(random.nextInt(live.size()));
            }
            return anyKey();
        }

        private Map<String, Object> randomDocument() {
            return randomMap(0);
        }

        private Map<String, Object> randomMap(int depth) {
            Map<String, Object> map = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
            int fields = random.nextInt(4) + (depth == 0 ? 1 : 0);
            for (int i = 0; i < fields; i++) {
                map.put(FIELDS[random.nextInt(FIELDS.length)], randomValue(depth));
            }
            return map;
        }

        private Object randomValue(int depth) {
            switch (random.nextInt(depth < 2 ? 9 : 6)) {
                case 0:
                    return random.nextInt(100);
                case 1:
                    return random.nextInt(1000) * 1_000_000_007L;
                case 2:
                    return "s" + random.nextInt(20);
                case 3:
                    return random.nextBoolean();
                case 4:
                    return null;
                case 5:
                    return random.nextInt(8) / 4.0;
                case 6:
                case 7:
                    return randomMap(depth + 1);
                default:
                    List<Object> list = new ArrayList<>();
                    int size = random.nextInt(4);
                    for (int i = 0; i < size; i++) {
                        list.add(randomValue(depth + 1));
                    }
                    return list;
            }
        }

        @SuppressWarnings("unchecked") // a copy of a Map<String, ?> document is a Map<String, Object>
        private static Map<String, Object> deepCopy(Map<String, Object> document) {
            return (Map<String, Object>) deepCopyValue(document);
        }

        private static Object deepCopyValue(Object value) {
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> copy = new HashMap<>();
                map.forEach((k, v) -> copy.put((String) k, deepCopyValue(v)));
                return copy;
            }
            if (value instanceof List<?> list) {
                List<Object> copy = new ArrayList<>();
                list.forEach(element -> copy.add(deepCopyValue(element)));
                return copy;
            }
            return value;
        }

        /** Changes the caller's document after the store took it: the store's frozen copy must not notice. */
        @SuppressWarnings("unchecked") // the documents built here are Map<String, Object> and List<Object> trees
        private void maybeVandalise(Object value) {
            if (random.nextInt(4) != 0) {
                return;
            }
            if (value instanceof Map<?, ?> map) {
                Map<String, Object> document = (Map<String, Object>) map;
                for (Object nested : new ArrayList<>(document.values())) {
                    maybeVandalise(nested);
                }
                document.put("vandalised", step);
            } else if (value instanceof List<?> list) {
                ((List<Object>) list).add("vandalised");
            }
        }

        /** A document the store must refuse, and the reason it does. */
        private Map<String, Object> invalidDocument() {
            Map<String, Object> document = randomDocument();
            Map<String, Object> holder = document;
            if (random.nextBoolean()) {
                holder = new HashMap<>();
                document.put("deep", List.of(1, holder));
            }
            switch (random.nextInt(5)) {
                case 0 -> holder.put("bad", Set.of(1, 2));
                case 1 -> holder.put("bad", new Object());
                case 2 -> holder.put("bad", new StringBuilder("mutable"));
                case 3 -> {
                    Map<Object, Object> numericKeys = new HashMap<>();
                    numericKeys.put(1, "one");
                    holder.put("bad", numericKeys);
                }
                default -> {
                    List<Object> cycle = new ArrayList<>();
                    cycle.add(document);
                    holder.put("bad", cycle);
                }
            }
            return document;
        }

        // ---------------------------------------------------------------------------------------------- checks

        private void assertEntry(String what, Entry<Integer, Map<String, Object>> actual, int key,
                ModelEntry expected) {
            if (expected == null) {
                if (actual != null) {
                    fail("%s of key %d: expected no entry but got %s", what, key, actual);
                }
                return;
            }
            if (actual == null) {
                fail("%s of key %d: expected version %d (%s) but got no entry", what, key, expected.version(),
                        expected.value());
            }
            assertThat(actual.key()).as("%s: key", what).isEqualTo(key);
            assertThat(actual.version()).as("%s of key %d: version", what, key).isEqualTo(expected.version());
            assertThat(actual.createdMillis()).as("%s of key %d: created", what, key).isEqualTo(expected.created());
            assertThat(actual.updatedMillis()).as("%s of key %d: updated", what, key).isEqualTo(expected.updated());
            assertThat(actual.created().toEpochMilli()).isEqualTo(expected.created());
            assertThat(actual.value()).as("%s of key %d: value", what, key).isEqualTo(expected.value());
            assertThat(actual.value()).as("%s of key %d: the stored document is shared, not copied", what, key)
                    .isSameAs(expected.stored());
        }

        private void assertContents(String what, Map<Integer, Entry<Integer, Map<String, Object>>> actual,
                Map<Integer, ModelEntry> expected) {
            assertThat(actual.keySet()).as("%s: keys", what).isEqualTo(expected.keySet());
            expected.forEach((key, entry) -> assertEntry(what, actual.get(key), key, entry));
        }

        private Map<Integer, Entry<Integer, Map<String, Object>>> collect(String what,
                Iterator<Entry<Integer, Map<String, Object>>> entries) {
            Map<Integer, Entry<Integer, Map<String, Object>>> map = new HashMap<>();
            while (entries.hasNext()) {
                Entry<Integer, Map<String, Object>> entry = entries.next();
                if (map.put(entry.key(), entry) != null) {
                    fail("%s returned key %d twice", what, entry.key());
                }
            }
            return map;
        }

        /** Checks a write the store applied and teaches the model its version. */
        private void expectWritten(String what, int key, ModelEntry before, Map<String, Object> expectedValue,
                Entry<Integer, Map<String, Object>> written) {
            assertThat(written).as("%s: the written entry", what).isNotNull();
            assertThat(written.key()).as("%s: key", what).isEqualTo(key);
            assertThat(written.value()).as("%s: value", what).isEqualTo(expectedValue);
            assertThat(Documents.isFrozen(written.value())).as("%s: the stored document is frozen", what).isTrue();
            long version = written.version();
            if (version <= lastVersion) {
                fail("%s on key %d: version %d is not above the last version handed out, %d", what, key, version,
                        lastVersion);
            }
            if (before != null && version <= before.version()) {
                fail("%s on key %d: version %d is not above the key's previous version %d", what, key, version,
                        before.version());
            }
            long now = clock.millis();
            assertThat(written.updatedMillis()).as("%s: updated", what).isEqualTo(now);
            assertThat(written.createdMillis()).as("%s: created (%s)", what, before == null ? "new key" : "kept")
                    .isEqualTo(before == null ? now : before.created());
            if (random.nextInt(50) == 0) {
                assertThatThrownBy(() -> written.value().put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
            }
            lastVersion = version;
            appliedWrites++;
            usedVersions.add(version);
            model.put(key, new ModelEntry(expectedValue, written.value(), version, written.createdMillis(), now));
        }

        /** Checks a removal the store applied; the removed entry is the one the model had. */
        private void expectRemoved(String what, int key, ModelEntry before,
                Entry<Integer, Map<String, Object>> removed) {
            assertThat(before).as("%s: the model had key %d", what, key).isNotNull();
            assertEntry(what + ": the removed entry", removed, key, before);
            long figure = store.figures().lastVersion();
            assertThat(figure).as("%s: the last version handed out", what).isGreaterThanOrEqualTo(lastVersion);
            lastVersion = figure;
            appliedWrites++;
            model.remove(key);
        }

        private int youngSnapshots() {
            int young = 0;
            for (OpenSnapshot open : snapshots) {
                if (!isTooOld(open)) {
                    young++;
                }
            }
            return young;
        }

        private boolean isTooOld(OpenSnapshot open) {
            return clock.millis() - open.openedAt > MAX_SNAPSHOT_AGE.toMillis();
        }

        /**
         * After every operation. Versions held: with no snapshot open, exactly one per document; otherwise (every
         * fourth step) at least what the snapshots that cannot have expired can read, and at most one per key plus one
         * per write since the oldest snapshot that may still be open was opened (anything more is a leak).
         */
        private void checkInvariants() {
            StoreFigures figures = store.figures();
            assertThat(figures.documents()).as("figures().documents() %s", figures).isEqualTo(model.size());
            assertThat(figures.lastVersion()).as("figures().lastVersion() %s", figures).isEqualTo(lastVersion);
            assertThat(figures.openSnapshots()).as("figures().openSnapshots() %s with %s open in the model, of which"
                    + " %d are not too old", figures, snapshots, youngSnapshots())
                    .isBetween(youngSnapshots(), snapshots.size());
            if (snapshots.isEmpty()) {
                assertThat(figures.versions()).as("versions with no snapshot open: %s", figures)
                        .isEqualTo(model.size());
                if (figures.keysWithHistory() != 0 && figureAnomaly == null) {
                    // recorded, not thrown, so the run goes on checking everything else; reported at the end
                    figureAnomaly = "seed=" + seed + " step=" + step + " (replay with -Ddocstore.seed=" + seed
                            + " -Ddocstore.ops=" + (step + 1) + "): figures().keysWithHistory() is "
                            + figures.keysWithHistory() + " with no snapshot open and no version retained: " + figures
                            + "\nlast operations, oldest first:\n  " + String.join("\n  ", trace);
                }
                return;
            }
            if (step % 4 != 0 && step < operations) {
                return; // the bounds below cost more than the rest; every fourth step is enough
            }
            Set<Long> needed = new HashSet<>();
            Set<Integer> deletionsNeeded = new HashSet<>();
            model.values().forEach(entry -> needed.add(entry.version()));
            long oldestWrites = appliedWrites;
            for (OpenSnapshot open : snapshots) {
                oldestWrites = Math.min(oldestWrites, open.writesAtOpen);
                if (isTooOld(open)) {
                    continue; // the store may have let it go already
                }
                open.view.forEach((key, entry) -> {
                    needed.add(entry.version());
                    if (!model.containsKey(key)) {
                        deletionsNeeded.add(key);
                    }
                });
            }
            long atLeast = needed.size() + deletionsNeeded.size();
            long atMost = KEY_SPACE + (appliedWrites - oldestWrites);
            assertThat(figures.versions()).as("versions held %s; open: %s", figures, snapshots)
                    .isBetween(atLeast, atMost);
        }

        // ---------------------------------------------------------------------------------------------- reads

        private void get() {
            int key = anyKey();
            note("get(" + key + ")");
            assertEntry("get", store.get(key), key, model.get(key));
            outcome("get");
        }

        private void value() {
            int key = anyKey();
            note("value(" + key + ")");
            ModelEntry expected = model.get(key);
            Map<String, Object> value = store.value(key);
            if (expected == null) {
                assertThat(value).as("value(%d)", key).isNull();
            } else {
                assertThat(value).as("value(%d)", key).isSameAs(expected.stored()).isEqualTo(expected.value());
            }
            outcome("value");
        }

        private void containsKey() {
            int key = anyKey();
            note("containsKey(" + key + ")");
            assertThat(store.containsKey(key)).as("containsKey(%d)", key).isEqualTo(model.containsKey(key));
            outcome("containsKey");
        }

        private void size() {
            note("size()");
            assertThat(store.size()).as("size()").isEqualTo(model.size());
            outcome("size");
        }

        // ---------------------------------------------------------------------------------------------- writes

        private void put() {
            int key = anyKey();
            Map<String, Object> document = randomDocument();
            Map<String, Object> expected = deepCopy(document);
            ModelEntry before = model.get(key);
            note("put(" + key + ")");
            Entry<Integer, Map<String, Object>> written = store.put(key, document);
            maybeVandalise(document);
            expectWritten("put", key, before, expected, written);
            outcome(before == null ? "put.insert" : "put.overwrite");
        }

        private void putIfAbsent() {
            int key = anyKey();
            Map<String, Object> document = randomDocument();
            Map<String, Object> expected = deepCopy(document);
            ModelEntry before = model.get(key);
            note("putIfAbsent(" + key + ")");
            WriteResult<Integer, Map<String, Object>> result = store.putIfAbsent(key, document);
            maybeVandalise(document);
            if (before != null) {
                assertThat(result.applied()).as("putIfAbsent on a present key applied").isFalse();
                assertEntry("putIfAbsent previous", result.previous(), key, before);
                assertEntry("putIfAbsent current", result.current(), key, before);
                outcome("putIfAbsent.present");
            } else {
                assertThat(result.applied()).as("putIfAbsent on an absent key applied").isTrue();
                assertThat(result.previous()).as("putIfAbsent previous").isNull();
                expectWritten("putIfAbsent", key, null, expected, result.current());
                outcome("putIfAbsent.applied");
            }
        }

        private void replace() {
            int key = anyKey();
            Map<String, Object> document = randomDocument();
            Map<String, Object> expected = deepCopy(document);
            ModelEntry before = model.get(key);
            note("replace(" + key + ")");
            WriteResult<Integer, Map<String, Object>> result = store.replace(key, document);
            maybeVandalise(document);
            if (before == null) {
                assertThat(result.applied()).as("replace on an absent key applied").isFalse();
                assertThat(result.previous()).as("replace previous").isNull();
                assertThat(result.current()).as("replace current").isNull();
                outcome("replace.absent");
            } else {
                assertThat(result.applied()).as("replace on a present key applied").isTrue();
                assertEntry("replace previous", result.previous(), key, before);
                expectWritten("replace", key, before, expected, result.current());
                outcome("replace.applied");
            }
        }

        private long wrongVersion(ModelEntry current) {
            if (current == null) {
                return 1 + random.nextInt(Math.max(1, (int) Math.min(Integer.MAX_VALUE - 1, lastVersion + 5)));
            }
            long version = current.version();
            long wrong;
            switch (random.nextInt(4)) {
                case 0 -> wrong = version + 1 + random.nextInt(3);
                case 1 -> wrong = version - 1 - random.nextInt(3);
                case 2 -> wrong = Long.MAX_VALUE;
                default -> wrong = usedVersions.isEmpty() ? version + 7
                        : usedVersions.get(random.nextInt(usedVersions.size()));
            }
            return wrong <= 0 || wrong == version ? version + 1 : wrong;
        }

        private void replaceIfVersion(boolean rightVersion) {
            int key = likelyLiveKey();
            ModelEntry before = model.get(key);
            long expectedVersion = rightVersion && before != null ? before.version() : wrongVersion(before);
            Map<String, Object> document = randomDocument();
            Map<String, Object> expected = deepCopy(document);
            note("replace(" + key + ", version " + expectedVersion + "), current "
                    + (before == null ? "absent" : before.version()));
            if (before == null) {
                assertThatThrownBy(() -> store.replace(key, expectedVersion, document))
                        .isInstanceOfSatisfying(DocumentNotFoundException.class,
                                e -> assertThat(e.key()).isEqualTo(key));
                outcome("replaceIfVersion.notFound");
            } else if (expectedVersion != before.version()) {
                assertThatThrownBy(() -> store.replace(key, expectedVersion, document))
                        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                            assertThat(e.key()).isEqualTo(key);
                            assertThat(e.expectedVersion()).isEqualTo(expectedVersion);
                            assertThat(e.currentVersion()).as("currentVersion").isEqualTo(before.version());
                        });
                outcome("replaceIfVersion.conflict");
            } else {
                Entry<Integer, Map<String, Object>> written = store.replace(key, expectedVersion, document);
                maybeVandalise(document);
                expectWritten("replace-if-version", key, before, expected, written);
                outcome("replaceIfVersion.applied");
            }
        }

        private void remove() {
            int key = anyKey();
            ModelEntry before = model.get(key);
            note("remove(" + key + ")");
            Entry<Integer, Map<String, Object>> removed = store.remove(key);
            if (before == null) {
                assertThat(removed).as("remove(%d) of an absent key", key).isNull();
                outcome("remove.absent");
            } else {
                expectRemoved("remove", key, before, removed);
                outcome("remove.removed");
            }
        }

        private void removeIfVersion(boolean rightVersion) {
            int key = likelyLiveKey();
            ModelEntry before = model.get(key);
            long expectedVersion = rightVersion && before != null ? before.version() : wrongVersion(before);
            note("remove(" + key + ", version " + expectedVersion + "), current "
                    + (before == null ? "absent" : before.version()));
            if (before == null) {
                assertThatThrownBy(() -> store.remove(key, expectedVersion))
                        .isInstanceOfSatisfying(DocumentNotFoundException.class,
                                e -> assertThat(e.key()).isEqualTo(key));
                outcome("removeIfVersion.notFound");
            } else if (expectedVersion != before.version()) {
                assertThatThrownBy(() -> store.remove(key, expectedVersion))
                        .isInstanceOfSatisfying(VersionConflictException.class, e -> {
                            assertThat(e.key()).isEqualTo(key);
                            assertThat(e.expectedVersion()).isEqualTo(expectedVersion);
                            assertThat(e.currentVersion()).as("currentVersion").isEqualTo(before.version());
                        });
                outcome("removeIfVersion.conflict");
            } else {
                expectRemoved("remove-if-version", key, before, store.remove(key, expectedVersion));
                outcome("removeIfVersion.removed");
            }
        }

        private void update() {
            int key = anyKey();
            ModelEntry before = model.get(key);
            int decision = random.nextInt(3); // keep, put, remove
            Map<String, Object> document = randomDocument();
            Map<String, Object> expected = deepCopy(document);
            note("update(" + key + ", " + (decision == 0 ? "keep" : decision == 1 ? "put" : "remove") + ")");
            int[] calls = new int[1];
            WriteResult<Integer, Map<String, Object>> result = store.update(key, (k, current) -> {
                calls[0]++;
                assertThat(k).isEqualTo(key);
                assertEntry("the updater's current entry", current, key, before);
                if (decision == 0) {
                    return Change.keep();
                }
                if (decision == 1) {
                    return Change.put(document);
                }
                return Change.remove();
            });
            maybeVandalise(document);
            assertThat(calls[0]).as("updater calls with no other writer").isEqualTo(1);
            if (decision == 0 || (decision == 2 && before == null)) {
                assertThat(result.applied()).as("update applied").isFalse();
                assertEntry("update previous", result.previous(), key, before);
                assertEntry("update current", result.current(), key, before);
                outcome(decision == 0 ? "update.keep" : "update.removeAbsent");
            } else if (decision == 1) {
                assertThat(result.applied()).as("update applied").isTrue();
                assertEntry("update previous", result.previous(), key, before);
                expectWritten("update", key, before, expected, result.current());
                outcome(before == null ? "update.insert" : "update.put");
            } else {
                assertThat(result.applied()).as("update applied").isTrue();
                assertThat(result.current()).as("update current after removal").isNull();
                expectRemoved("update-remove", key, before, result.previous());
                outcome("update.remove");
            }
        }

        private void updateThrows() {
            int key = anyKey();
            note("update(" + key + ", throws)");
            DeliberateFailure failure = new DeliberateFailure();
            assertThatThrownBy(() -> store.update(key, (k, current) -> {
                throw failure;
            })).isSameAs(failure);
            outcome("update.throws");
        }

        /** Bad arguments are refused before the key's state is looked at, and change nothing. */
        private void invalidArgument() {
            int key = anyKey();
            int kind = random.nextInt(12);
            note("invalid argument #" + kind + " on key " + key);
            long anyVersion = 1 + random.nextInt(1000);
            long nonPositive = -random.nextInt(3);
            switch (kind) {
                case 0 -> assertThatThrownBy(() -> store.put(null, randomDocument()))
                        .isInstanceOf(NullPointerException.class);
                case 1 -> assertThatThrownBy(() -> store.put(key, null)).isInstanceOf(NullPointerException.class);
                case 2 -> assertThatThrownBy(() -> store.put(key, invalidDocument()))
                        .isInstanceOf(InvalidDocumentException.class);
                case 3 -> assertThatThrownBy(() -> store.putIfAbsent(key, invalidDocument()))
                        .isInstanceOf(InvalidDocumentException.class);
                case 4 -> assertThatThrownBy(() -> store.replace(key, invalidDocument()))
                        .isInstanceOf(InvalidDocumentException.class);
                case 5 -> assertThatThrownBy(() -> store.replace(key, anyVersion, invalidDocument()))
                        .isInstanceOf(InvalidDocumentException.class); // even when the key or version is wrong
                case 6 -> assertThatThrownBy(() -> store.replace(key, nonPositive, randomDocument()))
                        .isInstanceOf(IllegalArgumentException.class);
                case 7 -> assertThatThrownBy(() -> store.remove(key, nonPositive))
                        .isInstanceOf(IllegalArgumentException.class);
                case 8 -> {
                    Map<String, Object> invalid = invalidDocument();
                    assertThatThrownBy(() -> store.update(key, (k, current) -> Change.put(invalid)))
                            .isInstanceOf(InvalidDocumentException.class);
                }
                case 9 -> assertThatThrownBy(() -> store.update(key, (k, current) -> null))
                        .isInstanceOf(NullPointerException.class);
                case 10 -> assertThatThrownBy(() -> store.update(key, null)).isInstanceOf(NullPointerException.class);
                default -> assertThatThrownBy(() -> store.get(null)).isInstanceOf(NullPointerException.class);
            }
            assertEntry("after a refused call", store.get(key), key, model.get(key));
            outcome("invalid.argument");
        }

        private void clear() {
            note("clear() of " + model.size() + " documents");
            long removed = model.size();
            store.clear();
            assertThat(store.size()).as("size after clear").isZero();
            long figure = store.figures().lastVersion();
            assertThat(figure).isGreaterThanOrEqualTo(lastVersion);
            lastVersion = figure;
            appliedWrites += removed;
            model.clear();
            outcome("clear");
        }

        // ---------------------------------------------------------------------------------------------- snapshots

        private void openSnapshot() {
            if (snapshots.size() >= MAX_OPEN_SNAPSHOTS) {
                closeSnapshot();
            }
            Snapshot<Integer, Map<String, Object>> snapshot = store.snapshot();
            OpenSnapshot open = new OpenSnapshot(snapshot, new HashMap<>(model), clock.millis(), appliedWrites,
                    ++snapshotNumber);
            note("open " + open);
            snapshots.add(open);
            assertThat(snapshot.isOpen()).isTrue();
            long newest = model.values().stream().mapToLong(ModelEntry::version).max().orElse(0);
            assertThat(snapshot.readPoint()).as("readPoint").isBetween(newest, lastVersion);
            outcome("snapshot.open");
        }

        private void readSnapshot(Op op) {
            if (snapshots.isEmpty()) {
                openSnapshot();
                return;
            }
            OpenSnapshot open = snapshots.get(random.nextInt(snapshots.size()));
            Snapshot<Integer, Map<String, Object>> snapshot = open.snapshot;
            int key = anyKey();
            note(op + " on " + open + (op == Op.SNAPSHOT_GET || op == Op.SNAPSHOT_CONTAINS_KEY ? " key " + key : "")
                    + " age " + (clock.millis() - open.openedAt) + "ms");
            if (isTooOld(open)) {
                assertThatThrownBy(() -> readOnce(op, snapshot, key))
                        .as("reading %s, older than the maximum age", open)
                        .isInstanceOf(SnapshotExpiredException.class);
                assertThat(snapshot.isOpen()).isFalse();
                snapshot.close(); // harmless
                snapshots.remove(open);
                outcome("snapshot.expired");
                return;
            }
            assertThat(snapshot.isOpen()).as("%s is open", open).isTrue();
            String what = op + " on " + open;
            switch (op) {
                case SNAPSHOT_GET -> {
                    assertEntry(what, snapshot.get(key), key, open.view.get(key));
                    outcome("snapshot.get");
                }
                case SNAPSHOT_CONTAINS_KEY -> {
                    assertThat(snapshot.containsKey(key)).as(what).isEqualTo(open.view.containsKey(key));
                    outcome("snapshot.containsKey");
                }
                case SNAPSHOT_COUNT -> {
                    assertThat(snapshot.count()).as(what).isEqualTo(open.view.size());
                    outcome("snapshot.count");
                }
                case SNAPSHOT_STREAM -> {
                    try (Stream<Entry<Integer, Map<String, Object>>> stream = snapshot.stream()) {
                        assertContents(what, collect(what, stream.iterator()), open.view);
                    }
                    outcome("snapshot.stream");
                }
                default -> {
                    try (Cursor<Integer, Map<String, Object>> cursor = snapshot.cursor()) {
                        walkCursor(what, cursor, open.view);
                    }
                    assertThat(snapshot.isOpen()).as("closing its cursor leaves the snapshot open").isTrue();
                    assertThat(snapshot.count()).isEqualTo(open.view.size());
                    outcome("snapshot.cursor");
                }
            }
        }

        private static void readOnce(Op op, Snapshot<Integer, Map<String, Object>> snapshot, int key) {
            switch (op) {
                case SNAPSHOT_GET -> snapshot.get(key);
                case SNAPSHOT_CONTAINS_KEY -> snapshot.containsKey(key);
                case SNAPSHOT_COUNT -> snapshot.count();
                case SNAPSHOT_STREAM -> snapshot.stream().forEach(entry -> { });
                default -> {
                    try (Cursor<Integer, Map<String, Object>> cursor = snapshot.cursor()) {
                        cursor.count();
                    }
                }
            }
        }

        private void closeSnapshot() {
            if (snapshots.isEmpty()) {
                return;
            }
            OpenSnapshot open = snapshots.remove(random.nextInt(snapshots.size()));
            note("close " + open);
            open.snapshot.close();
            assertThat(open.snapshot.isOpen()).isFalse();
            assertThatThrownBy(() -> open.snapshot.get(0)).isInstanceOf(SnapshotClosedException.class);
            assertThatThrownBy(open.snapshot::count).isInstanceOf(SnapshotClosedException.class);
            open.snapshot.close(); // idempotent
            outcome("snapshot.close");
        }

        /** Walks a cursor every way it can move and checks what it returns against the expected contents. */
        private void walkCursor(String what, Cursor<Integer, Map<String, Object>> cursor,
                Map<Integer, ModelEntry> expected) {
            int n = expected.size();
            assertThat(cursor.count()).as("%s count()", what).isEqualTo(n);
            assertThat(cursor.position()).as("%s position before the first", what).isEqualTo(-1);
            assertThat(cursor.hasPrevious()).isFalse();
            assertThatThrownBy(cursor::current).isInstanceOf(NoSuchElementException.class);
            List<Entry<Integer, Map<String, Object>>> forward = new ArrayList<>();
            while (cursor.hasNext()) {
                forward.add(cursor.next());
                assertThat(cursor.position()).isEqualTo(forward.size() - 1);
            }
            assertContents(what + " forward walk", collect(what, forward.iterator()), expected);
            assertThatThrownBy(cursor::next).isInstanceOf(NoSuchElementException.class);
            if (n == 0) {
                assertThat(cursor.position()).isEqualTo(-1);
                return;
            }
            assertThat(cursor.position()).as("%s position after a failed next()", what).isEqualTo(n - 1);
            assertThat(cursor.current()).isSameAs(forward.get(n - 1));
            for (int i = n - 2; i >= 0; i--) {
                assertThat(cursor.previous()).as("%s previous() to %d", what, i).isSameAs(forward.get(i));
            }
            assertThat(cursor.hasPrevious()).isFalse();
            assertThatThrownBy(cursor::previous).isInstanceOf(NoSuchElementException.class);
            assertThat(cursor.position()).isZero();
            int target = random.nextInt(n);
            cursor.reset();
            assertThat(cursor.position()).isEqualTo(-1);
            assertThat(cursor.advance(target + 1)).as("%s advance(%d)", what, target + 1).isSameAs(forward.get(target));
            try (Cursor<Integer, Map<String, Object>> copy = cursor.copy()) {
                assertThat(copy.position()).isEqualTo(target);
                assertThat(copy.current()).isSameAs(forward.get(target));
                copy.reset();
                assertThat(copy.next()).isSameAs(forward.get(0));
            }
            assertThat(cursor.position()).as("%s: moving a copy leaves the original", what).isEqualTo(target);
            assertThatThrownBy(() -> cursor.advance(n)).isInstanceOf(NoSuchElementException.class);
            assertThat(cursor.position()).isEqualTo(target);
            assertThat(cursor.advance(-target)).isSameAs(forward.get(0));
        }

        private void storeStream() {
            boolean partly = random.nextBoolean();
            note("store.stream()" + (partly ? " read partly" : ""));
            try (Stream<Entry<Integer, Map<String, Object>>> stream = store.stream()) {
                if (partly) {
                    Iterator<Entry<Integer, Map<String, Object>>> iterator = stream.iterator();
                    for (int i = 0; i < 3 && iterator.hasNext(); i++) {
                        Entry<Integer, Map<String, Object>> entry = iterator.next();
                        assertEntry("store.stream()", entry, entry.key(), model.get(entry.key()));
                    }
                } else {
                    assertContents("store.stream()", collect("store.stream()", stream.iterator()), model);
                }
                assertThat(store.figures().openSnapshots()).as("the stream's snapshot is open")
                        .isBetween(youngSnapshots() + 1, snapshots.size() + 1);
            }
            outcome("store.stream");
        }

        private void storeCursor() {
            note("store.cursor()");
            Cursor<Integer, Map<String, Object>> cursor = store.cursor();
            Cursor<Integer, Map<String, Object>> copy;
            try {
                walkCursor("store.cursor()", cursor, model);
                copy = cursor.copy();
            } finally {
                cursor.close();
            }
            try (copy) {
                // the original is closed, but its copy still owns the snapshot
                assertThatThrownBy(cursor::next).isInstanceOf(SnapshotClosedException.class);
                assertThat(copy.count()).isEqualTo(model.size());
                assertThat(store.figures().openSnapshots()).as("the copy's snapshot is open")
                        .isBetween(youngSnapshots() + 1, snapshots.size() + 1);
            }
            cursor.close(); // idempotent
            outcome("store.cursor");
        }

        // ---------------------------------------------------------------------------------------------- copies

        private void copy() {
            boolean transformed = random.nextBoolean();
            note("copy()" + (transformed ? " with a transform" : ""));
            BiFunction<Integer, Map<String, Object>, Map<String, Object>> transform = (key, value) ->
                    key % 3 == 0 ? null : key % 3 == 1 ? value : Map.of("copied", key, "from", value);
            Map<Integer, Map<String, Object>> expectedValues = new HashMap<>();
            model.forEach((key, entry) -> {
                Map<String, Object> value = transformed ? transform.apply(key, entry.value()) : entry.value();
                if (value != null) {
                    expectedValues.put(key, value);
                }
            });
            try (DocumentStore<Integer, Map<String, Object>> copy =
                    transformed ? store.copy(transform) : store.copy()) {
                assertThat(copy.size()).as("copy size").isEqualTo(expectedValues.size());
                StoreFigures figures = copy.figures();
                assertThat(figures.documents()).isEqualTo(expectedValues.size());
                assertThat(figures.versions()).isEqualTo(expectedValues.size());
                assertThat(figures.openSnapshots()).isZero();
                assertThat(figures.lastVersion()).as("copy's last version").isLessThanOrEqualTo(lastVersion);
                for (int key = 0; key < KEY_SPACE; key++) {
                    Entry<Integer, Map<String, Object>> entry = copy.get(key);
                    Map<String, Object> value = expectedValues.get(key);
                    if (value == null) {
                        assertThat(entry).as("copy get(%d)", key).isNull();
                        continue;
                    }
                    ModelEntry original = model.get(key);
                    assertThat(entry).as("copy get(%d)", key).isNotNull();
                    assertThat(entry.value()).as("copy value of %d", key).isEqualTo(value);
                    assertThat(entry.version()).as("copy version of %d", key).isEqualTo(original.version());
                    assertThat(figures.lastVersion()).isGreaterThanOrEqualTo(original.version());
                    assertThat(entry.createdMillis()).isEqualTo(original.created());
                    assertThat(entry.updatedMillis()).isEqualTo(original.updated());
                }
                // the copy is independent: writing to it leaves the original alone, and its versions go on upwards
                int key = anyKey();
                Entry<Integer, Map<String, Object>> written = copy.put(key, Map.of("only", "in the copy"));
                assertThat(written.version()).isGreaterThan(figures.lastVersion());
                assertThat(copy.get(key)).isSameAs(written);
                assertThat(written.createdMillis()).as("created in the copy")
                        .isEqualTo(expectedValues.containsKey(key) ? model.get(key).created() : clock.millis());
                assertEntry("the original after writing to its copy", store.get(key), key, model.get(key));
            }
            outcome("copy");
        }

        // ---------------------------------------------------------------------------------------------- the end

        private void finish() {
            note("finish: close " + snapshots);
            for (OpenSnapshot open : new ArrayList<>(snapshots)) {
                open.snapshot.close();
            }
            snapshots.clear();
            checkInvariants();
            StoreFigures figures = store.figures();
            assertThat(figures.documents()).isEqualTo(model.size());
            assertThat(figures.retainedVersions()).as("retained versions once every snapshot is closed: %s", figures)
                    .isZero();
            assertThat(figures.versions()).isEqualTo(model.size());
            assertThat(figures.openSnapshots()).isZero();
            try (Stream<Entry<Integer, Map<String, Object>>> stream = store.stream()) {
                assertContents("final contents", collect("final contents", stream.iterator()), model);
            }
            Snapshot<Integer, Map<String, Object>> lastOne = store.snapshot();
            store.close();
            assertThat(store.isClosed()).isTrue();
            assertThat(lastOne.isOpen()).isFalse();
            assertThatThrownBy(() -> lastOne.get(0)).isInstanceOf(StoreClosedException.class);
            assertThatThrownBy(() -> store.get(0)).isInstanceOf(StoreClosedException.class);
            assertThatThrownBy(store::snapshot).isInstanceOf(StoreClosedException.class);
            assertThatThrownBy(() -> store.put(0, Map.of())).isInstanceOf(StoreClosedException.class);
            store.close(); // idempotent
        }
    }
}
