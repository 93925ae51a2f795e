package dev.docstore.benchmarks;

import dev.docstore.benchmarks.People.Person;
import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocumentCache;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.ThreadParams;

/**
 * What indexes cost a write through the JCache API: {@code cache.put(key, person)} replacing the {@link Person} of an
 * existing key (uniform keys over 100k), 2 threads, on a docstore cache (store by reference, statistics off) with 0,
 * 1, 2 or 3 indexes ({@code byCity}; then {@code byAge}; then {@code byScore}), against the ceiling of the same work
 * done by hand ({@code handRolledPut}: {@link HandRolledIndexes} with the same indexes).
 *
 * <p>{@code change}: with {@code all}, each update writes the key's other version ({@link People#updated}), so every
 * index drops the key's old entry and adds a new one; with {@code none}, it writes a new instance equal to the old
 * one, so no indexed value changes (the hand-rolled code sees that and leaves its indexes alone). The report gives
 * {@code docstorePut} with 3 indexes over 0 (what indexes cost docstore) and over {@code handRolledPut} with the same
 * indexes and change (how far from the ceiling).
 *
 * <p>Each thread updates the keys of its own share (uniformly within it; together, uniformly over all keys), so it
 * knows which version each of its keys holds. Setup fills the store, updates every tenth key once through the same
 * code, then checks that every key reads back its current document and that each index answers sample queries as a
 * scan of the current documents does.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class IndexedUpdateBenchmark {
    static final List<IndexDefinition> INDEXES = List.of(IndexDefinition.of("byCity", "city"),
            IndexDefinition.of("byAge", "age"), IndexDefinition.of("byScore", "score"));

    /** The keys, both versions of each document, and which version each key holds. */
    @State(Scope.Benchmark)
    public static class Updates {
        @Param({"0", "1", "2", "3"})
        public int indexes;

        @Param({"all", "none"})
        public String change;

        @Param({"100000"})
        public int keys;

        People people;
        Integer[] boxed;
        /** {@code versions[0][key]}: the document as first written; {@code versions[1][key]}: the update. */
        Person[][] versions;
        /** Whether each key holds its update; each entry is written by the one thread that owns the key. */
        boolean[] updated;

        @Setup(Level.Trial)
        public void generate() {
            if (indexes < 0 || indexes > INDEXES.size()) {
                throw new IllegalArgumentException("indexes must be 0 to " + INDEXES.size() + ", not " + indexes);
            }
            if (!change.equals("all") && !change.equals("none")) {
                throw new IllegalArgumentException("change must be all or none, not " + change);
            }
            people = new People(keys);
            boxed = new Integer[keys];
            versions = new Person[2][keys];
            for (int key = 0; key < keys; key++) {
                boxed[key] = key;
                versions[0][key] = people.people[key];
                versions[1][key] = change.equals("all") ? people.updated(key) : people.original(key);
            }
            updated = new boolean[keys];
        }

        /** The document the next update of {@code key} writes; the caller must write it. */
        Person next(int key) {
            boolean now = !updated[key];
            updated[key] = now;
            return versions[now ? 1 : 0][key];
        }

        /** Fills an engine, updates every tenth key, and checks what it answers. */
        void prepare(String engine, BiConsumer<Integer, Person> put, Answers answers) {
            for (int key = 0; key < keys; key++) {
                put.accept(boxed[key], versions[0][key]);
            }
            for (int key = 0; key < keys; key += 10) {
                put.accept(boxed[key], next(key));
            }
            Person[] current = new Person[keys];
            for (int key = 0; key < keys; key++) {
                current[key] = versions[updated[key] ? 1 : 0][key];
                if (answers.get(boxed[key]) != current[key]) {
                    throw new IllegalStateException(engine + ": key " + key + " does not read back its document");
                }
            }
            if (indexes >= 1) {
                for (String city : people.sampleCities()) {
                    People.expect(engine + " city " + city, People.scanCity(current, city), answers.city(city));
                }
            }
            if (indexes >= 2) {
                for (int low : new int[] {0, keys / 2, keys - People.HITS, keys, 2 * keys - People.HITS}) {
                    People.expect(engine + " ages from " + low, People.scanAges(current, low, low + People.HITS),
                            answers.ages(low, low + People.HITS));
                }
            }
            if (indexes >= 3) {
                for (double low : new double[] {0, 100, 249}) {
                    People.expect(engine + " scores from " + low, People.scanScores(current, low, low + 1.5),
                            answers.scores(low, low + 1.5));
                }
            }
        }
    }

    /** What the setup check asks an engine, by key and through each index. */
    interface Answers {
        Person get(Integer key);

        Set<Integer> city(String city);

        Set<Integer> ages(int low, int high);

        Set<Integer> scores(double low, double high);
    }

    /** One thread's share of the keys and its position in its own uniform sequence over them. */
    @State(Scope.Thread)
    public static class Writer {
        int first;
        int[] sequence;
        int position;

        @Setup(Level.Trial)
        public void assign(Updates updates, ThreadParams thread) {
            int share = updates.keys / thread.getThreadCount();
            first = thread.getThreadIndex() * share;
            sequence = KeySequences.of("uniform", share);
            position = ThreadLocalRandom.current().nextInt(KeySequences.LENGTH);
        }

        int next() {
            return first + sequence[position++ & KeySequences.MASK];
        }
    }

    /** docstore: a JCache cache with the indexes, created through {@code DocumentCache} before the fill. */
    @State(Scope.Benchmark)
    public static class Docstore {
        CacheManager manager;
        Cache<Integer, Person> cache;

        @Setup(Level.Trial)
        public void fill(Updates updates) {
            manager = DocstoreCaches.manager("updates");
            cache = DocstoreCaches.byReference(manager, "people", Person.class, false);
            DocumentCache<Integer, Person> documents = DocstoreCaches.documents(cache);
            INDEXES.subList(0, updates.indexes).forEach(documents::createIndex);
            updates.prepare("docstore", cache::put, new Answers() {
                @Override
                public Person get(Integer key) {
                    return cache.get(key);
                }

                @Override
                public Set<Integer> city(String city) {
                    return keys(documents.lookup("byCity", city));
                }

                @Override
                public Set<Integer> ages(int low, int high) {
                    return keys(documents.range("byAge", low, high));
                }

                @Override
                public Set<Integer> scores(double low, double high) {
                    return keys(documents.range("byScore", low, high));
                }
            });
        }

        private static Set<Integer> keys(List<DocstoreCacheEntry<Integer, Person>> entries) {
            TreeSet<Integer> keys = new TreeSet<>();
            entries.forEach(entry -> keys.add(entry.getKey()));
            return keys;
        }

        @TearDown(Level.Trial)
        public void close() {
            manager.destroyCache("people");
            manager.close();
        }
    }

    /** The ceiling: {@link HandRolledIndexes} with the same indexes. */
    @State(Scope.Benchmark)
    public static class HandRolled {
        HandRolledIndexes store;

        @Setup(Level.Trial)
        public void fill(Updates updates) {
            store = new HandRolledIndexes(updates.indexes);
            updates.prepare("hand-rolled", store::put, new Answers() {
                @Override
                public Person get(Integer key) {
                    return store.documents.get(key);
                }

                @Override
                public Set<Integer> city(String city) {
                    return store.city(city);
                }

                @Override
                public Set<Integer> ages(int low, int high) {
                    return store.ages(low, high);
                }

                @Override
                public Set<Integer> scores(double low, double high) {
                    return store.scores(low, high);
                }
            });
        }
    }

    @Benchmark
    public void docstorePut(Updates updates, Writer writer, Docstore docstore) {
        int key = writer.next();
        docstore.cache.put(updates.boxed[key], updates.next(key));
    }

    @Benchmark
    public void handRolledPut(Updates updates, Writer writer, HandRolled handRolled) {
        int key = writer.next();
        handRolled.store.put(updates.boxed[key], updates.next(key));
    }
}
