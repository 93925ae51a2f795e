package dev.docstore.benchmarks;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexRange;
import dev.docstore.index.Indexes;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What indexes cost a write: {@code put} of a document over 100k documents ({@link Dataset}), 2 threads, uniform keys,
 * on a store with 0, 1 ({@code age}) or 3 ({@code address.city}, {@code age}, {@code (city, age)}) indexes. The
 * store without indexes is the ceiling. Each put writes a new version, so every index adds the new version's entry
 * and drops the old one's.
 *
 * <p>Setup checks every key reads back its document and each index answers a sample lookup like a scan does.
 *
 * <p>This is the engine's side of the picture ({@link DocumentStore} and {@link Indexes} directly, {@code Map}
 * documents, a nested path and a composite index). Writes through the JCache API, against index maintenance written
 * by hand, are {@link IndexedUpdateBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class IndexWriteBenchmark {
    @Param({"0", "1", "3"})
    public int indexes;

    @Param({"100000"})
    public int documents;

    private Dataset dataset;
    private Integer[] keys;
    private DocumentStore<Integer, Map<String, Object>> store;

    @Setup(Level.Trial)
    public void fill() {
        dataset = new Dataset(documents);
        store = DocumentStore.create();
        Indexes<Integer, Map<String, Object>> attached = Indexes.attach(store);
        List<IndexDefinition> definitions = List.of(IndexDefinition.of("byAge", "age"),
                IndexDefinition.of("byTown", "address.city"), IndexDefinition.of("byCityAge", "city", "age"));
        if (indexes != 0 && indexes != 1 && indexes != 3) {
            throw new IllegalArgumentException("indexes must be 0, 1 or 3, not " + indexes);
        }
        definitions.subList(0, indexes).forEach(attached::create);
        keys = new Integer[documents];
        for (int i = 0; i < documents; i++) {
            keys[i] = i;
            store.put(keys[i], dataset.documents.get(i));
        }
        for (int i = 0; i < documents; i++) {
            Dataset.expect("key " + i, dataset.documents.get(i), store.value(keys[i]));
        }
        if (indexes >= 1) {
            int low = documents / 2;
            Dataset.expect("byAge " + low, dataset.scanAges(low, low + Dataset.HITS),
                    ids(attached.range("byAge", low, low + Dataset.HITS)));
        }
        if (indexes == 3) {
            String town = dataset.towns[1];
            Dataset.expect("byTown " + town, dataset.scanTown(town), ids(attached.lookup("byTown", town)));
            String city = dataset.cities[1];
            Dataset.expect("byCityAge " + city, dataset.scanCity(city),
                    ids(attached.scan("byCityAge").range(IndexRange.prefix(city)).list()));
        }
    }

    private static TreeSet<Integer> ids(List<Entry<Integer, Map<String, Object>>> entries) {
        TreeSet<Integer> ids = new TreeSet<>();
        entries.forEach(entry -> ids.add(entry.key()));
        return ids;
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
    }

    @Benchmark
    public Entry<Integer, Map<String, Object>> put() {
        int i = ThreadLocalRandom.current().nextInt(documents);
        return store.put(keys[i], dataset.documents.get(i));
    }
}
