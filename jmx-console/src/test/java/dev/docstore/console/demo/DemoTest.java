package dev.docstore.console.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.jcache.EvictionBound;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.cache.Cache;
import javax.cache.management.CacheStatisticsMXBean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The embedded demo: its documents are {@link DemoData}'s for the demo's seed, its indexes answer as a brute-force
 * filter does, its customers cache holds no more than its bound and keeps evicting while the workload runs, and the
 * workload runs until {@link Demo#close()} stops it.
 */
@Timeout(120)
class DemoTest {
    private static final int ORDERS = 3_000;

    @SuppressWarnings("unchecked") // the demo's caches hold documents
    private static Cache<String, Map<String, Object>> cache(Demo demo, String name) {
        return demo.manager().getCache(name, String.class, (Class<Map<String, Object>>) (Class<?>) Map.class);
    }

    @SuppressWarnings("unchecked") // the demo's caches hold documents
    private static DocumentCache<String, Map<String, Object>> documents(Cache<String, Map<String, Object>> cache) {
        return cache.unwrap(DocumentCache.class);
    }

    private static DemoData generator(int document, int customers) {
        return new DemoData(Demo.batchSeed(document / Demo.BATCH), customers);
    }

    @Test
    void theDocumentsAreTheDataOfTheDemosSeedAndTheIndexesAnswerLikeAFilter() {
        try (Demo demo = Demo.start(ORDERS, 0, 2)) {
            Cache<String, Map<String, Object>> orders = cache(demo, "orders");
            Cache<String, Map<String, Object>> customers = cache(demo, "customers");
            int customerCount = ORDERS / 10;
            int bound = Demo.customerBound(customerCount);
            assertThat(bound).as("the bound is below the data, so the fill evicts").isLessThan(customerCount);
            Map<String, Map<String, Object>> present = new TreeMap<>();
            customers.forEach(entry -> present.put(entry.getKey(), entry.getValue()));
            assertThat(present).as("customers held after the fill: the bound").hasSize(bound);
            assertThat(documents(customers).evictionBound()).contains(
                    new EvictionBound(EvictionBound.Kind.SIZE, bound, bound));
            DemoData data = null;
            for (int i = 0; i < customerCount; i++) {
                // each batch of the fill has its own generator, which makes the documents of that batch in order
                data = i % Demo.BATCH == 0 ? generator(i, customerCount) : data;
                Map<String, Object> generated = data.customer(i);
                String key = DemoData.customerKey(i);
                if (present.containsKey(key)) {
                    assertThat(present.get(key)).as("customer %d", i).isEqualTo(generated);
                }
            }
            Map<String, Map<String, Object>> expected = new TreeMap<>();
            for (int i = 0; i < ORDERS; i++) {
                data = i % Demo.BATCH == 0 ? generator(i, customerCount) : data;
                expected.put(DemoData.orderKey(i), data.order(i));
            }
            Map<String, Map<String, Object>> actual = new TreeMap<>();
            orders.forEach(entry -> actual.put(entry.getKey(), entry.getValue()));
            assertThat(actual).isEqualTo(expected);

            assertThat(documents(orders).indexes()).extracting(IndexInfo::name)
                    .containsExactlyInAnyOrder("byCity", "byStatus", "byAmount", "byCreated");
            assertThat(documents(orders).indexes()).allSatisfy(index -> assertThat(index.entries()).isEqualTo(ORDERS));
            assertThat(documents(customers).indexes()).extracting(IndexInfo::name).containsExactly("byCountry");

            for (String[] city : DemoData.CITIES) {
                assertThat(keys(documents(orders).lookup("byCity", city[0])))
                        .as("orders in %s", city[0])
                        .isEqualTo(filter(expected, order -> city[0].equals(address(order).get("city"))));
            }
            for (String status : DemoData.STATUSES) {
                assertThat(keys(documents(orders).lookup("byStatus", status)))
                        .isEqualTo(filter(expected, order -> status.equals(order.get("status"))));
            }
            assertThat(keys(documents(orders).range("byAmount", 1_000.0, 1_500.0))).isEqualTo(filter(expected,
                    order -> (Double) order.get("amount") >= 1_000.0 && (Double) order.get("amount") < 1_500.0));
            assertThat(keys(documents(customers).lookup("byCountry", "PT"))).isNotEmpty()
                    .isEqualTo(customersIn(customers, "PT"));

            CacheStatisticsMXBean statistics = orders.unwrap(dev.docstore.jcache.DocstoreCache.class).statistics();
            assertThat(statistics.getCachePuts()).as("filling does not count as traffic").isZero();
        }
    }

    private static Map<String, Object> address(Map<String, Object> order) {
        @SuppressWarnings("unchecked") // the address is a nested document
        Map<String, Object> address = (Map<String, Object>) order.get("address");
        return address;
    }

    private static List<String> customersIn(Cache<String, Map<String, Object>> customers, String country) {
        List<String> keys = new ArrayList<>();
        customers.forEach(entry -> {
            if (country.equals(entry.getValue().get("country"))) {
                keys.add(entry.getKey());
            }
        });
        keys.sort(Comparator.naturalOrder());
        return keys;
    }

    private static List<String> keys(List<DocstoreCacheEntry<String, Map<String, Object>>> entries) {
        return entries.stream().map(DocstoreCacheEntry::getKey).sorted().toList();
    }

    private static List<String> filter(Map<String, Map<String, Object>> documents,
            Predicate<Map<String, Object>> test) {
        return documents.entrySet().stream().filter(entry -> test.test(entry.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
    }

    @Test
    void theCustomersCacheKeepsEvictingWhileTheWorkloadRunsAndComesBackWithinItsBound() {
        try (Demo demo = Demo.start(2_000, 2_000, 2)) {
            Cache<String, Map<String, Object>> customers = cache(demo, "customers");
            CacheStatisticsMXBean statistics = customers.unwrap(dev.docstore.jcache.DocstoreCache.class)
                    .statistics();
            long bound = documents(customers).evictionBound().orElseThrow().maximum();
            assertThat(bound).isEqualTo(Demo.customerBound(200));

            await().atMost(Duration.ofSeconds(30)).until(() -> statistics.getCacheEvictions() > 0);
            long evicted = statistics.getCacheEvictions();
            await("evictions go on").atMost(Duration.ofSeconds(30))
                    .until(() -> statistics.getCacheEvictions() > evicted);
            // the workload parks between its batches: at those moments its evictions are done
            await("within the bound between writes").atMost(Duration.ofSeconds(30))
                    .until(() -> documents(customers).figures().documents() <= bound);
            assertThat(statistics.getCacheMisses()).isPositive();
            assertThat(demo.refused()).isZero();
        }
    }

    @Test
    void theWorkloadRunsUntilTheDemoCloses() {
        Demo demo = Demo.start(2_000, 2_000, 2);
        try {
            Cache<String, Map<String, Object>> orders = cache(demo, "orders");
            CacheStatisticsMXBean statistics = orders.unwrap(dev.docstore.jcache.DocstoreCache.class).statistics();
            await().atMost(Duration.ofSeconds(30)).until(() -> demo.operations() > 200
                    && statistics.getCacheGets() > 0 && statistics.getCacheMisses() > 0);
            assertThat(demo.refused()).isZero();
        } finally {
            demo.close();
        }
        long stopped = demo.operations();
        assertThat(workers()).as("workload threads after close").isEmpty();
        assertThat(demo.operations()).isEqualTo(stopped);
        assertThat(demo.manager().isClosed()).isTrue();
    }

    private static List<String> workers() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.startsWith("docstore-demo-workload-")).toList();
    }

    @Test
    void aSecondDemoInTheSameJvmIsRefusedAndLeavesTheFirstRunning() {
        try (Demo first = Demo.start(100, 0, 1)) {
            assertThatThrownBy(() -> Demo.start(100, 0, 1)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(Demo.MANAGER.toString());
            assertThat(first.manager().isClosed()).isFalse();
            assertThat(cache(first, "orders").get(DemoData.orderKey(0))).isNotNull();
        }
    }

    @Test
    void aDemoNeedsAnOrder() {
        assertThatThrownBy(() -> Demo.start(0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
