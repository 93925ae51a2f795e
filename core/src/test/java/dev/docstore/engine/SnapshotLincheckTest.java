package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.jetbrains.kotlinx.lincheck.strategy.managed.ManagedStrategyGuaranteeKt.forClasses;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.kotlinx.lincheck.Actor;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.execution.ExecutionScenario;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lincheck over snapshot reads mixed with single-key reads and writes: {@code snapshotGet} opens a snapshot, reads one
 * key and closes the snapshot, so it reads the store at one moment between its invocation and its response and must be
 * linearizable with everything else. The sequential specification is a plain map, on which a snapshot read is a read.
 *
 * <p>Besides random scenarios, model checking runs hand-written ones of the shape that matters most: one thread removes
 * a key while another finds the key absent (through each operation that can find it so) and then opens a snapshot. The
 * snapshot is opened after that thread saw the removal, so it must not see the removed value.
 */
@Param(name = "key", gen = IntGen.class, conf = "1:2")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class SnapshotLincheckTest {
    /** Times play no part here; a fixed clock keeps each invocation cheap and deterministic. */
    private static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static final long UNREACHABLE_VERSION = Long.MAX_VALUE;

    private final DocumentStore<Integer, Integer> store = DocumentStore.<Integer, Integer>builder()
            .clock(FIXED_CLOCK)
            .build();

    /**
     * Opens the first snapshot of this JVM outside Lincheck. {@code Snapshot}'s class initialiser starts the JDK
     * {@code Cleaner}'s thread, which never ends; started inside a model-checked invocation, Lincheck waits for it and
     * reports the execution as hung.
     */
    @BeforeAll
    static void startTheCleanerOutsideLincheck() {
        try (DocumentStore<Integer, Integer> warmUp = DocumentStore.create()) {
            warmUp.snapshot().close();
        }
    }

    @Operation
    public Integer snapshotGet(@Param(name = "key") int key) {
        try (Snapshot<Integer, Integer> snapshot = store.snapshot()) {
            Entry<Integer, Integer> entry = snapshot.get(key);
            return entry == null ? null : entry.value();
        }
    }

    @Operation
    public Integer get(@Param(name = "key") int key) {
        Entry<Integer, Integer> entry = store.get(key);
        return entry == null ? null : entry.value();
    }

    @Operation
    public boolean containsKey(@Param(name = "key") int key) {
        return store.containsKey(key);
    }

    @Operation
    public Integer put(@Param(name = "key") int key, @Param(name = "value") int value) {
        return store.put(key, value).value();
    }

    @Operation
    public Integer remove(@Param(name = "key") int key) {
        Entry<Integer, Integer> previous = store.remove(key);
        return previous == null ? null : previous.value();
    }

    @Operation
    public boolean replace(@Param(name = "key") int key, @Param(name = "value") int value) {
        return store.replace(key, value).applied();
    }

    @Operation
    public String replaceStaleVersion(@Param(name = "key") int key, @Param(name = "value") int value) {
        try {
            store.replace(key, UNREACHABLE_VERSION, value);
            return "written";
        } catch (DocumentNotFoundException e) {
            return "absent";
        } catch (VersionConflictException e) {
            return "conflict";
        }
    }

    /** Increments a present value, leaves an absent key absent: an update that can decide to keep. */
    @Operation
    public Integer incrementIfPresent(@Param(name = "key") int key) {
        Entry<Integer, Integer> current = store.update(key, (k, entry) ->
                entry == null ? Change.keep() : Change.put(entry.value() + 1)).current();
        return current == null ? null : current.value();
    }

    @Test
    void modelChecking() throws NoSuchMethodException {
        ModelCheckingOptions options = StoreLincheckTest.modelCheckingOptions()
                .iterations(5)
                .invocationsPerIteration(50)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(MapModel.class);
        for (String absentObserver : List.of("get", "containsKey", "remove", "replace", "replaceStaleVersion",
                "incrementIfPresent")) {
            options.addCustomScenario(findAbsentThenSnapshotWhileRemoving(absentObserver));
        }
        assertThatCode(() -> LinChecker.check(SnapshotLincheckTest.class, options)).doesNotThrowAnyException();
    }

    /**
     * Two threads open, read and close snapshots while a third writes one key twice: closing a snapshot drains old
     * versions on its thread while the other thread may be opening its own. The key always holds a value, so no
     * snapshot read may answer {@code null} (they once did: the drain reclaimed a version stamped after it decided
     * that no snapshot was opening). Model checking found that interleaving after 200 to 300 invocations of this
     * scenario, with the store's helpers whose atomicity is not in question (the in-flight counter, the JDK's
     * {@code Cleaner}) treated as atomic to keep the search on the reclamation; 1,000 leave a margin.
     */
    @Test
    void modelCheckingTwoSnapshotOpenersAndAWriter() throws NoSuchMethodException {
        ModelCheckingOptions options = StoreLincheckTest.modelCheckingOptions()
                .addGuarantee(forClasses(WritesInFlight.class.getName(), "jdk.internal.ref.CleanerImpl",
                        "jdk.internal.ref.PhantomCleanable").allMethods().treatAsAtomic())
                .iterations(0)
                .invocationsPerIteration(1_000)
                .sequentialSpecification(MapModel.class)
                .addCustomScenario(twoSnapshotOpenersAndAWriter());
        assertThatCode(() -> LinChecker.check(SnapshotLincheckTest.class, options)).doesNotThrowAnyException();
    }

    /** Key 1 holds 1; threads 1 and 2 each read it through a snapshot, twice; thread 3 writes it twice. */
    static ExecutionScenario twoSnapshotOpenersAndAWriter() throws NoSuchMethodException {
        return new ExecutionScenario(
                List.of(actor("put", 1, 1)),
                List.of(List.of(actor("snapshotGet", 1)),
                        List.of(actor("snapshotGet", 1)),
                        List.of(actor("put", 1, 2), actor("put", 1, 3))),
                List.of(),
                null);
    }

    @Test
    void stress() {
        StressOptions options = new StressOptions()
                .iterations(20)
                .invocationsPerIteration(1_000)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(MapModel.class);
        assertThatCode(() -> LinChecker.check(SnapshotLincheckTest.class, options)).doesNotThrowAnyException();
    }

    /**
     * Key 1 holds 1. Thread 1 removes it; thread 2 meanwhile finds it absent through {@code observer} and then reads
     * it through a snapshot it opens afterwards. Whenever thread 2 found the key absent, the removal is ordered before
     * that, and so before the snapshot: the snapshot must read {@code null}.
     */
    static ExecutionScenario findAbsentThenSnapshotWhileRemoving(String observer) throws NoSuchMethodException {
        Actor observe = switch (observer) {
            case "replace", "replaceStaleVersion" -> actor(observer, 1, 2);
            default -> actor(observer, 1);
        };
        return new ExecutionScenario(
                List.of(actor("put", 1, 1)),
                List.of(List.of(actor("remove", 1)), List.of(observe, actor("snapshotGet", 1))),
                List.of(),
                null);
    }

    private static Actor actor(String operation, Object... arguments) throws NoSuchMethodException {
        Class<?>[] types = new Class<?>[arguments.length];
        Arrays.fill(types, int.class);
        return new Actor(SnapshotLincheckTest.class.getMethod(operation, types), List.of(arguments));
    }

    /** The sequential specification: a snapshot read of one key is a plain read. */
    public static final class MapModel {
        private final Map<Integer, Integer> map = new HashMap<>();

        public Integer snapshotGet(int key) {
            return map.get(key);
        }

        public Integer get(int key) {
            return map.get(key);
        }

        public boolean containsKey(int key) {
            return map.containsKey(key);
        }

        public Integer put(int key, int value) {
            map.put(key, value);
            return value;
        }

        public Integer remove(int key) {
            return map.remove(key);
        }

        public boolean replace(int key, int value) {
            return map.replace(key, value) != null;
        }

        public String replaceStaleVersion(int key, int value) {
            return map.containsKey(key) ? "conflict" : "absent";
        }

        public Integer incrementIfPresent(int key) {
            return map.computeIfPresent(key, (k, value) -> value + 1);
        }
    }
}
