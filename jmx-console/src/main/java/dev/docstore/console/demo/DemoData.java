package dev.docstore.console.demo;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Generates the demo's documents from a seed: orders {@code {id, customer, status, amount, created, address {street,
 * city, postcode, country}, tags}} and customers {@code {id, name, email, city, country, since}}. Cities are skewed
 * (a few big ones, a long tail), like real order data, so index lookups return different amounts of hits.
 *
 * <p>Not thread-safe: each thread that generates documents needs its own instance.
 */
public final class DemoData {
    static final String[][] CITIES = {
        {"Lisbon", "PT"}, {"Porto", "PT"}, {"Madrid", "ES"}, {"Barcelona", "ES"}, {"Valencia", "ES"},
        {"Paris", "FR"}, {"Lyon", "FR"}, {"Marseille", "FR"}, {"Berlin", "DE"}, {"Hamburg", "DE"},
        {"Munich", "DE"}, {"Cologne", "DE"}, {"Amsterdam", "NL"}, {"Rotterdam", "NL"}, {"Brussels", "BE"},
        {"Antwerp", "BE"}, {"Vienna", "AT"}, {"Zurich", "CH"}, {"Geneva", "CH"}, {"Milan", "IT"}, {"Rome", "IT"},
        {"Turin", "IT"}, {"Naples", "IT"}, {"Warsaw", "PL"}, {"Krakow", "PL"}, {"Prague", "CZ"}, {"Brno", "CZ"},
        {"Budapest", "HU"}, {"Copenhagen", "DK"}, {"Stockholm", "SE"}, {"Gothenburg", "SE"}, {"Oslo", "NO"},
        {"Helsinki", "FI"}, {"Dublin", "IE"}, {"Cork", "IE"}, {"Athens", "GR"}, {"Bucharest", "RO"},
        {"Sofia", "BG"}, {"Zagreb", "HR"}, {"Ljubljana", "SI"}};
    static final String[] STATUSES = {"new", "paid", "shipped", "delivered", "cancelled", "returned"};
    private static final String[] TAGS = {"gift", "express", "fragile", "bulk", "subscription", "first-order",
        "discounted", "b2b"};
    private static final String[] STREETS = {"Main Street", "Station Road", "Market Square", "Harbour Lane",
        "Church Street", "Park Avenue", "Mill Road", "River Walk"};
    private static final String[] FIRST = {"Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances",
        "Ken", "Margaret", "Niklaus", "Radia", "Tony", "Leslie", "Hedy", "John", "Sophie"};
    private static final String[] LAST = {"Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen",
        "Thompson", "Hamilton", "Wirth", "Perlman", "Hoare", "Lamport", "Lamarr", "Backus", "Wilson"};
    /** Orders are created within the year before this instant. */
    private static final Instant EPOCH = Instant.parse("2026-11-01T00:00:00Z");

    private final SplittableRandom random;
    private final int customers;

    public DemoData(long seed, int customers) {
        this.random = new SplittableRandom(seed);
        this.customers = customers;
    }

    public static String orderKey(int i) {
        return padded("o-", i, 7);
    }

    public static String customerKey(int i) {
        return padded("c-", i, 6);
    }

    /** {@code prefix} and {@code i} with leading zeros to {@code width} digits (String.format is slow in bulk). */
    private static String padded(String prefix, int i, int width) {
        String digits = Integer.toString(i);
        StringBuilder key = new StringBuilder(prefix.length() + Math.max(width, digits.length())).append(prefix);
        for (int pad = digits.length(); pad < width; pad++) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    /** A city index skewed towards the first ones: the square of a uniform draw. */
    private int city() {
        double u = random.nextDouble();
        return (int) (u * u * CITIES.length);
    }

    public Map<String, Object> order(int i) {
        int city = city();
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("street", (1 + random.nextInt(200)) + " " + STREETS[random.nextInt(STREETS.length)]);
        address.put("city", CITIES[city][0]);
        address.put("postcode", padded("", random.nextInt(100_000), 5));
        address.put("country", CITIES[city][1]);
        List<String> tags = new ArrayList<>();
        for (String tag : TAGS) {
            if (random.nextInt(6) == 0) {
                tags.add(tag);
            }
        }
        Map<String, Object> order = new LinkedHashMap<>();
        order.put("id", orderKey(i));
        order.put("customer", customerKey(random.nextInt(customers)));
        order.put("status", STATUSES[random.nextInt(STATUSES.length)]);
        order.put("amount", random.nextInt(500, 500_000) / 100.0);
        order.put("created", EPOCH.minus(random.nextLong(365L * 24 * 3600), ChronoUnit.SECONDS).toString());
        order.put("address", address);
        order.put("tags", tags);
        return order;
    }

    public Map<String, Object> customer(int i) {
        int city = city();
        String first = FIRST[random.nextInt(FIRST.length)];
        String last = LAST[random.nextInt(LAST.length)];
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", customerKey(i));
        customer.put("name", first + " " + last);
        customer.put("email", (first + "." + last + i).toLowerCase(java.util.Locale.ROOT) + "@example.com");
        customer.put("city", CITIES[city][0]);
        customer.put("country", CITIES[city][1]);
        customer.put("since", 2010 + random.nextInt(17));
        return customer;
    }

    /** A status other orders move to: what the workload writes. */
    public String status() {
        return STATUSES[random.nextInt(STATUSES.length)];
    }

    public String city(boolean skewed) {
        return CITIES[skewed ? city() : random.nextInt(CITIES.length)][0];
    }

    public int nextInt(int bound) {
        return random.nextInt(bound);
    }

    public double nextDouble() {
        return random.nextDouble();
    }
}
