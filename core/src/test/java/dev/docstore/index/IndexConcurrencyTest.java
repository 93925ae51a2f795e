package dev.docstore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.docstore.engine.Change;
import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import dev.docstore.engine.VersionConflictException;
import dev.docstore.index.IndexOracle.ScanSpec;
import dev.docstore.index.IndexOracle.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Writers move documents between index keys while a reader queries snapshots; every answer is checked against a
 * brute-force read of the very snapshot it came from, and at the end every index equals one built from scratch.
 * Bounded by operation counts alone: checkers make a fixed number of checks, and writers go on until the checkers are
 * done and they have made a minimum number of writes themselves; no sleeps, no deadlines, so a slow machine makes a
 * run longer, never different.
 */
class IndexConcurrencyTest {
    private static final int QUERIES = 300;
    private static final int ADMINISTRATION_ROUNDS = 4;
    private static final int UNIQUE_CHECKS = 1_500;
    private static final int MIN_WRITES_PER_WRITER = 2_000;
    private static final int KEYS = 600;
    private static final int WRITERS = 3;
    private static final int MAX_WRITES_PER_WRITER = 400_000;
    /** Guards against a hang only: the runs take seconds. */
    private static final int HANG_GUARD_MINUTES = 10;
    private static final List<String> CITY_AGE = List.of("city", "age");

