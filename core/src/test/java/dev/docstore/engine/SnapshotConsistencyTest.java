package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.docstore.testing.MutableClock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Snapshots under concurrent writes: every snapshot must show one point in time of the store.
 *
 * <p>Writer {@code w} owns the keys {@code (w, 0..7)} and performs its operations {@code i = 1, 2, 3...} in order,
 * operation {@code i} going to key {@code (w, i % 8)}. The writes of one writer are sequential, so a point-in-time view
 * shows, for each writer, the state after some prefix {@code 1..M} of its operations: key {@code (w, j)} holds the
 * largest {@code i <= M} with {@code i % 8 == j} (or is absent when there is none, or when that operation was a
 * removal). A snapshot opened after writer {@code w} published {@code i} (published only once the call returned) must
 * have {@code M >= i}.
 *
 * <p>Several readers open, check and close snapshots at once: a snapshot released on one thread drains old versions
 * while another thread opens its own, the race that once lost versions. Runs are bounded by operation counts.
 */
class SnapshotConsistencyTest {
    private static final int WRITERS = 3;
    private static final int KEYS_PER_WRITER = 8;
    private static final long MAX_WRITES = 200_000;
    /** Readers open, check and close snapshots concurrently, each on its own thread. */
    private static final int READERS = 3;
    /** How many snapshots each reader keeps open at once, re-reading the older ones while writes go on. */
    private static final int OPEN_WINDOW = 3;

