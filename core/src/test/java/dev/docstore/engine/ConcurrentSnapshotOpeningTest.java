package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.testing.Soak;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression: snapshots opened by several threads at once while one writer rewrites four keys that always exist.
 *
 * <p>A snapshot released on one thread drains old versions while another thread is opening its snapshot; the drain
 * once decided "no snapshot is registering" at its start and then reclaimed keys whose newest version was stamped
 * later, so the opening snapshot lost the versions it needed: {@code count()} gave 0 to 3 and {@code get} gave
 * {@code null} or a value thousands of writes old. Every snapshot here must show exactly four documents forming one
 * prefix of the writer's writes, and no older a prefix than the writer had completed before it opened.
 *
 * <p>Bounded by operation counts ({@link Soak#scale()} multiplies them for long runs); no timing assumptions.
 */
class ConcurrentSnapshotOpeningTest {
    private static final int KEYS = 4;
    private static final int READERS = 4;
    private static final long CHECKS_PER_READER = 200_000 * Soak.scale();
    private static final long MAX_WRITES = 20_000_000 * Soak.scale();

    @Test
    @Timeout(600)
    void everySnapshotOpenedConcurrentlySeesAllFourDocumentsAtOnePointInTime() throws Exception {
        try (DocumentStore<String, Map<String, Object>> store = DocumentStore.create()) {
            for (long seq = 0; seq < KEYS; seq++) {
                store.put("k" + seq, Map.of("seq", seq, "owner", "w"));
            }
            AtomicLong completed = new AtomicLong(KEYS - 1);
            Soak.Run run = new Soak.Run();
            run.thread("writer", () -> {
                for (long seq = KEYS; seq < MAX_WRITES && !run.readersDone(); seq++) {
                    store.put("k" + (seq % KEYS), Map.of("seq", seq, "owner", "w"));
                    completed.set(seq);
                }
            });
            for (int r = 0; r < READERS; r++) {
                int reader = r;
                run.reader("reader-" + r, () -> {
                    for (long check = 0; check < CHECKS_PER_READER; check++) {
                        long before = completed.get();
                        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
                            checkOne(snapshot, (int) ((check + reader) % 4), before);
                        }
                    }
                });
            }
            run.finish();
            System.out.printf("concurrent snapshot opening: %,d writes, %,d snapshots%n", completed.get(),
                    CHECKS_PER_READER * READERS);
        }
    }

    /** Reads the snapshot one of four ways; each must show the four keys at one prefix no older than {@code before}. */
    private static void checkOne(Snapshot<String, Map<String, Object>> snapshot, int way, long before) {
        String where = "snapshot at " + snapshot.readPoint() + " opened after write " + before + " completed";
        Map<String, Long> seen = new HashMap<>();
        switch (way) {
            case 0 -> {
                long count = snapshot.count();
                assertThat(count).as(where + ": count()").isEqualTo(KEYS);
                return;
            }
            case 1 -> snapshot.stream().forEach(entry -> seen.put(entry.key(), seq(entry)));
            case 2 -> {
                for (int key = 0; key < KEYS; key++) {
                    Entry<String, Map<String, Object>> entry = snapshot.get("k" + key);
                    assertThat(entry).as(where + ": get(k" + key + ")").isNotNull();
                    seen.put(entry.key(), seq(entry));
                }
            }
            default -> {
                try (Cursor<String, Map<String, Object>> cursor = snapshot.cursor()) {
                    while (cursor.hasNext()) {
                        Entry<String, Map<String, Object>> entry = cursor.next();
                        seen.put(entry.key(), seq(entry));
                    }
                }
            }
        }
        assertOnePrefix(where, seen, before);
    }

    private static long seq(Entry<String, Map<String, Object>> entry) {
        return (Long) entry.value().get("seq");
    }

    /**
     * Writes {@code 0..M} leave key {@code k(j)} holding the largest {@code s <= M} with {@code s % 4 == j}: four
     * consecutive numbers, one per key. {@code M} must be at least the write completed before the snapshot opened.
     */
    static void assertOnePrefix(String where, Map<String, Long> seen, long before) {
        assertThat(seen).as(where + ": documents").hasSize(KEYS);
        List<Long> seqs = new ArrayList<>(seen.values());
        long max = seqs.stream().mapToLong(Long::longValue).max().orElseThrow();
        long min = seqs.stream().mapToLong(Long::longValue).min().orElseThrow();
        Map<String, Long> sorted = seen.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        assertThat(max - min).as(where + ": one point in time, seqs by key " + sorted).isEqualTo(KEYS - 1);
        seen.forEach((key, seq) -> assertThat("k" + (seq % KEYS)).as(where + ": key of seq " + seq).isEqualTo(key));
        assertThat(max).as(where + ": newest write seen, seqs by key " + sorted).isGreaterThanOrEqualTo(before);
    }
}
