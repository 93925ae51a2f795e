package dev.docstore.benchmarks;

import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocumentCache;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Indexed queries as users run them: through {@code cache.unwrap(DocumentCache.class)} on a docstore JCache cache
 * (store by reference, statistics off) of 100k or 1M small documents ({@link People}), 2 threads:
 * <ul>
 *   <li>{@code exact}: {@code lookup("byCity", city)}, exactly {@value People#HITS} hits;</li>
 *   <li>{@code range}: {@code range("byAge", low, low + 100)}, exactly {@value People#HITS} hits.</li>
 * </ul>
 * Every hit is visited: its value's {@code score} is read and summed. The ceiling ({@code ceiling*}) is what one
 * would write by hand: a {@link ConcurrentHashMap} from city to the list of its documents and a
 * {@link ConcurrentSkipListMap} from age to its documents, holding the documents themselves, so that visiting a hit
 * of a {@link Shape#pojo} document is one field read. CQEngine ({@link CqenginePeople}) holds the same objects. With
 * {@link Shape#map} documents every engine pays a {@code Map.get} per hit instead.
 *
 * <p>Scores are microseconds per query; the report divides them by the hits. Each engine's state checks, on sample
 * queries (the edges and a middle), the ids and the score sum of its hits against a brute-force scan, and throws on
 * any difference. The 1M forks get a larger heap.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
public class DocumentCacheQueryBenchmark {

    /** The documents, generated the same way in every fork, in the shape under test. */
    @State(Scope.Benchmark)
    public static class Documents {
        @Param({"100000", "1000000"})
        public int documents;

        @Param({"pojo", "map"})
        public Shape shape;

        People people;
        Object[] stored;

        @Setup(Level.Trial)
        public void generate() {
            people = new People(documents);
            stored = new Object[documents];
            for (int id = 0; id < documents; id++) {
                stored[id] = shape.of(people.people[id]);
            }
        }

        String randomCity() {
            return people.cities[ThreadLocalRandom.current().nextInt(people.cities.length)];
        }

        int randomLow() {
            return ThreadLocalRandom.current().nextInt(documents - People.HITS + 1);
        }
    }

    /** docstore: a JCache cache of the documents, indexed on {@code city} and {@code age}. */
    @State(Scope.Benchmark)
    public static class Docstore {
        Shape shape;
        CacheManager manager;
        DocumentCache<Integer, Object> documents;

        @Setup(Level.Trial)
        public void fill(Documents generated) {
            shape = generated.shape;
            manager = DocstoreCaches.manager("queries");
            Cache<Integer, Object> cache = DocstoreCaches.byReference(manager, "people", Object.class, false);
            for (int id = 0; id < generated.documents; id++) {
                cache.put(id, generated.stored[id]);
            }
            documents = DocstoreCaches.documents(cache);
            documents.createIndex(IndexDefinition.of("byCity", "city"));
            documents.createIndex(IndexDefinition.of("byAge", "age"));
            new Checks(generated.people) {
                @Override
                double exact(String city) {
                    return sum(lookup(city));
                }

                @Override
                double range(int low) {
                    return sum(Docstore.this.range(low));
                }

                @Override
                TreeSet<Integer> exactIds(String city) {
                    return ids(lookup(city));
                }

                @Override
                TreeSet<Integer> rangeIds(int low) {
                    return ids(Docstore.this.range(low));
                }
            }.run();
        }

        List<DocstoreCacheEntry<Integer, Object>> lookup(String city) {
            return documents.lookup("byCity", city);
        }

        List<DocstoreCacheEntry<Integer, Object>> range(int low) {
            return documents.range("byAge", low, low + People.HITS);
        }

        double sum(List<DocstoreCacheEntry<Integer, Object>> hits) {
            double sum = 0;
            for (DocstoreCacheEntry<Integer, Object> hit : hits) {
                sum += shape.score(hit.getValue());
            }
            return sum;
        }

        private static TreeSet<Integer> ids(List<DocstoreCacheEntry<Integer, Object>> hits) {
            TreeSet<Integer> ids = new TreeSet<>();
            hits.forEach(hit -> ids.add(hit.getKey()));
            return ids;
        }

        @TearDown(Level.Trial)
        public void close() {
            manager.destroyCache("people");
            manager.close();
        }
    }

    /** The ceiling: a hash map and a skip list holding the documents themselves. */
    @State(Scope.Benchmark)
    public static class Ceiling {
        Shape shape;
        ConcurrentHashMap<String, List<Object>> byCity;
        ConcurrentSkipListMap<Integer, List<Object>> byAge;

        @Setup(Level.Trial)
        public void fill(Documents generated) {
            shape = generated.shape;
            byCity = new ConcurrentHashMap<>();
            byAge = new ConcurrentSkipListMap<>();
            for (Object document : generated.stored) {
                byCity.computeIfAbsent(shape.city(document), city -> new ArrayList<>()).add(document);
                byAge.computeIfAbsent(shape.age(document), age -> new ArrayList<>()).add(document);
            }
            new Checks(generated.people) {
                @Override
                double exact(String city) {
                    return Ceiling.this.exact(city);
                }

                @Override
                double range(int low) {
                    return Ceiling.this.range(low);
                }

                @Override
                TreeSet<Integer> exactIds(String city) {
                    return ids(List.of(byCity.get(city)));
                }

                @Override
                TreeSet<Integer> rangeIds(int low) {
                    return ids(byAge.subMap(low, true, low + People.HITS, false).values());
                }
            }.run();
        }

        double exact(String city) {
            return sum(byCity.get(city));
        }

        double range(int low) {
            double sum = 0;
            for (List<Object> ofAge : byAge.subMap(low, true, low + People.HITS, false).values()) {
                sum += sum(ofAge);
            }
            return sum;
        }

        private double sum(List<Object> hits) {
            double sum = 0;
            // by index: a ceiling must not depend on escape analysis removing an iterator per list
            for (int i = 0; i < hits.size(); i++) {
                sum += shape.score(hits.get(i));
            }
            return sum;
        }

        private TreeSet<Integer> ids(Iterable<List<Object>> lists) {
            TreeSet<Integer> ids = new TreeSet<>();
            lists.forEach(list -> list.forEach(document -> ids.add(shape.id(document))));
            return ids;
        }
    }

    /**
     * The setup check every engine runs: each sample query's hit ids and score sum against the same query answered by
     * a brute-force scan of the documents.
     */
    abstract static class Checks {
        private final People people;

        Checks(People people) {
            this.people = people;
        }

        abstract double exact(String city);

        abstract double range(int low);

        abstract TreeSet<Integer> exactIds(String city);

        abstract TreeSet<Integer> rangeIds(int low);

        final void run() {
            String engine = getClass().getEnclosingClass().getSimpleName();
            for (String city : people.sampleCities()) {
                TreeSet<Integer> expected = People.scanCity(people.people, city);
                People.expect("hits of the scan for " + city, People.HITS, expected.size());
                People.expect(engine + " exact " + city, expected, exactIds(city));
                People.expect(engine + " exact " + city + " sum", people.scoreSum(expected), exact(city));
            }
            for (int low : people.sampleLows()) {
                TreeSet<Integer> expected = People.scanAges(people.people, low, low + People.HITS);
                People.expect("hits of the scan for ages from " + low, People.HITS, expected.size());
                People.expect(engine + " range " + low, expected, rangeIds(low));
                People.expect(engine + " range " + low + " sum", people.scoreSum(expected), range(low));
            }
        }
    }

    @Benchmark
    public double docstoreExact(Documents documents, Docstore docstore) {
        return docstore.sum(docstore.lookup(documents.randomCity()));
    }

    @Benchmark
    public double docstoreRange(Documents documents, Docstore docstore) {
        return docstore.sum(docstore.range(documents.randomLow()));
    }

    @Benchmark
    public double ceilingExact(Documents documents, Ceiling ceiling) {
        return ceiling.exact(documents.randomCity());
    }

    @Benchmark
    public double ceilingRange(Documents documents, Ceiling ceiling) {
        return ceiling.range(documents.randomLow());
    }

    @Benchmark
    public double cqengineExact(Documents documents, CqenginePeople cqengine) {
        return cqengine.exact(documents.randomCity());
    }

    @Benchmark
    public double cqengineRange(Documents documents, CqenginePeople cqengine) {
        return cqengine.range(documents.randomLow());
    }
}