    /** A key owned by one writer. */
    record Key(int writer, int slot) {
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void everySnapshotShowsAPrefixOfEachWritersWrites() throws Exception {
        new Scenario(false).run();
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void everySnapshotShowsAPrefixOfEachWritersWritesAndRemovals() throws Exception {
        new Scenario(true).run();
    }

    /**
     * A removal that a reader has already observed (a live read found the key absent) must be in every snapshot opened
     * after that read returned: the read proves the removal took effect, and a snapshot is one point in time after it.
     *
     * <p>Each remover owns one key and alternates {@code put(key, e)} (then publishes {@code e}) and
     * {@code remove(key)}. An observer reads the published {@code p}, then probes the key with a read-only call; when
     * the probe says "absent", a removal of an epoch {@code >= p} has happened, so a snapshot opened next must show the
     * key absent or with an epoch {@code > p}.
     */
    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void aRemovalThatAReadHasObservedIsInEveryLaterSnapshot() throws Exception {
        int removers = 3;
        int observers = 2;
        long maxChecks = 1_000_000;
        DocumentStore<Integer, Long> store = DocumentStore.<Integer, Long>builder()
                .clock(MutableClock.startingAt("2026-01-01T00:00:00Z")).build();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLongArray published = new AtomicLongArray(removers);
        AtomicLong checks = new AtomicLong();
        AtomicLong removals = new AtomicLong();
        AtomicReference<String> violation = new AtomicReference<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(removers + observers);
        try {
            List<Future<?>> tasks = new ArrayList<>();
            for (int r = 0; r < removers; r++) {
                int key = r;
                tasks.add(pool.submit(stopOnFailure(stop, () -> {
                    awaitStart(start);
                    for (long epoch = 1; !stop.get(); epoch++) {
                        store.put(key, epoch);
                        published.set(key, epoch);
                        assertThat(store.remove(key)).as("remover %d removes its own epoch %d", key, epoch)
                                .extracting(Entry::value).isEqualTo(epoch);
                        removals.incrementAndGet();
                    }
                })));
            }
            for (int o = 0; o < observers; o++) {
                int first = o;
                tasks.add(pool.submit(stopOnFailure(stop, () -> {
                    awaitStart(start);
                    int key = first;
                    for (long round = 0; !stop.get(); round++) {
                        key = (key + 1) % removers;
                        long epoch = published.get(key);
                        if (epoch == 0) {
                            continue;
                        }
                        int probe = (int) (round % 5);
                        if (!observesAbsent(store, key, probe)) {
                            continue;
                        }
                        try (Snapshot<Integer, Long> snapshot = store.snapshot()) {
                            Entry<Integer, Long> seen = snapshot.get(key);
                            if (seen != null && seen.value() <= epoch) {
                                violation.compareAndSet(null, "remover " + key + " had published epoch " + epoch
                                        + "; then " + PROBES[probe] + " found key " + key + " absent (so a removal of"
                                        + " epoch >= " + epoch + " had taken effect); then a snapshot opened after"
                                        + " that, readPoint=" + snapshot.readPoint() + ", still shows " + seen
                                        + " (live now: " + store.get(key) + ")");
                                stop.set(true);
                            }
                        }
                        if (checks.incrementAndGet() >= maxChecks) {
                            stop.set(true);
                        }
                    }
                })));
            }
            start.countDown();
            awaitAll(tasks);
        } finally {
            stop.set(true);
            shutDown(pool);
        }
        System.out.printf("removal-visibility: %,d removals, %,d snapshot checks%n", removals.get(), checks.get());
        assertThat(violation.get()).as("a removal observed by a read is missing from a later snapshot").isNull();
        assertThat(checks.get()).as("snapshot checks made").isGreaterThan(100);
        store.close();
    }

    private static final String[] PROBES = {
        "get(key) == null", "containsKey(key) == false", "value(key) == null",
        "replace(key, MAX_VALUE, v) throwing DocumentNotFoundException",
        "update(key, keep) seeing current == null",
    };

    /** A read-only probe: whether it found the key absent. None of them writes anything. */
    private static boolean observesAbsent(DocumentStore<Integer, Long> store, int key, int probe) {
        switch (probe) {
            case 0:
                return store.get(key) == null;
            case 1:
                return !store.containsKey(key);
            case 2:
                return store.value(key) == null;
            case 3:
                try {
                    store.replace(key, Long.MAX_VALUE, -1L);
                    throw new AssertionError("replace with version Long.MAX_VALUE succeeded");
                } catch (DocumentNotFoundException e) {
                    return true;
                } catch (VersionConflictException e) {
                    return false;
                }
            default:
                AtomicBoolean absent = new AtomicBoolean();
                WriteResult<Integer, Long> result = store.update(key, (k, current) -> {
                    absent.set(current == null);
                    return Change.keep();
                });
                assertThat(result.applied()).isFalse();
                return absent.get();
        }
    }

    /** One run of writers and a checking reader over one store. */
    private static final class Scenario {
        private final boolean removals;
        private final DocumentStore<Key, Map<String, Object>> store = DocumentStore.<Key, Map<String, Object>>builder()
                .clock(MutableClock.startingAt("2026-01-01T00:00:00Z")).build();
        private final Key[][] keys = new Key[WRITERS][KEYS_PER_WRITER];
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong writes = new AtomicLong();
        private final AtomicLongArray published = new AtomicLongArray(WRITERS);
        private final AtomicLong snapshotsChecked = new AtomicLong();
        private final AtomicLong storeViewsChecked = new AtomicLong();
        private final CountDownLatch start = new CountDownLatch(1);
        private final CountDownLatch writersDone = new CountDownLatch(WRITERS);

        Scenario(boolean removals) {
            this.removals = removals;
            for (int w = 0; w < WRITERS; w++) {
                for (int j = 0; j < KEYS_PER_WRITER; j++) {
                    keys[w][j] = new Key(w, j);
                }
            }
        }

        void run() throws Exception {
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
            try {
                List<Future<?>> tasks = new ArrayList<>();
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    tasks.add(pool.submit(stopOnFailure(stop, () -> {
                        try {
                            write(writer);
                        } finally {
                            writersDone.countDown();
                        }
                    })));
                }
                for (int r = 0; r < READERS; r++) {
                    tasks.add(pool.submit(stopOnFailure(stop, this::read)));
                }
                start.countDown();
                awaitAll(tasks);
            } finally {
                stop.set(true);
                shutDown(pool);
            }
            System.out.printf("prefix%s: %,d writes, %,d snapshots and %,d store views checked%n",
                    removals ? " with removals" : "", writes.get(), snapshotsChecked.get(), storeViewsChecked.get());
            assertThat(snapshotsChecked.get()).as("snapshots checked").isGreaterThanOrEqualTo(20);
            checkQuietStore();
        }

        private boolean isRemoval(long i) {
            return removals && i % 5 == 0;
        }

        /** The writer's operations 1, 2, 3..., each through a different kind of call, all of which must succeed. */
        private void write(int w) {
            awaitStart(start);
            long[] known = new long[KEYS_PER_WRITER]; // the current version of each of its keys; 0 when absent
            long lastVersion = 0;
            for (long i = 1; !stop.get(); i++) {
                if (writes.incrementAndGet() > MAX_WRITES) {
                    return;
                }
                int slot = (int) (i % KEYS_PER_WRITER);
                Key key = keys[w][slot];
                long expectedVersion = known[slot];
                String what = "writer " + w + " operation " + i + " on " + key;
                if (isRemoval(i)) {
                    Entry<Key, Map<String, Object>> removed = expectedVersion != 0 && (i / KEYS_PER_WRITER) % 2 == 0
                            ? store.remove(key, expectedVersion)
                            : store.remove(key);
                    if (expectedVersion == 0) {
                        assertThat(removed).as(what).isNull();
                    } else {
                        assertThat(removed).as(what).isNotNull();
                        assertThat(removed.version()).as(what).isEqualTo(expectedVersion);
                        assertThat(removed.value()).as(what).containsEntry("seq", i - KEYS_PER_WRITER);
                    }
                    known[slot] = 0;
                } else {
                    Map<String, Object> document = Map.of("writer", w, "seq", i);
                    Entry<Key, Map<String, Object>> written = writeOne(key, expectedVersion, document, i, what);
                    assertThat(written.key()).as(what).isEqualTo(key);
                    assertThat(written.value()).as(what).isEqualTo(document);
                    assertThat(written.version()).as(what + ": version after the writer's previous one")
                            .isGreaterThan(lastVersion);
                    known[slot] = written.version();
                    lastVersion = written.version();
                }
                published.set(w, i);
            }
        }

        private Entry<Key, Map<String, Object>> writeOne(Key key, long expectedVersion, Map<String, Object> document,
                long i, String what) {
            switch ((int) ((i / KEYS_PER_WRITER) % 4)) {
                case 0:
                    return store.put(key, document);
                case 1:
                    if (expectedVersion != 0) {
                        return store.replace(key, expectedVersion, document);
                    }
                    WriteResult<Key, Map<String, Object>> inserted = store.putIfAbsent(key, document);
                    assertThat(inserted.applied()).as(what + " putIfAbsent").isTrue();
                    return inserted.current();
                case 2:
                    WriteResult<Key, Map<String, Object>> updated = store.update(key, (k, current) -> {
                        // may run again when a drain removed a tombstone meanwhile; it must see the same state
                        if (expectedVersion == 0) {
                            assertThat(current).as(what + " updater's current entry").isNull();
                        } else {
                            assertThat(current).as(what + " updater's current entry").isNotNull();
                            assertThat(current.version()).as(what + " updater's current version")
                                    .isEqualTo(expectedVersion);
                        }
                        return Change.put(document);
                    });
                    assertThat(updated.applied()).as(what + " update").isTrue();
                    return updated.current();
                default:
                    if (expectedVersion == 0) {
                        return store.put(key, document);
                    }
                    WriteResult<Key, Map<String, Object>> replaced = store.replace(key, document);
                    assertThat(replaced.applied()).as(what + " replace").isTrue();
                    assertThat(replaced.previous().version()).as(what + " replaced version").isEqualTo(expectedVersion);
                    return replaced.current();
            }
        }

        /** A snapshot read, kept open for re-reading. */
        private record Observed(Snapshot<Key, Map<String, Object>> snapshot,
                Map<Key, Entry<Key, Map<String, Object>>> contents) {
        }

        private void read() {
            awaitStart(start);
            Deque<Observed> open = new ArrayDeque<>();
            try {
                long round = 0;
                boolean last = false;
                while (!stop.get() && !last) {
                    last = writersDone.getCount() == 0; // one more round after the writers finished
                    round++;
                    long[] before = publishedNow();
                    Snapshot<Key, Map<String, Object>> snapshot = store.snapshot();
                    Map<Key, Entry<Key, Map<String, Object>>> contents;
                    try {
                        contents = checkSnapshot(snapshot, before);
                    } catch (RuntimeException | AssertionError e) {
                        snapshot.close();
                        throw e;
                    }
                    open.addLast(new Observed(snapshot, contents));
                    snapshotsChecked.incrementAndGet();
                    reread(open.peekFirst()); // the oldest open one, while the writers keep going
                    if (open.size() > OPEN_WINDOW) {
                        Observed oldest = open.removeFirst();
                        reread(oldest);
                        oldest.snapshot().close();
                    }
                    if (round % 8 == 0) {
                        checkStoreView(round / 8);
                    }
                }
            } finally {
                open.forEach(observed -> observed.snapshot().close());
            }
        }

        private long[] publishedNow() {
            long[] values = new long[WRITERS];
            for (int w = 0; w < WRITERS; w++) {
                values[w] = published.get(w);
            }
            return values;
        }

        /** Every way of reading the snapshot must give the same entries, and they must form prefixes. */
        private Map<Key, Entry<Key, Map<String, Object>>> checkSnapshot(Snapshot<Key, Map<String, Object>> snapshot,
                long[] publishedBefore) {
            String where = "snapshot at readPoint " + snapshot.readPoint();
            Map<Key, Entry<Key, Map<String, Object>>> streamed = collect(where + " stream()", snapshot.stream());
            for (Key[] writerKeys : keys) {
                for (Key key : writerKeys) {
                    Entry<Key, Map<String, Object>> got = snapshot.get(key);
                    if (got != streamed.get(key)) {
                        fail("%s: get(%s) = %s but stream() gave %s", where, key, got, streamed.get(key));
                    }
                    assertThat(snapshot.containsKey(key)).as("%s containsKey(%s)", where, key).isEqualTo(got != null);
                }
            }
            assertThat(snapshot.count()).as("%s count()", where).isEqualTo(streamed.size());
            try (Cursor<Key, Map<String, Object>> cursor = snapshot.cursor()) {
                Map<Key, Entry<Key, Map<String, Object>>> walked = new HashMap<>();
                while (cursor.hasNext()) {
                    Entry<Key, Map<String, Object>> entry = cursor.next();
                    if (walked.put(entry.key(), entry) != null) {
                        fail("%s: the cursor returned %s twice", where, entry.key());
                    }
                }
                assertThat(cursor.count()).as("%s cursor count()", where).isEqualTo(streamed.size());
                assertSameEntries(where + " cursor vs stream", walked, streamed);
            }
            for (Entry<Key, Map<String, Object>> entry : streamed.values()) {
                assertThat(entry.version()).as("%s: version of %s", where, entry)
                        .isLessThanOrEqualTo(snapshot.readPoint());
            }
            checkPrefixes(where, streamed, publishedBefore);
            return streamed;
        }

        /** Reading an open snapshot again, while the writers go on, gives exactly what it gave before. */
        private void reread(Observed observed) {
            String where = "re-read of snapshot at readPoint " + observed.snapshot().readPoint();
            assertSameEntries(where, collect(where, observed.snapshot().stream()), observed.contents());
            assertThat(observed.snapshot().count()).as(where + " count()").isEqualTo(observed.contents().size());
        }

        /** The store-level views (copy, stream, cursor) are snapshots too. */
        private void checkStoreView(long which) {
            long[] before = publishedNow();
            switch ((int) (which % 3)) {
                case 0:
                    try (DocumentStore<Key, Map<String, Object>> copy = store.copy()) {
                        Map<Key, Entry<Key, Map<String, Object>>> copied = new HashMap<>();
                        for (Key[] writerKeys : keys) {
                            for (Key key : writerKeys) {
                                Entry<Key, Map<String, Object>> entry = copy.get(key);
                                if (entry != null) {
                                    copied.put(key, entry);
                                }
                            }
                        }
                        assertThat(copy.size()).as("copy size").isEqualTo(copied.size());
                        checkPrefixes("copy()", copied, before);
                    }
                    break;
                case 1:
                    try (Stream<Entry<Key, Map<String, Object>>> stream = store.stream()) {
                        checkPrefixes("store.stream()", collect("store.stream()", stream), before);
                    }
                    break;
                default:
                    try (Cursor<Key, Map<String, Object>> cursor = store.cursor()) {
                        Map<Key, Entry<Key, Map<String, Object>>> walked = new HashMap<>();
                        while (cursor.hasNext()) {
                            Entry<Key, Map<String, Object>> entry = cursor.next();
                            assertThat(walked.put(entry.key(), entry)).as("store.cursor() repeats %s", entry.key())
                                    .isNull();
                        }
                        checkPrefixes("store.cursor()", walked, before);
                    }
                    break;
            }
            storeViewsChecked.incrementAndGet();
        }

        /** The state after operations 1..m of writer w: the seq each slot holds, 0 when absent. */
        private long[] stateAfter(long m) {
            long[] state = new long[KEYS_PER_WRITER];
            for (int j = 0; j < KEYS_PER_WRITER; j++) {
                long i = m - Math.floorMod(m - j, (long) KEYS_PER_WRITER);
                state[j] = i >= 1 && !isRemoval(i) ? i : 0;
            }
            return state;
        }

        private void checkPrefixes(String where, Map<Key, Entry<Key, Map<String, Object>>> view,
                long[] publishedBefore) {
            for (Entry<Key, Map<String, Object>> entry : view.values()) {
                Key key = entry.key();
                Object writer = entry.value().get("writer");
                Object seq = entry.value().get("seq");
                if (!Integer.valueOf(key.writer()).equals(writer) || !(seq instanceof Long)
                        || (Long) seq % KEYS_PER_WRITER != key.slot() || isRemoval((Long) seq)) {
                    fail("%s: %s holds a value its writer never wrote there: %s", where, key, entry);
                }
            }
            for (int w = 0; w < WRITERS; w++) {
                long[] visible = new long[KEYS_PER_WRITER];
                long max = 0;
                List<Entry<Key, Map<String, Object>>> ofWriter = new ArrayList<>();
                for (int j = 0; j < KEYS_PER_WRITER; j++) {
                    Entry<Key, Map<String, Object>> entry = view.get(keys[w][j]);
                    if (entry != null) {
                        visible[j] = (Long) entry.value().get("seq");
                        max = Math.max(max, visible[j]);
                        ofWriter.add(entry);
                    }
                }
                // the last operation seen is max, or the removal right after it; when both fit (operation 5 removes a
                // key never written, so it changes nothing) the view is after both, which the larger one says
                long prefix = -1;
                for (long candidate = max + 1; candidate >= max && prefix < 0; candidate--) {
                    if ((candidate == max || isRemoval(candidate)) && Arrays.equals(stateAfter(candidate), visible)) {
                        prefix = candidate;
                    }
                }
                if (prefix < 0) {
                    fail("%s: writer %d's keys show no prefix of its operations: seqs by slot %s (largest %d; after"
                            + " operation %d they would be %s); entries: %s", where, w, Arrays.toString(visible), max,
                            max, Arrays.toString(stateAfter(max)), ofWriter);
                }
                if (prefix < publishedBefore[w]) {
                    fail("%s: writer %d had completed operation %d before it was opened, but it shows only operations"
                            + " 1..%d: seqs by slot %s; entries: %s", where, w, publishedBefore[w], prefix,
                            Arrays.toString(visible), ofWriter);
                }
                ofWriter.sort((a, b) -> Long.compare((Long) a.value().get("seq"), (Long) b.value().get("seq")));
                for (int n = 1; n < ofWriter.size(); n++) {
                    if (ofWriter.get(n).version() <= ofWriter.get(n - 1).version()) {
                        fail("%s: writer %d wrote %s after %s, but its version is not larger", where, w,
                                ofWriter.get(n), ofWriter.get(n - 1));
                    }
                }
            }
        }

        /** After the run: the live store holds exactly the last state, and nothing is retained. */
        private void checkQuietStore() {
            long documents = 0;
            for (int w = 0; w < WRITERS; w++) {
                long[] expected = stateAfter(published.get(w));
                for (int j = 0; j < KEYS_PER_WRITER; j++) {
                    Entry<Key, Map<String, Object>> entry = store.get(keys[w][j]);
                    if (expected[j] == 0) {
                        assertThat(entry).as("final %s", keys[w][j]).isNull();
                    } else {
                        assertThat(entry).as("final %s", keys[w][j]).isNotNull();
                        assertThat(entry.value()).as("final %s", keys[w][j]).containsEntry("seq", expected[j]);
                        documents++;
                    }
                }
            }
            StoreFigures figures = store.figures();
            assertThat(figures.openSnapshots()).as("open snapshots after the run").isZero();
            assertThat(figures.documents()).as("documents after the run").isEqualTo(documents);
            assertThat(store.size()).isEqualTo(documents);
            // One more write to every key, with no snapshot open, leaves no history behind. (The write makes this
            // independent of whether the last release's drain raced with a write; SnapshotMemoryTest covers that.)
            for (Key[] writerKeys : keys) {
                for (Key key : writerKeys) {
                    store.put(key, Map.of("writer", key.writer(), "seq", 0L));
                }
            }
            figures = store.figures();
            assertThat(figures.documents()).isEqualTo((long) WRITERS * KEYS_PER_WRITER);
            assertThat(figures.versions()).as("versions held with no snapshot open: " + figures)
                    .isEqualTo(figures.documents());
            store.close();
        }
    }

