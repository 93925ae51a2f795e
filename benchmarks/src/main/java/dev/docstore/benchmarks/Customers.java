package dev.docstore.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The documents of the export and import benchmark: customer records of a realistic shape, as an application would
 * keep them in a cache of {@code Map}s, about 230 bytes each as JSON:
 * <pre>{@code {"name": "Ada Moreau", "email": "customer-42@example.com", "age": 37,
 *  "createdAt": 1701234567890, "balance": 1234.5678901234, "address": {"street": "17 Market Street",
 *  "city": "Lyon", "zip": "69001"}, "tags": ["gold", "newsletter"]}}</pre>
 * that is strings, an {@code Integer}, a {@code Long}, a {@code Double}, a nested map and a short list. The same seed
 * gives the same documents in every fork, so both sides of a ratio handle the same data.
 */
final class Customers {
    private static final long SEED = 20_261_203L;
    private static final String[] FIRST = {"Ada", "Bruno", "Chloé", "Dmitri", "Elif", "Farid", "Grace", "Hugo"};
    private static final String[] LAST = {"Moreau", "Schmidt", "García", "Nakamura", "Okafor", "Rossi", "Smith"};
    private static final String[] CITIES = {"Lyon", "Berlin", "Madrid", "Osaka", "Lagos", "Turin", "Leeds"};
    private static final String[] TAGS = {"gold", "newsletter", "b2b", "churn-risk", "vip", "trial"};

    private Customers() {
    }

    /** The key of customer {@code id}. */
    static String key(int id) {
        return "customer-" + id;
    }

    /** {@code count} documents, document {@code i} being customer {@code i}'s. */
    static List<Map<String, Object>> generate(int count) {
        SplittableRandom random = new SplittableRandom(SEED);
        List<Map<String, Object>> documents = new ArrayList<>(count);
        for (int id = 0; id < count; id++) {
            documents.add(customer(id, random));
        }
        return documents;
    }

    private static Map<String, Object> customer(int id, SplittableRandom random) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", (1 + random.nextInt(300)) + " Market Street");
        address.put("city", pick(CITIES, random));
        address.put("zip", String.format(Locale.ROOT, "%05d", random.nextInt(100_000)));
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("name", pick(FIRST, random) + " " + pick(LAST, random));
        customer.put("email", key(id) + "@example.com");
        customer.put("age", 18 + random.nextInt(80));
        // a timestamp in milliseconds: beyond an int, so JSON readers give it back as a Long
        customer.put("createdAt", 1_600_000_000_000L + random.nextLong(200_000_000_000L));
        customer.put("balance", random.nextDouble() * 10_000);
        customer.put("address", address);
        customer.put("tags", new ArrayList<>(List.of(pick(TAGS, random), pick(TAGS, random))));
        return customer;
    }

    private static String pick(String[] values, SplittableRandom random) {
        return values[random.nextInt(values.length)];
    }
}
