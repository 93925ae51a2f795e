package dev.docstore.console.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The demo's generator: reproducible from its seed, documents of the documented shape, cities skewed. */
class DemoDataTest {
    @Test
    void theSameSeedGivesTheSameDocumentsAndAnotherSeedOthers() {
        DemoData one = new DemoData(7, 100);
        DemoData two = new DemoData(7, 100);
        DemoData other = new DemoData(8, 100);
        boolean differs = false;
        for (int i = 0; i < 200; i++) {
            Map<String, Object> order = one.order(i);
            assertThat(two.order(i)).isEqualTo(order);
            differs |= !other.order(i).equals(order);
        }
        assertThat(differs).isTrue();
    }

    @Test
    void ordersAndCustomersHaveTheDocumentedShape() {
        DemoData data = new DemoData(1, 50);
        for (int i = 0; i < 500; i++) {
            Map<String, Object> order = data.order(i);
            assertThat(order).containsOnlyKeys("id", "customer", "status", "amount", "created", "address", "tags");
            assertThat(order.get("id")).isEqualTo(DemoData.orderKey(i));
            assertThat((String) order.get("customer")).matches("c-0000[0-4]\\d");
            assertThat(List.of(DemoData.STATUSES)).contains((String) order.get("status"));
            assertThat((Double) order.get("amount")).isBetween(5.0, 5_000.0);
            Instant created = Instant.parse((String) order.get("created"));
            assertThat(created).isBetween(Instant.parse("2025-11-01T00:00:00Z"),
                    Instant.parse("2026-11-01T00:00:00Z"));
            assertThat(List.copyOf(((Map<?, ?>) order.get("address")).keySet())).asInstanceOf(
                    org.assertj.core.api.InstanceOfAssertFactories.LIST).containsExactly("street", "city",
                    "postcode", "country");
            Map<String, Object> customer = data.customer(i % 50);
            assertThat(customer).containsOnlyKeys("id", "name", "email", "city", "country", "since");
            assertThat((String) customer.get("email")).endsWith("@example.com");
        }
    }

    @Test
    void citiesAreSkewedTowardsTheFirstOnes() {
        DemoData data = new DemoData(3, 10);
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            counts.merge(data.city(true), 1, Integer::sum);
        }
        String first = DemoData.CITIES[0][0];
        String last = DemoData.CITIES[DemoData.CITIES.length - 1][0];
        // u² < 1/40 for the first city (p ≈ 0.158), 1 - sqrt(39/40) for the last (p ≈ 0.0126)
        assertThat(counts.get(first)).isGreaterThan(5 * counts.getOrDefault(last, 0));
    }
}
