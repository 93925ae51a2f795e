package dev.docstore.benchmarks;

import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * The small documents the benchmarks of the public API use, {@code {id, age, city, score}} as a {@link Person}
 * record, and the brute-force answers every engine is checked against.
 *
 * <p>The shape fixes each query's hit count at every size {@code n} (a multiple of 100): {@code age} is a permutation
 * of {@code [0, n)}, so an age window of {@value #HITS} has exactly {@value #HITS} hits; {@code city} takes
 * {@code n / 100} values ({@value #HITS} documents each: 1,000 cities at 100k documents, 10,000 at 1M, so that an
 * exact lookup has {@value #HITS} hits at both sizes). {@code score} is a multiple of 1/8 below 251, so sums of
 * scores are exact in any order and every engine's sum can be compared exactly.
 *
 * <p>{@link #updated(int)} is the other version of a document that an update writes: every field but the id changed.
 */
final class People {
    /** Hits of the exact and the range query, at every size. */
    static final int HITS = 100;
    /** Multiplier of the age permutation: prime, and no benchmark size is a multiple of it. */
    private static final int AGE_STRIDE = 7919;

    /** One document: the key is {@code id}. Public, so any engine may read its accessors reflectively. */
    public record Person(int id, int age, String city, double score) {
    }

    final int size;
    final String[] cities;
    final Person[] people;

    People(int size) {
        if (size <= 0 || size % HITS != 0 || size % AGE_STRIDE == 0) {
            throw new IllegalArgumentException("the number of documents must be a positive multiple of " + HITS
                    + " and not of " + AGE_STRIDE + ", not " + size);
        }
        this.size = size;
        cities = new String[size / HITS];
        for (int c = 0; c < cities.length; c++) {
            cities[c] = "city-" + c;
        }
        people = new Person[size];
        for (int id = 0; id < size; id++) {
            people[id] = original(id);
        }
    }

    /** A new instance equal to document {@code id} as first written. */
    Person original(int id) {
        return new Person(id, (int) ((long) id * AGE_STRIDE % size), cities[id % cities.length], id % 1_000 / 4.0);
    }

    /** Document {@code id} with its age, city and score changed (to values no original document of its own has). */
    Person updated(int id) {
        Person original = original(id);
        return new Person(id, original.age() + size, cities[(id + 1) % cities.length], original.score() + 0.125);
    }

    /** Ids of the documents of {@code documents} that {@code filter} accepts. */
    static TreeSet<Integer> scan(Person[] documents, Predicate<Person> filter) {
        TreeSet<Integer> ids = new TreeSet<>();
        for (Person person : documents) {
            if (filter.test(person)) {
                ids.add(person.id());
            }
        }
        return ids;
    }

    static TreeSet<Integer> scanCity(Person[] documents, String city) {
        return scan(documents, person -> person.city().equals(city));
    }

    static TreeSet<Integer> scanAges(Person[] documents, int low, int high) {
        return scan(documents, person -> person.age() >= low && person.age() < high);
    }

    static TreeSet<Integer> scanScores(Person[] documents, double low, double high) {
        return scan(documents, person -> person.score() >= low && person.score() < high);
    }

    double scoreSum(TreeSet<Integer> ids) {
        double sum = 0;
        for (int id : ids) {
            sum += people[id].score();
        }
        return sum;
    }

    /** Sample low ends of an age window of {@value #HITS}: the edges and a middle. */
    int[] sampleLows() {
        return new int[] {0, 1, size / 2, size - HITS};
    }

    /** Sample cities: the first, a middle and the last. */
    String[] sampleCities() {
        return new String[] {cities[0], cities[cities.length / 2], cities[cities.length - 1]};
    }

    static void expect(String what, Object expected, Object actual) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException(what + ": expected " + expected + ", got " + actual);
        }
    }
}
