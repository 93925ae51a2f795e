package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexRange;
import dev.docstore.testing.Soak;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Regression, through the JCache view: one writer rewrites four documents that always exist while several threads
 * query them through an index and without one. Each query reads one snapshot, so every answer must hold all four
 * documents at one point in time, no older than the last write completed before the query began. Snapshots opened
 * concurrently once lost versions (and their index entries) to a drain running on another reader's thread:
 * {@code count} answered 0 to 2, {@code scan} 2 documents, and a query without an index values thousands of writes old.
 *
 * <p>Bounded by operation counts ({@link Soak#scale()} multiplies them); no timing assumptions.
 */
class ConcurrentQueriesTest {
    private static final int KEYS = 4;
    private static final int READERS = 4;
    private static final long CHECKS_PER_READER = 120_000 * Soak.scale();
    private static final long MAX_WRITES = 20_000_000 * Soak.scale();

    private final CacheManager manager = newManager("concurrent-queries");

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    @Timeout(600)
    void everyQueryRacingWithOneWriterSeesAllFourDocumentsAtOnePointInTime() throws Exception {
        Cache<String, Map<String, Object>> cache = manager.createCache("seq",
                new MutableConfiguration<String, Map<String, Object>>().setStoreByValue(false));
        DocumentCache<String, Map<String, Object>> docs = documents(cache);
        docs.createIndex(IndexDefinition.of("bySeq", "seq"));
        for (long seq = 0; seq < KEYS; seq++) {
            cache.put("k" + seq, Map.of("seq", seq, "owner", "w"));
        }
        AtomicLong completed = new AtomicLong(KEYS - 1);
        Soak.Run run = new Soak.Run();
        run.thread("writer", () -> {
            for (long seq = KEYS; seq < MAX_WRITES && !run.readersDone(); seq++) {
                cache.put("k" + (seq % KEYS), Map.of("seq", seq, "owner", "w"));
                completed.set(seq);
            }
        });
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            run.reader("reader-" + r, () -> {
                for (long check = 0; check < CHECKS_PER_READER && !run.failed(); check++) {
                    long before = completed.get();
                    int way = (int) ((check + reader) % 4);
                    String where = "query " + way + " begun after write " + before + " completed";
                    if (way == 0) {
                        assertThat(docs.count("bySeq", IndexRange.all())).as(where + ": count").isEqualTo(KEYS);
                        continue;
                    }
                    List<DocstoreCacheEntry<String, Map<String, Object>>> answer = switch (way) {
                        case 1 -> docs.scan("bySeq", IndexRange.all(), false, 10);
                        case 2 -> docs.query(q -> q.where("seq").gte(0L));
                        default -> docs.query(q -> q.where("owner").eq("w"));
                    };
                    assertOnePrefix(where, answer, before);
                }
            });
        }
        run.finish();
        System.out.printf("concurrent queries: %,d writes, %,d queries%n", completed.get(),
                CHECKS_PER_READER * READERS);
    }

    /** Four consecutive writes, one per key, the newest no older than {@code before}. */
    private static void assertOnePrefix(String where, List<DocstoreCacheEntry<String, Map<String, Object>>> answer,
            long before) {
        Map<String, Long> seen = new HashMap<>();
        answer.forEach(entry -> seen.put(entry.getKey(), (Long) entry.getValue().get("seq")));
        String shown = where + ": seqs by key " + new TreeMap<>(seen);
        assertThat(answer).as(shown).hasSize(KEYS);
        assertThat(seen).as(shown).hasSize(KEYS);
        long max = seen.values().stream().mapToLong(Long::longValue).max().orElseThrow();
        long min = seen.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        assertThat(max - min).as(shown + ": one point in time").isEqualTo(KEYS - 1);
        seen.forEach((key, seq) -> assertThat("k" + (seq % KEYS)).as(shown).isEqualTo(key));
        assertThat(max).as(shown + ": no older than the last write completed before").isGreaterThanOrEqualTo(before);
    }
}
