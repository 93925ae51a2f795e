package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.jetbrains.kotlinx.lincheck.strategy.managed.ManagedStrategyGuaranteeKt.forClasses;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.managed.modelchecking.ModelCheckingOptions;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck over the single-key operations of {@link DocumentStore} whose results expose no raw version numbers (those
 * come from a store-wide sequence that readers may consume while helping, so they differ between a concurrent run and
 * any sequential one; {@link VersionedHistoryLinearizabilityTest} checks them).
 *
 * <p>The sequential specification is {@link MapModel}, a plain {@link HashMap}: Lincheck checks that every concurrent
 * run is explained by some sequential run of that model, so this checks both linearizability and the sequential
 * semantics. The version-checked operations take part through their version-independent outcomes: a write expecting a
 * version the key can never have must throw {@link DocumentNotFoundException} exactly when the key is absent and
 * {@link VersionConflictException} exactly when it is present.
 */
@Param(name = "key", gen = IntGen.class, conf = "1:2")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class StoreLincheckTest {
    /** No store ever reaches this version, so a write expecting it must fail, and how it fails tells presence. */
    private static final long UNREACHABLE_VERSION = Long.MAX_VALUE;

    /** Times play no part here; a fixed clock keeps each invocation cheap and deterministic. */
    private static final Clock FIXED_CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private final DocumentStore<Integer, Integer> store = DocumentStore.<Integer, Integer>builder()
            .clock(FIXED_CLOCK)
            .build();

    @Operation
    public Integer get(@Param(name = "key") int key) {
        Entry<Integer, Integer> entry = store.get(key);
        return entry == null ? null : entry.value();
    }

    @Operation
    public Integer value(@Param(name = "key") int key) {
        return store.value(key);
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
    public String putIfAbsent(@Param(name = "key") int key, @Param(name = "value") int value) {
        return describe(store.putIfAbsent(key, value));
    }

    @Operation
    public String replace(@Param(name = "key") int key, @Param(name = "value") int value) {
        return describe(store.replace(key, value));
    }

    @Operation
    public Integer remove(@Param(name = "key") int key) {
        Entry<Integer, Integer> previous = store.remove(key);
        return previous == null ? null : previous.value();
    }

    /** Increments the value, or inserts 1: the result is the value written. */
    @Operation
    public Integer increment(@Param(name = "key") int key) {
        WriteResult<Integer, Integer> result = store.update(key,
                (k, current) -> Change.put(current == null ? 1 : current.value() + 1));
        return result.current().value();
    }

    /** Removes an odd value, keeps an even one, does nothing when absent: exercises keep and remove. */
    @Operation
    public String removeIfOdd(@Param(name = "key") int key) {
        return describe(store.update(key, (k, current) -> current != null && current.value() % 2 != 0
                ? Change.remove()
                : Change.keep()));
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

    @Operation
    public String removeStaleVersion(@Param(name = "key") int key) {
        try {
            store.remove(key, UNREACHABLE_VERSION);
            return "removed";
        } catch (DocumentNotFoundException e) {
            return "absent";
        } catch (VersionConflictException e) {
            return "conflict";
        }
    }

    private static String describe(WriteResult<Integer, Integer> result) {
        return result.applied() + " " + valueOf(result.previous()) + " -> " + valueOf(result.current());
    }

    private static Integer valueOf(Entry<Integer, Integer> entry) {
        return entry == null ? null : entry.value();
    }

    /**
     * Model checking explores thread switches at every shared-memory access of the store, except inside the JDK's
     * concurrent map and counters: their operations are atomic (the store relies on nothing else from them), so
     * treating them as such spends the invocations on the store's own code.
     *
     * <p>Sizes are small because each scenario costs one to three seconds on a busy two-core machine, most of it in
     * hand-offs between Lincheck's threads. Three threads are faster there than two: with more threads than cores
     * Lincheck yields instead of spinning.
     */
    static ModelCheckingOptions modelCheckingOptions() {
        return new ModelCheckingOptions()
                .addGuarantee(forClasses(ConcurrentHashMap.class.getName(), ConcurrentSkipListMap.class.getName(),
                        LongAdder.class.getName()).allMethods().treatAsAtomic());
    }

    @Test
    void modelChecking() {
        ModelCheckingOptions options = modelCheckingOptions()
                .iterations(10)
                .invocationsPerIteration(50)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(MapModel.class);
        assertThatCode(() -> LinChecker.check(StoreLincheckTest.class, options)).doesNotThrowAnyException();
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
        assertThatCode(() -> LinChecker.check(StoreLincheckTest.class, options)).doesNotThrowAnyException();
    }

    /** The sequential specification: what each operation must do on a plain map, one call at a time. */
    public static final class MapModel {
        private final Map<Integer, Integer> map = new HashMap<>();

        public Integer get(int key) {
            return map.get(key);
        }

        public Integer value(int key) {
            return map.get(key);
        }

        public boolean containsKey(int key) {
            return map.containsKey(key);
        }

        public Integer put(int key, int value) {
            map.put(key, value);
            return value;
        }

        public String putIfAbsent(int key, int value) {
            Integer previous = map.get(key);
            if (previous != null) {
                return describe(false, previous, previous);
            }
            map.put(key, value);
            return describe(true, null, value);
        }

        public String replace(int key, int value) {
            Integer previous = map.get(key);
            if (previous == null) {
                return describe(false, null, null);
            }
            map.put(key, value);
            return describe(true, previous, value);
        }

        public Integer remove(int key) {
            return map.remove(key);
        }

        public Integer increment(int key) {
            Integer previous = map.get(key);
            int next = previous == null ? 1 : previous + 1;
            map.put(key, next);
            return next;
        }

        public String removeIfOdd(int key) {
            Integer previous = map.get(key);
            if (previous != null && previous % 2 != 0) {
                map.remove(key);
                return describe(true, previous, null);
            }
            return describe(false, previous, previous);
        }

        public String replaceStaleVersion(int key, int value) {
            return map.containsKey(key) ? "conflict" : "absent";
        }

        public String removeStaleVersion(int key) {
            return map.containsKey(key) ? "conflict" : "absent";
        }

        private static String describe(boolean applied, Integer previous, Integer current) {
            return applied + " " + previous + " -> " + current;
        }
    }
}
