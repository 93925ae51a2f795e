package dev.docstore.benchmarks;

import dev.docstore.document.Documents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The documents the index benchmarks query, {@code {id, age, city, score, address: {city, street}, tags}}, and the
 * brute-force answers every engine is checked against.
 *
 * <p>The shape makes each query's hit count known at every size {@code n} (a multiple of 1,000): {@code age} is a
 * permutation of {@code [0, n)}, so an age window of {@value #HITS} has exactly {@value #HITS} hits; {@code city}
 * takes {@value #CITIES} values ({@code n / 1000} documents each); {@code address.city} takes {@code n / 100} values
 * ({@value #HITS} documents each). Strings are shared between documents, as a real data set's repeated values would
 * mostly be, so 1M documents fit a modest heap.
 */
final class Dataset {
    static final int CITIES = 1_000;
    /** Hits of the exact and the range query, at every size. */
    static final int HITS = 100;

    final int size;
    final List<Map<String, Object>> documents;
    final String[] cities = new String[CITIES];
    final String[] towns;

    Dataset(int size) {
        if (size % 1_000 != 0) {
            throw new IllegalArgumentException("the dataset size must be a multiple of 1,000, not " + size);
        }
        this.size = size;
        for (int c = 0; c < CITIES; c++) {
            cities[c] = "city-" + c;
        }
        towns = new String[size / HITS];
        for (int t = 0; t < towns.length; t++) {
            towns[t] = "town-" + t;
        }
        String[] streets = new String[5_000];
        for (int s = 0; s < streets.length; s++) {
            streets[s] = "street-" + s;
        }
        String[] tags = new String[11];
        for (int t = 0; t < tags.length; t++) {
            tags[t] = "t" + t;
        }
        documents = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            documents.add(Documents.freeze(Map.of(
                    "id", i,
                    "age", (int) ((i * 7919L) % size), // 7919 is prime and divides no size: a permutation
                    "city", cities[i % CITIES],
                    "score", i % 97,
                    "address", Map.of("city", towns[i % towns.length], "street", streets[i % streets.length]),
                    "tags", List.of(tags[i % 7], tags[i % 11]))));
        }
    }

    /** Hits of the composite-prefix query (one city). */
    int prefixHits() {
        return size / CITIES;
    }

    /** Width (and hits) of the counted age window: 1% of the documents. */
    int countWidth() {
        return size / 100;
    }

    /** Sample arguments for the setup checks: the edges and a middle. */
    int[] sampleLows(int width) {
        return new int[] {0, 1, size / 2, size - width};
    }

    TreeSet<Integer> scan(Predicate<Map<String, Object>> filter) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (Map<String, Object> document : documents) {
            if (filter.test(document)) {
                ids.add((Integer) document.get("id"));
            }
        }
        return ids;
    }

    TreeSet<Integer> scanTown(String town) {
        return scan(document -> town.equals(((Map<?, ?>) document.get("address")).get("city")));
    }

    TreeSet<Integer> scanCity(String city) {
        return scan(document -> city.equals(document.get("city")));
    }

    TreeSet<Integer> scanAges(int low, int high) {
        return scan(document -> {
            int age = (Integer) document.get("age");
            return age >= low && age < high;
        });
    }

    long scoreSum(TreeSet<Integer> ids) {
        long sum = 0;
        for (int id : ids) {
            sum += (Integer) documents.get(id).get("score");
        }
        return sum;
    }

    static void expect(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
    }

    static void expectHits(String what, int hits, TreeSet<Integer> expected) {
        if (expected.size() != hits) {
            throw new IllegalStateException(what + ": the scan found " + expected.size() + " hits, not " + hits);
        }
    }
}
