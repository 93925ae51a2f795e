package dev.docstore.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import dev.docstore.testing.Soak;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The index's structure under writers that keep moving documents between a few values: a value's entries turn from
 * one key's holder into a shared posting and back, and postings empty, die and are made anew, all while snapshot
 * lookups and ranges run. Every answer is checked against a brute-force read of the very snapshot it came from, and
 * at the end the figures the index kept equal a recount, and the index equals one built from scratch.
 *
 * <p>Bounded by operation counts ({@link Soak#scale()} multiplies them); no timing assumptions.
 */
class PostingConcurrencyTest {
    private static final int KEYS = 12;
    /** Few values for many writes: each value keeps gaining and losing its last key. */
    private static final int VALUES = 3;
    private static final int WRITERS = 2;
    private static final int READERS = 2;
    private static final long CHECKS_PER_READER = 4_000 * Soak.scale();
    private static final long MIN_WRITES_PER_WRITER = 20_000 * Soak.scale();

    @Test
    @Timeout(600)
    void postingsComeAndGoWhileSnapshotQueriesStayExact() throws Exception {
        try (DocumentStore<String, Map<String, Object>> store = DocumentStore.create()) {
            Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);
            indexes.create(IndexDefinition.of("byValue", "v"));
            indexes.create(IndexDefinition.of("byTags", "tags[]"));
            AtomicLong writes = new AtomicLong();
            Soak.Run run = new Soak.Run();
            for (int w = 0; w < WRITERS; w++) {
                long seed = 10 + w;
                run.thread("writer-" + w, () -> {
                    Random random = new Random(seed);
                    for (long n = 0; !run.readersDone() || n < MIN_WRITES_PER_WRITER; n++) {
                        String key = "k" + random.nextInt(KEYS);
                        if (random.nextInt(6) == 0) {
                            store.remove(key);
                        } else {
                            store.put(key, document(random));
                        }
                        writes.incrementAndGet();
                        if (run.failed()) {
                            return;
                        }
                    }
                });
            }
            for (int r = 0; r < READERS; r++) {
                long seed = 20 + r;
                run.reader("reader-" + r, () -> {
                    Random random = new Random(seed);
                    for (long check = 0; check < CHECKS_PER_READER && !run.failed(); check++) {
                        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
                            checkOne(indexes, snapshot, random);
                        }
                    }
                });
            }
            run.finish();
            for (String name : List.of("byValue", "byTags")) {
                OrderedIndex<String, Map<String, Object>> index = indexes.ready(name);
                IndexInfo info = index.info();
                long[] recounted = index.recount();
                assertThat(new long[] {info.entries(), info.distinctTuples()}).as("%s kept vs recounted", name)
                        .containsExactly(recounted);
                IndexInfo fresh = indexes.create(IndexDefinition.of(name + "-fresh", index.definition.pathNames()
                        .toArray(new String[0])));
                assertThat(info.entries()).as("%s vs a fresh build", name).isEqualTo(fresh.entries());
                assertThat(info.distinctTuples()).isEqualTo(fresh.distinctTuples());
            }
            System.out.printf("PostingConcurrencyTest: %,d writes, %,d snapshot checks%n", writes.get(),
                    CHECKS_PER_READER * READERS);
        }
    }

    private static IndexOracle.ScanSpec exact(Object value) {
        return new IndexOracle.ScanSpec(IndexOracle.Side.inclusive(value), IndexOracle.Side.inclusive(value), false, 0,
                Integer.MAX_VALUE);
    }

    private static Map<String, Object> document(Random random) {
        return Map.of("v", "v" + random.nextInt(VALUES),
                "tags", List.of("t" + random.nextInt(VALUES), "t" + random.nextInt(VALUES)));
    }

    private static void checkOne(Indexes<String, Map<String, Object>> indexes,
                                 Snapshot<String, Map<String, Object>> snapshot, Random random) {
        List<Entry<String, Map<String, Object>>> all = snapshot.stream().toList();
        String value = "v" + random.nextInt(VALUES);
        assertThat(IndexOracle.triples(indexes.lookup(snapshot, "byValue", value)))
                .as("lookup %s in %s", value, snapshot)
                .containsExactlyElementsOf(IndexOracle.triples(IndexOracle.scan(all, List.of("v"),
                        exact(value))));
        assertThat(IndexOracle.triples(indexes.scan("byValue").list(snapshot)))
                .as("whole index in %s", snapshot)
                .containsExactlyElementsOf(IndexOracle.triples(IndexOracle.scan(all, List.of("v"),
                        IndexOracle.ScanSpec.all())));
        String tag = "t" + random.nextInt(VALUES);
        assertThat(IndexOracle.triples(indexes.lookup(snapshot, "byTags", tag)))
                .as("lookup tag %s in %s", tag, snapshot)
                .containsExactlyElementsOf(IndexOracle.triples(IndexOracle.scan(all, List.of("tags[]"),
                        exact(tag))));
    }
}
