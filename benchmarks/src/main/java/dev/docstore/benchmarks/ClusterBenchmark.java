package dev.docstore.benchmarks;

import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.MapConfig;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import com.hazelcast.query.extractor.ValueCollector;
import com.hazelcast.query.extractor.ValueExtractor;
import dev.docstore.cluster.ClusterCachingProvider;
import dev.docstore.cluster.ClusterConnection;
import dev.docstore.cluster.ClusterSettings;
import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocumentCache;
import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
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

/**
 * docstore's cluster provider (docstore-hazelcast) beside the Hazelcast {@code IMap} calls it is built on, in the same
 * run: three embedded Hazelcast 5.7 members in the benchmark's JVM on 127.0.0.1 (free ports, a cluster name of their
 * own, one backup, as the provider's defaults), {@value #DOCUMENTS} documents {@code {id, age, city, score}} as
 * {@code HashMap}s under {@code Integer} keys ({@link People}: 100 cities of exactly 100 documents each).
 *
 * <p>Every operation is issued from member 0, through JCache on docstore's side and through the {@code IMap} on
 * Hazelcast's. With 271 partitions spread over three members, about 2/3 of the keys are owned by another member, so
 * most calls cross the (loopback) network and pay serialization both ways: that is what a cluster user pays, and the
 * same for both sides.
 * <ul>
 *   <li>{@code docstoreGet} / {@code imapGet}: {@code cache.get} / {@code map.get} of a random existing key;</li>
 *   <li>{@code docstorePut} / {@code imapSet}: {@code cache.put} / {@code map.set} of a random existing key with its
 *       own document (an update; nothing observes docstore's cache, so its put takes its blind path);</li>
 *   <li>{@code docstoreQuery} / {@code imapPredicate}: the documents of a random city, exactly 100, every hit visited
 *       (its {@code score} summed): {@code unwrap(DocumentCache.class).lookup("byCity", city)} on a cache with that
 *       index / {@code map.values(Predicates.equal("city", city))} on a map with a HASH index on {@code city}.</li>
 * </ul>
 * The {@code IMap} side runs in Hazelcast's default {@code BINARY} in-memory format, what a Hazelcast user gets and
 * what Hazelcast advises for maps used mostly by key, and in {@code OBJECT}, the format docstore's maps use (so that
 * its extractor and entry processors read values without deserializing them): the first is the bar, the second tells
 * the format's share of the difference from docstore's own. A {@code HashMap} value has no attribute Hazelcast can
 * query by name, so the raw map declares {@code city} with a two-line {@link CityExtractor}, as a Hazelcast user of
 * map values would.
 *
 * <p>Setup checks that every key reads back its document on each side and that sample cities return exactly their
 * 100 ids and score sum. Until cluster caches offer the {@code DocumentCache} view, {@code docstoreQuery} fails in
 * its setup with a message that says so, and only that benchmark: exclude it with {@code -e docstoreQuery}.
 *
 * <p>One thread is the default here (a cluster's member threads share the two cores of the machine these figures come
 * from); scores are microseconds per call.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
// the access Hazelcast asks for at start "to get the best performance results", as its users are told to give it
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Djava.net.preferIPv4Stack=true", "--add-modules", "java.se",
        "--add-exports", "java.base/jdk.internal.ref=ALL-UNNAMED", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
        "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens", "java.management/sun.management=ALL-UNNAMED",
        "--add-opens", "jdk.management/com.sun.management.internal=ALL-UNNAMED"})
public class ClusterBenchmark {
    static final int DOCUMENTS = 10_000;

    /** Held so that the level set on it stays: the JDK keeps loggers weakly. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");

    /** The three members, docstore's cache manager on member 0, and the documents both sides store. */
    @State(Scope.Benchmark)
    public static class Cluster {
        People people;
        Integer[] keys;
        Object[] documents;
        ClusterConnection connection;
        HazelcastInstance member;
        ClusterCachingProvider provider;
        CacheManager manager;

        @Setup(Level.Trial)
        public void start() {
            // joins, migrations and shutdowns would fill the benchmark's output; warnings and errors still show
            HAZELCAST_LOG.setLevel(java.util.logging.Level.WARNING);
            people = new People(DOCUMENTS);
            keys = new Integer[DOCUMENTS];
            documents = new Object[DOCUMENTS];
            for (int id = 0; id < DOCUMENTS; id++) {
                keys[id] = id;
                documents[id] = document(people.people[id]);
            }
            connection = ClusterConnection.open(ClusterSettings.defaults()
                    .withClusterName("bench-" + UUID.randomUUID()).withLocalMembers(3));
            member = connection.instance();
            provider = new ClusterCachingProvider();
            manager = provider.getCacheManager(URI.create("urn:docstore:bench:cluster"),
                    provider.getDefaultClassLoader(), member);
        }

        /** Idempotent: also called by a setup that fails, since JMH runs no teardown then. */
        @TearDown(Level.Trial)
        public synchronized void stop() {
            // the members that stay warn of each one that leaves
            HAZELCAST_LOG.setLevel(java.util.logging.Level.SEVERE);
            if (manager != null) {
                manager.close();
                manager = null;
            }
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }

        int randomId() {
            return ThreadLocalRandom.current().nextInt(DOCUMENTS);
        }

        String randomCity() {
            return people.cities[ThreadLocalRandom.current().nextInt(people.cities.length)];
        }

        /** A JCache cache on the cluster holding every document, each read back. */
        Cache<Integer, Object> docstoreCache(String name) {
            Cache<Integer, Object> cache = manager.createCache(name,
                    new MutableConfiguration<Integer, Object>().setTypes(Integer.class, Object.class));
            Map<Integer, Object> all = new HashMap<>();
            for (int id = 0; id < DOCUMENTS; id++) {
                all.put(keys[id], documents[id]);
            }
            cache.putAll(all);
            for (int id = 0; id < DOCUMENTS; id++) {
                People.expect("docstore " + name + " key " + id, documents[id], cache.get(keys[id]));
            }
            return cache;
        }

        /** A plain {@code IMap} holding every document, each read back. */
        IMap<Integer, Object> imap(MapConfig config) {
            member.getConfig().addMapConfig(config.setBackupCount(connection.settings().backups()));
            IMap<Integer, Object> map = member.getMap(config.getName());
            Map<Integer, Object> all = new HashMap<>();
            for (int id = 0; id < DOCUMENTS; id++) {
                all.put(keys[id], documents[id]);
            }
            map.putAll(all);
            for (int id = 0; id < DOCUMENTS; id++) {
                People.expect("IMap " + config.getName() + " key " + id, documents[id], map.get(keys[id]));
            }
            return map;
        }

        /** Each sample city's query must return exactly its ids and score sum. */
        void check(String side, CityQuery query) {
            for (String city : people.sampleCities()) {
                TreeSet<Integer> expected = People.scanCity(people.people, city);
                People.expect("hits of the scan for " + city, People.HITS, expected.size());
                People.expect(side + " " + city, expected, query.ids(city));
                People.expect(side + " " + city + " sum", people.scoreSum(expected), query.scoreSum(city));
            }
        }
    }

    /** One side's city query, as setup checks it. */
    interface CityQuery {
        TreeSet<Integer> ids(String city);

        double scoreSum(String city);
    }

    /** docstore's JCache cache, for get and put. */
    @State(Scope.Benchmark)
    public static class Docstore {
        Cache<Integer, Object> cache;

        @Setup(Level.Trial)
        public void fill(Cluster cluster) {
            cache = cluster.docstoreCache("people");
        }
    }

    /** The plain {@code IMap}, for get and set. */
    @State(Scope.Benchmark)
    public static class Imap {
        @Param({"BINARY", "OBJECT"})
        public InMemoryFormat format;

        IMap<Integer, Object> map;

        @Setup(Level.Trial)
        public void fill(Cluster cluster) {
            map = cluster.imap(new MapConfig("bench.people." + format).setInMemoryFormat(format));
        }
    }

    /** docstore's cache with the index {@code byCity}, queried through its {@code DocumentCache} view. */
    @State(Scope.Benchmark)
    public static class DocstoreIndexed {
        DocumentCache<Integer, Object> documents;

        @Setup(Level.Trial)
        public void fill(Cluster cluster) {
            Cache<Integer, Object> cache = cluster.docstoreCache("people-by-city");
            try {
                documents = DocstoreCaches.documents(cache);
            } catch (UnsupportedOperationException e) {
                cluster.stop();
                throw new IllegalStateException("docstoreQuery skipped: this build's cluster caches offer no "
                        + "DocumentCache view (" + e.getMessage() + "); run the others with -e docstoreQuery", e);
            }
            documents.createIndex(IndexDefinition.of("byCity", "city"));
            cluster.check("docstore", new CityQuery() {
                @Override
                public TreeSet<Integer> ids(String city) {
                    TreeSet<Integer> ids = new TreeSet<>();
                    documents.lookup("byCity", city).forEach(hit -> ids.add(hit.getKey()));
                    return ids;
                }

                @Override
                public double scoreSum(String city) {
                    return query(city);
                }
            });
        }

        double query(String city) {
            double sum = 0;
            for (DocstoreCacheEntry<Integer, Object> hit : documents.lookup("byCity", city)) {
                sum += score(hit.getValue());
            }
            return sum;
        }
    }

    /** The plain {@code IMap} with {@code city} declared and HASH-indexed. */
    @State(Scope.Benchmark)
    public static class ImapIndexed {
        @Param({"BINARY", "OBJECT"})
        public InMemoryFormat format;

        IMap<Integer, Object> map;

        @Setup(Level.Trial)
        public void fill(Cluster cluster) {
            map = cluster.imap(new MapConfig("bench.people-by-city." + format).setInMemoryFormat(format)
                    .addAttributeConfig(new AttributeConfig("city", CityExtractor.class.getName()))
                    .addIndexConfig(new IndexConfig(IndexType.HASH, "city")));
            cluster.check("IMap", new CityQuery() {
                @Override
                public TreeSet<Integer> ids(String city) {
                    TreeSet<Integer> ids = new TreeSet<>();
                    map.values(Predicates.equal("city", city)).forEach(value -> ids.add(id(value)));
                    return ids;
                }

                @Override
                public double scoreSum(String city) {
                    return query(city);
                }
            });
        }

        double query(String city) {
            Collection<Object> hits = map.values(Predicates.equal("city", city));
            double sum = 0;
            for (Object hit : hits) {
                sum += score(hit);
            }
            return sum;
        }
    }

    /** The attribute {@code city} of a map value, for Hazelcast's predicates and index. */
    public static final class CityExtractor implements ValueExtractor<Map<String, Object>, Object> {
        @Override
        public void extract(Map<String, Object> target, Object argument, ValueCollector<Object> collector) {
            collector.addObject(target.get("city"));
        }
    }

    @Benchmark
    public Object docstoreGet(Cluster cluster, Docstore docstore) {
        return docstore.cache.get(cluster.keys[cluster.randomId()]);
    }

    @Benchmark
    public Object imapGet(Cluster cluster, Imap imap) {
        return imap.map.get(cluster.keys[cluster.randomId()]);
    }

    @Benchmark
    public void docstorePut(Cluster cluster, Docstore docstore) {
        int id = cluster.randomId();
        docstore.cache.put(cluster.keys[id], cluster.documents[id]);
    }

    @Benchmark
    public void imapSet(Cluster cluster, Imap imap) {
        int id = cluster.randomId();
        imap.map.set(cluster.keys[id], cluster.documents[id]);
    }

    @Benchmark
    public double docstoreQuery(Cluster cluster, DocstoreIndexed docstore) {
        return docstore.query(cluster.randomCity());
    }

    @Benchmark
    public double imapPredicate(Cluster cluster, ImapIndexed imap) {
        return imap.query(cluster.randomCity());
    }

    /** A document as a user would store it: a plain, mutable map. */
    private static Map<String, Object> document(People.Person person) {
        Map<String, Object> document = new HashMap<>();
        document.put("id", person.id());
        document.put("age", person.age());
        document.put("city", person.city());
        document.put("score", person.score());
        return document;
    }

    private static double score(Object document) {
        return (Double) ((Map<?, ?>) document).get("score");
    }

    private static int id(Object document) {
        return (Integer) ((Map<?, ?>) document).get("id");
    }
}