    private final DocumentStore<String, Map<String, Object>> store = DocumentStore.create();
    private final Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);
    private final ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 2);

    @AfterEach
    void shutDown() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        store.close();
    }

    private static String city(Random random) {
        return String.format("c%02d", random.nextInt(20));
    }

    /** An age among 100 values, in one of four number types (equal values must share index keys). */
    private static Object age(Random random) {
        int age = random.nextInt(100);
        switch (random.nextInt(4)) {
            case 0:
                return (long) age;
            case 1:
                return (double) age;
            case 2:
                return new BigDecimal(age).setScale(1);
            default:
                return age;
        }
    }

    private static Map<String, Object> person(Random random) {
        Map<String, Object> doc = new HashMap<>();
        doc.put("city", city(random));
        doc.put("age", age(random));
        if (random.nextInt(4) != 0) {
            List<Object> tags = new ArrayList<>();
            for (int i = random.nextInt(3); i >= 0; i--) {
                tags.add("t" + random.nextInt(8));
            }
            doc.put("tags", tags);
        }
        return doc;
    }

    @Test
    void snapshotQueriesAgreeWithABruteForceReadOfTheSameSnapshot() throws Exception {
        Random setup = new Random(7);
        for (int i = 0; i < KEYS; i++) {
            store.put("k" + i, person(setup));
        }
        indexes.create(IndexDefinition.of("byCity", "city"));
        indexes.create(IndexDefinition.of("byAge", "age"));
        indexes.create(IndexDefinition.of("byCityAge", "city", "age"));
        indexes.create(IndexDefinition.of("byTag", "tags[]"));

        AtomicInteger checkersLeft = new AtomicInteger(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            long seed = 100 + w;
            writers.add(pool.submit(() -> {
                start.await();
                Random random = new Random(seed);
                int writes = 0;
                while (writes < MAX_WRITES_PER_WRITER && (checkersLeft.get() > 0 || writes < MIN_WRITES_PER_WRITER)) {
                    write(random, "k" + random.nextInt(KEYS));
                    writes++;
                }
                return writes;
            }));
        }
        Future<Integer> reader = pool.submit(() -> {
            start.await();
            Random random = new Random(99);
            int queries = 0;
            try {
                for (; queries < QUERIES; queries++) {
                    try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
                        checkOneQuery(random, snapshot, queries);
                    }
                }
            } finally {
                checkersLeft.decrementAndGet();
            }
            return queries;
        });
        Future<Integer> administrator = pool.submit(() -> {
            start.await();
            Random random = new Random(98);
            int rounds = 0;
            try {
                for (; rounds < ADMINISTRATION_ROUNDS; rounds++) {
                    indexes.rebuild(List.of("byCity", "byAge", "byCityAge", "byTag").get(random.nextInt(4)));
                    indexes.create(IndexDefinition.of("temporary", "age", "city"));
                    try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
                        assertThat(IndexOracle.triples(indexes.scan("temporary").list(snapshot)))
                                .as("an index created under writes, read in a snapshot taken after")
                                .containsExactlyElementsOf(IndexOracle.triples(IndexOracle.scan(snapshot.stream().toList(),
                                        List.of("age", "city"), ScanSpec.all())));
                    }
                    indexes.drop("temporary");
                }
            } finally {
                checkersLeft.decrementAndGet();
            }
            return rounds;
        });
        start.countDown();

        int queries = reader.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
        int rounds = administrator.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
        int writes = 0;
        for (Future<Integer> writer : writers) {
            writes += writer.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
        }
        System.out.printf("IndexConcurrencyTest: %d writes by %d writers, %d checked snapshot queries, %d rounds of"
                + " rebuild + create + drop%n", writes, WRITERS, queries, rounds);
        assertThat(rounds).isEqualTo(ADMINISTRATION_ROUNDS);
        assertThat(queries).as("checked snapshot queries").isEqualTo(QUERIES);
        assertThat(writes).isGreaterThanOrEqualTo(WRITERS * MIN_WRITES_PER_WRITER);
        for (String name : List.of("byCity", "byAge", "byCityAge", "byTag")) {
            assertEqualsARebuild(name);
        }
    }

    private void write(Random random, String key) {
        int dice = random.nextInt(20);
        if (dice < 11) {
            store.put(key, person(random));
        } else if (dice < 14) {
            store.update(key, (k, current) -> {
                if (current == null) {
                    return Change.put(person(random));
                }
                Map<String, Object> moved = new HashMap<>(current.value());
                if (random.nextBoolean()) {
                    moved.put("city", city(random));
                } else {
                    moved.put("age", age(random));
                }
                return Change.put(moved);
            });
        } else if (dice < 17) {
            store.remove(key);
        } else {
            Entry<String, Map<String, Object>> current = store.get(key);
            if (current != null) {
                try {
                    store.replace(key, current.version(), person(random));
                } catch (VersionConflictException | dev.docstore.engine.DocumentNotFoundException raced) {
                    // another writer got there first: the expected outcome of a lost optimistic race
                    assertThat(raced.getMessage()).contains(key);
                }
            }
        }
    }

    private void checkOneQuery(Random random, Snapshot<String, Map<String, Object>> snapshot, int number) {
        List<Entry<String, Map<String, Object>>> docs = snapshot.stream().toList();
        String city = city(random);
        Object age = age(random);
        String what;
        List<Entry<String, Map<String, Object>>> actual;
        List<Entry<String, Map<String, Object>>> expected;
        switch (number % 8) {
            case 0 -> {
                what = "lookup byCity " + city;
                actual = indexes.lookup(snapshot, "byCity", city);
                expected = IndexOracle.scan(docs, List.of("city"), exact(city));
            }
            case 1 -> {
                Object upper = age(random);
                what = "byAge [" + age + ", " + upper + ")";
                actual = indexes.scan("byAge").range(IndexRange.between(age, upper)).list(snapshot);
                expected = IndexOracle.scan(docs, List.of("age"), new ScanSpec(Side.inclusive(age),
                        Side.exclusive(upper), false, 0, Integer.MAX_VALUE));
            }
            case 2 -> {
                what = "byCityAge prefix " + city + " descending limit 10";
                actual = indexes.scan("byCityAge").range(IndexRange.prefix(city)).descending().limit(10).list(snapshot);
                expected = IndexOracle.scan(docs, CITY_AGE, new ScanSpec(Side.inclusive(city), Side.inclusive(city),
                        true, 0, 10));
            }
            case 3 -> {
                String other = city(random);
                boolean descending = random.nextBoolean();
                int offset = random.nextInt(20);
                what = "byCityAge (" + city + ", " + age + ") .. " + other + "] offset " + offset
                        + (descending ? " descending" : "");
                IndexScan<String, Map<String, Object>> scan = indexes.scan("byCityAge").range(new IndexRange(
                        Bound.exclusive(city, age), Bound.inclusive(other))).offset(offset).limit(50);
                actual = (descending ? scan.descending() : scan).list(snapshot);
                expected = IndexOracle.scan(docs, CITY_AGE, new ScanSpec(Side.exclusive(city, age),
                        Side.inclusive(other), descending, offset, 50));
            }
            case 4 -> {
                Object upper = age(random);
                what = "pages of 37 of byAge [" + age + ", " + upper + "]";
                IndexScan<String, Map<String, Object>> scan = indexes.scan("byAge").range(new IndexRange(
                        Bound.inclusive(age), Bound.inclusive(upper))).limit(37);
                actual = new ArrayList<>();
                Page<String, Map<String, Object>> page = scan.page(snapshot);
                actual.addAll(page.entries());
                while (page.hasNext()) {
                    page = scan.after(page.next()).page(snapshot);
                    actual.addAll(page.entries());
                }
                expected = IndexOracle.scan(docs, List.of("age"), new ScanSpec(Side.inclusive(age),
                        Side.inclusive(upper), false, 0, Integer.MAX_VALUE));
            }
            case 5 -> {
                what = "count byCity " + city;
                long count = indexes.scan("byCity").range(IndexRange.exact(city)).count(snapshot);
                assertThat(count).as(what).isEqualTo(IndexOracle.scan(docs, List.of("city"), exact(city)).size());
                return;
            }
            case 6 -> {
                String tag = "t" + random.nextInt(8);
                what = "lookup byTag " + tag;
                actual = indexes.lookup(snapshot, "byTag", tag);
                expected = IndexOracle.scan(docs, List.of("tags[]"), exact(tag));
            }
            default -> {
                Object upper = age(random);
                what = "query city = " + city + " and age between " + age + " and " + upper + " orderBy age";
                actual = indexes.query().where("city").eq(city).and("age").between(age, upper).orderBy("age")
                        .list(snapshot);
                List<Entry<String, Map<String, Object>>> matching = IndexOracle.matching(docs, List.of(
                        new IndexOracle.Cond("city", Condition.Operator.EQ, List.of(city)),
                        new IndexOracle.Cond("age", Condition.Operator.BETWEEN, List.of(age, upper))));
                assertThat(IndexOracle.triples(actual)).as(what)
                        .containsExactlyInAnyOrderElementsOf(IndexOracle.triples(matching));
                List<Object> ages = actual.stream().map(entry -> entry.value().get("age")).toList();
                assertThat(ages).as(what).isSortedAccordingTo(ValueOrder.INSTANCE);
                return;
            }
        }
        assertThat(IndexOracle.triples(actual)).as(what).containsExactlyElementsOf(IndexOracle.triples(expected));
    }

    private static ScanSpec exact(Object value) {
        return new ScanSpec(Side.inclusive(value), Side.inclusive(value), false, 0, Integer.MAX_VALUE);
    }

    /** After the writers stopped and every snapshot closed: the index equals a brute-force sort and a fresh index. */
    private void assertEqualsARebuild(String name) {
        IndexInfo info = indexes.info(name);
        List<String> paths = info.paths();
        List<Entry<String, Map<String, Object>>> docs;
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            docs = snapshot.stream().toList();
            for (boolean descending : new boolean[] {false, true}) {
                IndexScan<String, Map<String, Object>> scan = indexes.scan(name);
                List<Entry<String, Map<String, Object>>> actual = (descending ? scan.descending() : scan).list(snapshot);
                assertThat(IndexOracle.triples(actual)).as("full scan of %s", name).containsExactlyElementsOf(
                        IndexOracle.triples(IndexOracle.scan(docs, paths, new ScanSpec(Side.OPEN, Side.OPEN, descending,
                                0, Integer.MAX_VALUE))));
            }
        }
        assertThat(store.figures().openSnapshots()).isZero();
        IndexInfo fresh = indexes.create(IndexDefinition.of(name + "-rebuilt", paths.toArray(String[]::new)));
        long expectedEntries = IndexOracle.entryCount(docs, paths);
        assertThat(fresh.entries()).as("entries of a fresh index").isEqualTo(expectedEntries);
        assertThat(indexes.info(name).entries()).as("entries of %s, which was maintained under load", name)
                .isEqualTo(expectedEntries);
        assertThat(indexes.info(name).distinctTuples()).isEqualTo(fresh.distinctTuples());
        indexes.drop(name + "-rebuilt");
    }

    // ---- unique ----

    @Test
    void aUniqueIndexRefusesConcurrentClaimsOfOneValueAndOnlyThose() throws Exception {
        indexes.create(IndexDefinition.of("byBadge", "badge").asUnique());
        AtomicBoolean checkerDone = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        List<Future<int[]>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(uniqueWriter(writer, start, checkerDone)));
        }
        Future<Integer> reader = pool.submit(() -> {
            start.await();
            Random random = new Random(5);
            int checks = 0;
            try {
                for (; checks < UNIQUE_CHECKS; checks++) {
                    try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
                        assertNoSharedBadge(snapshot);
                        Object badge = badge(random);
                        List<Entry<String, Map<String, Object>>> found = indexes.lookup(snapshot, "byBadge", badge);
                        assertThat(IndexOracle.triples(found)).containsExactlyElementsOf(IndexOracle.triples(
                                IndexOracle.scan(snapshot.stream().toList(), List.of("badge"), exact(badge))));
                    }
                }
            } finally {
                checkerDone.set(true);
            }
            return checks;
        });
        start.countDown();

        int checks = reader.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
        int written = 0;
        int refused = 0;
        for (Future<int[]> writer : writers) {
            int[] counts = writer.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
            written += counts[0];
            refused += counts[1];
        }
        System.out.printf("IndexConcurrencyTest unique: %d writes applied, %d refused, %d snapshot checks%n", written,
                refused, checks);
        assertThat(refused).as("writes refused by the unique index").isGreaterThan(100);
        assertThat(written).as("writes applied").isGreaterThan(100);
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            assertNoSharedBadge(snapshot);
        }
        assertEqualsARebuild("byBadge");
        indexes.rebuild("byBadge");
        assertThat(indexes.info("byBadge").unique()).isTrue();
    }

    /**
     * A unique index created while writers claim values: each attempt either fails with
     * {@link UniqueConstraintException} and leaves no index, or succeeds, after which no two keys ever share a value.
     */
    @Test
    void aUniqueIndexCreatedUnderConcurrentClaimsHoldsFromTheMomentItExists() throws Exception {
        AtomicBoolean created = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch everyKeyWritten = new CountDownLatch(WRITERS);
        List<Future<int[]>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(pool.submit(() -> {
                start.await();
                Random random = new Random(2_000 + writer);
                int applied = 0;
                int refused = 0;
                while (!stop.get()) {
                    int slot = random.nextInt(200);
                    String key = "w" + writer + "-" + slot;
                    // a key's own values belong to it alone; shared ones are what the index must arbitrate
                    boolean claim = random.nextInt(created.get() ? 4 : 250) == 0;
                    Object badge = claim ? "shared-" + random.nextInt(3)
                            : writer * 100_000 + slot * 100 + random.nextInt(100);
                    if (!claim && random.nextInt(10) == 0) {
                        store.remove(key);
                        continue;
                    }
                    try {
                        store.put(key, Map.of("badge", badge));
                        applied++;
                    } catch (UniqueConstraintException refusal) {
                        assertThat(refusal.key()).isEqualTo(key);
                        refused++;
                    }
                    if (applied == 2_000) {
                        everyKeyWritten.countDown();
                    }
                }
                return new int[] {applied, refused};
            }));
        }
        start.countDown();
        assertThat(everyKeyWritten.await(HANG_GUARD_MINUTES, TimeUnit.MINUTES)).isTrue();
        int failedAttempts = 0;
        while (!created.get()) {
            // shared values come and go, so an attempt succeeds sooner or later; this bound only guards against a hang
            assertThat(failedAttempts).as("attempts to create the index").isLessThan(100_000);
            try {
                indexes.create(IndexDefinition.of("byBadge", "badge").asUnique());
                created.set(true);
            } catch (UniqueConstraintException sharedAlready) {
                failedAttempts++;
                assertThat(indexes.list()).as("a refused unique index leaves nothing behind").isEmpty();
            }
        }
        Random random = new Random(3);
        for (int check = 0; check < 2_000; check++) {
            try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
                assertNoSharedBadge(snapshot);
                Object badge = "shared-" + random.nextInt(3);
                assertThat(indexes.lookup(snapshot, "byBadge", badge).size()).isLessThanOrEqualTo(1);
            }
        }
        stop.set(true);
        int refused = 0;
        for (Future<int[]> writer : writers) {
            refused += writer.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES)[1];
        }
        System.out.printf("IndexConcurrencyTest unique creation: %d failed attempts, then created; %d writes refused"
                + " after%n", failedAttempts, refused);
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            assertNoSharedBadge(snapshot);
        }
        assertEqualsARebuild("byBadge");
    }

    private static Object badge(Random random) {
        int badge = random.nextInt(15);
        switch (random.nextInt(4)) {
            case 0:
                return (long) badge;
            case 1:
                return (double) badge;
            case 2:
                return new BigDecimal(badge).setScale(2);
            default:
                return badge;
        }
    }

    /**
     * A writer owning ten keys (no one else writes them, so it knows what they hold) and claiming badges other writers
     * claim too. Returns {applied, refused}.
     */
    private Callable<int[]> uniqueWriter(int writer, CountDownLatch start, AtomicBoolean checkerDone) {
        return () -> {
            start.await();
            Random random = new Random(1_000 + writer);
            int applied = 0;
            int refused = 0;
            while (applied + refused < MAX_WRITES_PER_WRITER
                    && (!checkerDone.get() || applied + refused < MIN_WRITES_PER_WRITER)) {
                String key = "w" + writer + "-" + random.nextInt(10);
                Entry<String, Map<String, Object>> before = store.get(key);
                if (random.nextInt(5) == 0) {
                    store.remove(key);
                    continue;
                }
                Object badge = badge(random);
                Map<String, Object> doc = Map.of("badge", badge, "writer", writer);
                try {
                    Entry<String, Map<String, Object>> after = random.nextBoolean() ? store.put(key, doc)
                            : store.update(key, (k, current) -> Change.put(doc)).current();
                    assertThat(after.version()).isGreaterThan(before == null ? 0 : before.version());
                    applied++;
                } catch (UniqueConstraintException refusal) {
                    refused++;
                    assertThat(refusal.index()).isEqualTo("byBadge");
                    assertThat(refusal.key()).isEqualTo(key);
                    assertThat(ValueOrder.INSTANCE.compare(refusal.value(), badge)).isZero();
                    assertThat(refusal.existingKey()).isNotEqualTo(key);
                    Entry<String, Map<String, Object>> now = store.get(key);
                    assertThat(now == null ? null : now.version()).as("a refused write changes nothing")
                            .isEqualTo(before == null ? null : before.version());
                }
            }
            return new int[] {applied, refused};
        };
    }

    private static void assertNoSharedBadge(Snapshot<String, Map<String, Object>> snapshot) {
        TreeMap<Object, String> holders = new TreeMap<>(ValueOrder.INSTANCE);
        Set<String> keys = new HashSet<>();
        snapshot.stream().forEach(entry -> {
            keys.add(entry.key());
            String other = holders.put(entry.value().get("badge"), entry.key());
            if (other != null) {
                fail("keys %s and %s share badge %s in snapshot %s", other, entry.key(), entry.value().get("badge"),
                        snapshot);
            }
        });
        assertThat(holders).hasSameSizeAs(keys);
    }
}