    // ----------------------------------------------------------------------------------------------------------------

    private static <K, V> Map<K, Entry<K, V>> collect(String where, Stream<Entry<K, V>> entries) {
        Map<K, Entry<K, V>> map = new HashMap<>();
        entries.forEach(entry -> {
            if (map.put(entry.key(), entry) != null) {
                fail("%s returned key %s twice", where, entry.key());
            }
        });
        return map;
    }

    private static <K, V> void assertSameEntries(String where, Map<K, Entry<K, V>> actual,
            Map<K, Entry<K, V>> expected) {
        assertThat(actual.keySet()).as("%s: keys", where).isEqualTo(expected.keySet());
        for (Map.Entry<K, Entry<K, V>> pair : expected.entrySet()) {
            Entry<K, V> got = actual.get(pair.getKey());
            Entry<K, V> want = pair.getValue();
            if (got.version() != want.version() || !got.value().equals(want.value())) {
                fail("%s: %s is %s, expected %s", where, pair.getKey(), got, want);
            }
        }
    }

    /** Makes a task stop every other task of its run when it fails, so a failure ends the run at once. */
    private static Runnable stopOnFailure(AtomicBoolean stop, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                stop.set(true);
                throw e;
            }
        };
    }

    private static void awaitStart(CountDownLatch start) {
        try {
            if (!start.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the run never started");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted before the start", e);
        }
    }

    /** Waits for every task; the first failure is rethrown with its own message. */
    private static void awaitAll(List<Future<?>> tasks) throws InterruptedException, TimeoutException {
        AssertionError failure = null;
        for (Future<?> task : tasks) {
            try {
                task.get(10, TimeUnit.MINUTES);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = new AssertionError(e.getCause().getMessage(), e.getCause());
                } else {
                    failure.addSuppressed(e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static void shutDown(ExecutorService pool) throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).as("threads stopped").isTrue();
    }
}
