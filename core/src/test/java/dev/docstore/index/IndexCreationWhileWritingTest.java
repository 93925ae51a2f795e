package dev.docstore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Creating an index on a large live store: writers and readers go on, the index is invisible to queries until it is
 * complete, and once {@code create} returns it equals a brute-force build.
 */
class IndexCreationWhileWritingTest {
    private static final int DOCUMENTS = 1_000_000;
    private static final int VALUES = 100_000;
    /** Each writer's budget: enough to overlap the build, bounded so that a loaded machine still finishes. */
    private static final int WRITES_PER_WRITER = 100_000;
    /** The reader's budget of snapshots (a lookup and 20 gets each) while the index is built, and after. */
    private static final int READS_WHILE_BUILDING = 20_000;
    private static final int LOOKUPS_ONCE_READY = 2_000;

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final List<DocumentStore<String, Map<String, Object>>> stores = new ArrayList<>();

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        stores.forEach(DocumentStore::close);
    }

    private DocumentStore<String, Map<String, Object>> newStore() {
        DocumentStore<String, Map<String, Object>> store = DocumentStore.create();
        stores.add(store);
        return store;
    }

    @Test
    void anIndexCreatedUnderWritesEqualsABruteForceBuild() throws Exception {
        DocumentStore<String, Map<String, Object>> store = newStore();
        Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);
        Random random = new Random(11);
        for (int i = 0; i < DOCUMENTS; i++) {
            store.put("d" + i, Map.of("v", random.nextInt(VALUES)));
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        CountDownLatch writing = new CountDownLatch(2);
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            long seed = 20 + w;
            writers.add(pool.submit(() -> {
                Random mine = new Random(seed);
                for (int done = 0; done < WRITES_PER_WRITER && !stop.get(); done++) {
                    String key = "d" + mine.nextInt(DOCUMENTS + DOCUMENTS / 10);
                    int dice = mine.nextInt(10);
                    if (dice < 6) {
                        store.put(key, Map.of("v", mine.nextInt(VALUES)));
                    } else if (dice < 8) {
                        store.put(key, Map.of("other", 1));
                    } else {
                        store.remove(key);
                    }
                    if (writes.incrementAndGet() % 1_000 == 0) {
                        writing.countDown();
                    }
                }
                return null;
            }));
        }
        CountDownLatch createReturned = new CountDownLatch(1);
        AtomicLong lookups = new AtomicLong();
        AtomicLong refusedLookups = new AtomicLong();
        Future<?> reader = pool.submit(() -> {
            Random mine = new Random(30);
            boolean sawReady = false;
            for (int round = 0; lookups.get() < LOOKUPS_ONCE_READY; round++) {
                if (!sawReady && round == READS_WHILE_BUILDING) {
                    // enough reading alongside the build; leave the cores to it until create() returns
                    assertThat(createReturned.await(5, TimeUnit.MINUTES)).isTrue();
                }
                try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
                    for (int i = 0; i < 20; i++) {
                        Entry<String, Map<String, Object>> some = snapshot.get("d" + mine.nextInt(DOCUMENTS));
                        assertThat(some == null || some.version() <= snapshot.readPoint()).isTrue();
                    }
                    int value = mine.nextInt(VALUES);
                    List<Entry<String, Map<String, Object>>> found;
                    try {
                        found = indexes.lookup(snapshot, "byV", value);
                    } catch (IndexNotFoundException notYet) {
                        assertThat(sawReady).as("the index vanished after it was ready").isFalse();
                        refusedLookups.incrementAndGet();
                        continue;
                    }
                    sawReady = true;
                    lookups.incrementAndGet();
                    for (Entry<String, Map<String, Object>> entry : found) {
                        assertThat(entry.value().get("v")).isEqualTo(value);
                        assertThat(snapshot.get(entry.key()).version()).isEqualTo(entry.version());
                    }
                    assertThat(found).extracting(Entry::key).doesNotHaveDuplicates();
                }
            }
            return null;
        });

        assertThat(writing.await(60, TimeUnit.SECONDS)).as("writers under way").isTrue();
        long writesBefore = writes.get();
        long started = System.nanoTime();
        IndexInfo created = indexes.create(IndexDefinition.of("byV", "v"));
        long createdMillis = (System.nanoTime() - started) / 1_000_000;
        long writesDuring = writes.get() - writesBefore;
        createReturned.countDown();
        reader.get(5, TimeUnit.MINUTES);
        stop.set(true);
        for (Future<?> writer : writers) {
            writer.get(60, TimeUnit.SECONDS);
        }

        assertThat(created.ready()).isTrue();
        assertThat(writesDuring).as("writes while the index was built").isGreaterThan(0);
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            List<Entry<String, Map<String, Object>>> expected = new ArrayList<>(snapshot.stream()
                    .filter(entry -> entry.value().get("v") != null).toList());
            expected.sort(Comparator.<Entry<String, Map<String, Object>>, Object>comparing(
                    entry -> entry.value().get("v"), ValueOrder.INSTANCE).thenComparing(Entry::key, ValueOrder.INSTANCE));
            List<Entry<String, Map<String, Object>>> actual = indexes.scan("byV").list(snapshot);
            assertSameEntries(actual, expected);
            assertThat(indexes.scan("byV").count(snapshot)).isEqualTo(expected.size());
        }
        long withV = countWith(store, "v");
        assertThat(store.figures().openSnapshots()).isZero();
        assertThat(indexes.info("byV").entries()).as("entries once every snapshot is closed").isEqualTo(withV);
        System.out.printf("IndexCreationWhileWritingTest: index over %d documents built in %d ms while %d writes ran;"
                        + " %d lookups before it was ready were refused, %d after%n", DOCUMENTS, createdMillis,
                writesDuring, refusedLookups.get(), lookups.get());
    }

    private static long countWith(DocumentStore<String, Map<String, Object>> store, String field) {
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            return snapshot.stream().filter(entry -> entry.value().get(field) != null).count();
        }
    }

    /** Compares (key, version) sequences without building a million-line assertion message unless they differ. */
    private static void assertSameEntries(List<Entry<String, Map<String, Object>>> actual,
                                          List<Entry<String, Map<String, Object>>> expected) {
        int common = Math.min(actual.size(), expected.size());
        for (int i = 0; i < common; i++) {
            Entry<String, Map<String, Object>> a = actual.get(i);
            Entry<String, Map<String, Object>> e = expected.get(i);
            if (!a.key().equals(e.key()) || a.version() != e.version()) {
                assertThat(IndexOracle.triples(actual.subList(i, Math.min(i + 5, actual.size()))))
                        .as("index entries from position %d", i)
                        .isEqualTo(IndexOracle.triples(expected.subList(i, Math.min(i + 5, expected.size()))));
            }
        }
        assertThat(actual.size()).as("entries in the index").isEqualTo(expected.size());
    }

    @Test
    void anIndexBeingBuiltIsInvisibleToQueriesAndDoesNotBlockWriters() throws Exception {
        DocumentStore<String, Map<String, Object>> store = newStore();
        CountDownLatch building = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        AtomicReference<Thread> builder = new AtomicReference<>();
        FieldReader pausesTheBuilder = (value, field) -> {
            if (Thread.currentThread() == builder.get() && building.getCount() > 0) {
                building.countDown();
                try {
                    assertThat(proceed.await(60, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
            return FieldReader.DOCUMENTS.read(value, field);
        };
        Indexes<String, Map<String, Object>> indexes = Indexes.attach(store, pausesTheBuilder);
        for (int i = 0; i < 10_000; i++) {
            store.put("d" + i, Map.of("v", i % 100));
        }
        Future<IndexInfo> creation = pool.submit(() -> {
            builder.set(Thread.currentThread());
            return indexes.create(IndexDefinition.of("byV", "v"));
        });
        assertThat(building.await(60, TimeUnit.SECONDS)).as("the build reached the documents").isTrue();

        assertThatThrownBy(() -> indexes.lookup("byV", 7)).isInstanceOf(IndexNotFoundException.class);
        assertThatThrownBy(() -> indexes.scan("byV").count()).isInstanceOf(IndexNotFoundException.class);
        assertThatThrownBy(() -> indexes.info("byV")).isInstanceOf(IndexNotFoundException.class);
        assertThatThrownBy(() -> indexes.drop("byV")).isInstanceOf(IndexNotFoundException.class);
        assertThatThrownBy(() -> indexes.create(IndexDefinition.of("byV", "v")))
                .isInstanceOf(IndexExistsException.class);
        assertThat(indexes.list()).singleElement().satisfies(info -> {
            assertThat(info.name()).isEqualTo("byV");
            assertThat(info.ready()).isFalse();
        });
        Query<String, Map<String, Object>> query = indexes.query().where("v").eq(7);
        assertThat(query.explain().isScan()).isTrue();
        assertThat(query.count()).isEqualTo(100);
        store.put("written-meanwhile", Map.of("v", 7));
        store.put("d7", Map.of("v", 8));
        store.remove("d107");
        assertThat(creation.isDone()).isFalse();

        proceed.countDown();
        IndexInfo info = creation.get(60, TimeUnit.SECONDS);

        assertThat(info.ready()).isTrue();
        assertThat(indexes.query().where("v").eq(7).explain().index()).isEqualTo("byV");
        List<String> sevens = indexes.lookup("byV", 7).stream().map(Entry::key).toList();
        assertThat(sevens).hasSize(99).contains("written-meanwhile").doesNotContain("d7", "d107");
        assertThat(indexes.lookup("byV", 8)).extracting(Entry::key).contains("d7");
        assertThat(indexes.info("byV").entries()).isEqualTo(10_000);
    }
}
