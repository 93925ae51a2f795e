package dev.docstore.benchmarks;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * The engine on its own against a bare {@link ConcurrentHashMap}, 100k keys, 2 threads: the cost shape the engine
 * promises (a get allocates nothing, a put allocates only its version, opening a snapshot is cheap). Setup checks every
 * key is readable from both.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class EngineBenchmark {
    private static final int KEYS = 100_000;

    private DocumentStore<Integer, String> store;
    private ConcurrentHashMap<Integer, String> map;
    private Integer[] keys;
    private String[] values;

    @Setup
    public void fill() {
        store = DocumentStore.create();
        map = new ConcurrentHashMap<>();
        keys = new Integer[KEYS];
        values = new String[KEYS];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = i;
            values[i] = "value-" + i;
            store.put(keys[i], values[i]);
            map.put(keys[i], values[i]);
        }
        for (int i = 0; i < KEYS; i++) {
            if (!values[i].equals(store.value(keys[i])) || !values[i].equals(map.get(keys[i]))) {
                throw new IllegalStateException("key " + i + " is missing after setup");
            }
        }
    }

    @TearDown
    public void close() {
        store.close();
    }

    @Benchmark
    public Entry<Integer, String> storeGet() {
        return store.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
    }

    @Benchmark
    public Entry<Integer, String> storePut() {
        int i = ThreadLocalRandom.current().nextInt(KEYS);
        return store.put(keys[i], values[i]);
    }

    @Benchmark
    public long snapshotOpenReadClose() {
        try (Snapshot<Integer, String> snapshot = store.snapshot()) {
            return snapshot.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]).version();
        }
    }

    @Benchmark
    public String mapGet() {
        return map.get(keys[ThreadLocalRandom.current().nextInt(KEYS)]);
    }

    @Benchmark
    public String mapPut() {
        int i = ThreadLocalRandom.current().nextInt(KEYS);
        return map.put(keys[i], values[i]);
    }
}
