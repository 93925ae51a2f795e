package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.transfer.ImportOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;

/**
 * An export taken while writers run is the cache at one point in time. Each writer counts up a pair of keys, writing
 * {@code a-i} before {@code b-i}, so at any moment {@code a-i} is {@code b-i} or one more. An export that read the
 * two keys at different moments could see {@code b-i} ahead of {@code a-i}, or behind by two.
 */
class ExportConsistencyTest {
    private static final int WRITERS = 2;
    private static final int PAIRS_PER_WRITER = 200;

    @Test
    void anExportTakenWhileWritersRunHoldsTheirInvariantAndImportsBack() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try (CacheManager manager = newManager("export-consistency")) {
            DocstoreConfiguration<String, Object> configuration = new DocstoreConfiguration<>();
            configuration.setTypes(String.class, Object.class);
            Cache<String, Object> cache = manager.createCache("pairs", configuration);
            for (int writer = 0; writer < WRITERS; writer++) {
                for (int pair = 0; pair < PAIRS_PER_WRITER; pair++) {
                    cache.put("a-" + writer + "-" + pair, Map.of("n", 0L));
                    cache.put("b-" + writer + "-" + pair, Map.of("n", 0L));
                }
            }
            AtomicBoolean running = new AtomicBoolean(true);
            CountDownLatch started = new CountDownLatch(WRITERS);
            List<Future<Long>> writers = new ArrayList<>();
            for (int writer = 0; writer < WRITERS; writer++) {
                int id = writer;
                writers.add(pool.submit(() -> {
                    started.countDown();
                    long rounds = 0;
                    while (running.get()) {
                        rounds++;
                        for (int pair = 0; pair < PAIRS_PER_WRITER; pair++) {
                            cache.put("a-" + id + "-" + pair, Map.of("n", rounds));
                            cache.put("b-" + id + "-" + pair, Map.of("n", rounds));
                        }
                    }
                    return rounds;
                }));
            }
            started.await();
            int exports = 0;
            long roundsSeen = 0;
            // until the writers have moved on a few rounds under the exports (or one of them failed)
            while ((exports < 20 || roundsSeen < 3) && writers.stream().noneMatch(Future::isDone)) {
                ByteArrayOutputStream file = new ByteArrayOutputStream();
                documents(cache).exportTo(file);
                Map<String, Long> exported = counts(file.toByteArray(), manager, exports);
                assertThat(exported).hasSize(2 * WRITERS * PAIRS_PER_WRITER);
                for (int writer = 0; writer < WRITERS; writer++) {
                    for (int pair = 0; pair < PAIRS_PER_WRITER; pair++) {
                        long a = exported.get("a-" + writer + "-" + pair);
                        long b = exported.get("b-" + writer + "-" + pair);
                        assertThat(a - b).as("export %d, pair %d-%d: a=%d b=%d", exports, writer, pair, a, b)
                                .isBetween(0L, 1L);
                        roundsSeen = Math.max(roundsSeen, a);
                    }
                }
                exports++;
            }
            running.set(false);
            for (Future<Long> writer : writers) {
                assertThat(writer.get()).as("the writers ran through the exports").isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The counts an export holds, read back through an import into a cache of their own. */
    private static Map<String, Long> counts(byte[] file, CacheManager manager, int export) {
        DocstoreConfiguration<String, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(String.class, Object.class);
        Cache<String, Object> copy = manager.createCache("copy-" + export, configuration);
        documents(copy).importFrom(new ByteArrayInputStream(file), ImportOptions.allOrNothing());
        Map<String, Long> counts = new java.util.HashMap<>();
        for (Cache.Entry<String, Object> entry : copy) {
            counts.put(entry.getKey(), (Long) ((Map<?, ?>) entry.getValue()).get("n"));
        }
        manager.destroyCache("copy-" + export);
        return counts;
    }
}
