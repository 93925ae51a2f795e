package dev.docstore.benchmarks;

import dev.docstore.benchmarks.People.Person;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The ceiling of index maintenance: documents in a {@link ConcurrentHashMap} and up to three indexes kept by hand, as
 * a careful engineer would write them: an equality index on {@code city} ({@code ConcurrentHashMap} from a city to
 * the set of its keys), and ordered indexes on {@code age} and {@code score} (skip lists of (value, key) entries, the
 * layout of a database's secondary index). An update removes the old document's entries and adds the new one's, and
 * leaves alone every index whose value did not change.
 *
 * <p>Thread-safe: an update runs inside {@code ConcurrentHashMap.compute} of its key, so two writers of one key change
 * the indexes one after the other; writers of different keys run in parallel. Readers see each index change as it is
 * made (no snapshots, unlike docstore). Without indexes an update is a bare {@code put}.
 */
final class HandRolledIndexes {
    /** An entry of an ordered index: the indexed value, then the key. */
    record Ranked(double value, int key) implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked other) {
            int byValue = Double.compare(value, other.value);
            return byValue != 0 ? byValue : Integer.compare(key, other.key);
        }
    }

    final ConcurrentHashMap<Integer, Person> documents = new ConcurrentHashMap<>();
    private final int indexes;
    private final ConcurrentHashMap<String, Set<Integer>> byCity = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Ranked> byAge = new ConcurrentSkipListSet<>();
    private final ConcurrentSkipListSet<Ranked> byScore = new ConcurrentSkipListSet<>();

    /** Maintains the first {@code indexes} of {@code city}, {@code age} and {@code score}. */
    HandRolledIndexes(int indexes) {
        this.indexes = indexes;
    }

    void put(Integer key, Person document) {
        if (indexes == 0) {
            documents.put(key, document);
            return;
        }
        documents.compute(key, (same, old) -> {
            reindex(key, old, document);
            return document;
        });
    }

    private void reindex(Integer key, Person old, Person now) {
        if (old == null || !old.city().equals(now.city())) {
            if (old != null) {
                byCity.get(old.city()).remove(key);
            }
            byCity.computeIfAbsent(now.city(), city -> ConcurrentHashMap.newKeySet()).add(key);
        }
        if (indexes >= 2 && (old == null || old.age() != now.age())) {
            if (old != null) {
                byAge.remove(new Ranked(old.age(), key));
            }
            byAge.add(new Ranked(now.age(), key));
        }
        if (indexes >= 3 && (old == null || Double.compare(old.score(), now.score()) != 0)) {
            if (old != null) {
                byScore.remove(new Ranked(old.score(), key));
            }
            byScore.add(new Ranked(now.score(), key));
        }
    }

    Set<Integer> city(String city) {
        return new TreeSet<>(byCity.getOrDefault(city, Set.of()));
    }

    Set<Integer> ages(int low, int high) {
        return keys(byAge, low, high);
    }

    Set<Integer> scores(double low, double high) {
        return keys(byScore, low, high);
    }

    private static Set<Integer> keys(ConcurrentSkipListSet<Ranked> index, double low, double high) {
        TreeSet<Integer> keys = new TreeSet<>();
        index.subSet(new Ranked(low, Integer.MIN_VALUE), new Ranked(high, Integer.MIN_VALUE))
                .forEach(entry -> keys.add(entry.key()));
        return keys;
    }
}
