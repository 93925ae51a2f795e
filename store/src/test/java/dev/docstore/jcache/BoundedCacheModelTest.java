package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.listenerConfiguration;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static dev.docstore.jcache.JCacheTesting.statistics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.index.IndexDefinition;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.event.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A seeded model test of a bounded cache against an oracle: random puts, gets, removals, replaces and
 * {@code removeAll} over more keys than the bound, and after each step the invariants: never above the bound at
 * quiescence; a key present holds the oracle's value; an evicted key is absent from {@code get} and from index
 * queries until written again; the statistics and the REMOVED listener count each eviction once. The seed is in
 * every failure message.
 */
class BoundedCacheModelTest {
    private static final int MAXIMUM = 40;
    private static final int KEYS = 160;
    private static final int STEPS = 4_000;

    private final CacheManager manager = newManager("bounded-model");

    @AfterEach
    void closeManager() {
        manager.close();
    }

    @Test
    void aBoundedCacheAgreesWithItsOracleUnderRandomOperations() {
        for (long seed : new long[] {1, 42, 20_261_203, System.nanoTime()}) {
            run(seed);
        }
    }

    private void run(long seed) {
        String why = "seed " + seed;
        Random random = new Random(seed);
        JCacheTesting.RecordingListener<Integer, Map<String, Object>> listener =
                new JCacheTesting.RecordingListener<>();
        DocstoreConfiguration<Integer, Map<String, Object>> configuration =
                new DocstoreConfiguration<Integer, Map<String, Object>>().setMaximumSize(MAXIMUM)
                        .addIndex(IndexDefinition.of("byGroup", "group"));
        configuration.setStatisticsEnabled(true);
        configuration.addCacheEntryListenerConfiguration(listenerConfiguration(listener, true, true));
        Cache<Integer, Map<String, Object>> cache = manager.createCache("model-" + seed, configuration);
        DocumentCache<Integer, Map<String, Object>> docs = documents(cache);
        Map<Integer, Map<String, Object>> oracle = new HashMap<>();
        long removedByTest = 0;
        long evictedSeen = 0;
        for (int step = 0; step < STEPS; step++) {
            int key = random.nextInt(KEYS);
            int op = random.nextInt(10);
            String at = why + ", step " + step + ", key " + key;
            if (op < 5) {
                Map<String, Object> value = Map.of("group", key % 7, "step", step);
                cache.put(key, value);
                oracle.put(key, value);
            } else if (op < 8) {
                Map<String, Object> got = cache.get(key);
                assertThat(got).as(at).isIn(oracle.get(key), null);
            } else if (op == 8) {
                boolean removed = cache.remove(key);
                if (removed) {
                    removedByTest++;
                    assertThat(oracle.remove(key)).as(at).isNotNull();
                } else {
                    assertThat(cache.get(key)).as(at).isNull();
                }
            } else {
                Set<Integer> some = new HashSet<>();
                for (int i = 0; i < 3; i++) {
                    some.add(random.nextInt(KEYS));
                }
                for (Integer one : some) {
                    if (cache.containsKey(one)) {
                        removedByTest++;
                    }
                    oracle.remove(one);
                }
                cache.removeAll(some);
            }
            // what the oracle holds but the cache lost was evicted: it must be gone everywhere, for good
            Set<Integer> present = new HashSet<>();
            cache.forEach(entry -> present.add(entry.getKey()));
            for (var it = oracle.entrySet().iterator(); it.hasNext(); ) {
                var expected = it.next();
                if (!present.contains(expected.getKey())) {
                    assertThat(cache.get(expected.getKey())).as(at).isNull();
                    it.remove();
                    evictedSeen++;
                }
            }
            assertThat(present).as(at).hasSizeLessThanOrEqualTo(MAXIMUM).isSubsetOf(oracle.keySet());
            assertThat(docs.figures().documents()).as(at).isLessThanOrEqualTo(MAXIMUM);
            if (step % 50 == 0) {
                for (int group = 0; group < 7; group++) {
                    int g = group;
                    Set<Integer> indexed = docs.lookup("byGroup", group).stream()
                            .map(DocstoreCacheEntry::getKey).collect(Collectors.toSet());
                    Set<Integer> expected = oracle.keySet().stream().filter(k -> k % 7 == g)
                            .collect(Collectors.toSet());
                    assertThat(indexed).as(at + ", group " + group).isEqualTo(expected);
                }
            }
        }
        List<JCacheTesting.Seen<Integer, Map<String, Object>>> removedEvents = listener.of(EventType.REMOVED);
        assertThat(evictedSeen).as(why).isPositive();
        assertThat(statistics(cache).getCacheEvictions()).as(why).isEqualTo(evictedSeen);
        assertThat(statistics(cache).getCacheRemovals()).as(why).isEqualTo(removedByTest);
        assertThat(removedEvents).as(why).hasSize((int) (evictedSeen + removedByTest));
        assertThat(removedEvents).as(why).allSatisfy(seen -> assertThat(seen.oldValue()).isNotNull());
        cache.clear();
        assertThat(docs.figures().documents()).as(why).isZero();
        assertThat(JCacheTesting.bound(cache).weightedSize()).as(why).isZero();
    }
}
