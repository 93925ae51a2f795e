package dev.docstore.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.index.IndexRange;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocumentCache;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link DocstoreCacheMetrics}: store and per-index figures, tags, following indexes, closing, refusing others. */
class DocstoreCacheMetricsTest {
    private static final URI MANAGER_URI = URI.create("urn:docstore:micrometer:DocstoreCacheMetricsTest");
    private static final String CACHE = "orders";
    private static final List<String> INDEX_METERS = List.of("docstore.index.entries", "docstore.index.distinct.keys",
            "docstore.index.bytes", "docstore.index.lookups", "docstore.index.range.scans",
            "docstore.index.query.time.mean", "docstore.index.query.time.p99");

    /** An order: indexes read record components. */
    record Order(String city, int total) {
    }

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private CacheManager manager;
    private Cache<String, Order> cache;
    private DocumentCache<String, Order> documents;

    @BeforeEach
    void createCache() {
        manager = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                .getCacheManager(MANAGER_URI, getClass().getClassLoader());
        cache = manager.createCache(CACHE, new MutableConfiguration<String, Order>().setTypes(String.class, Order.class));
        documents = ((DocstoreCache<String, Order>) cache).documents(); // a checked cast: the type arguments match
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** Binds with figures read on every meter read, so each assertion sees the cache as it is now. */
    private void bindFresh() {
        new DocstoreCacheMetrics(cache, Tags.of("app", "shop"), Duration.ZERO).bindTo(registry);
    }

    private void putOrders() {
        cache.put("o-1", new Order("Lisbon", 10));
        cache.put("o-2", new Order("Lisbon", 20));
        cache.put("o-3", new Order("Porto", 30));
        cache.put("o-4", new Order("Lisbon", 40));
        cache.put("o-5", new Order("Porto", 50));
    }

    private double gauge(String name) {
        return registry.get(name).tags("cache", CACHE, "cacheManager", MANAGER_URI.toString(), "app", "shop")
                .gauge().value();
    }

    private Meter indexMeter(String name, String index) {
        return registry.get(name).tags("cache", CACHE, "cacheManager", MANAGER_URI.toString(), "app", "shop",
                "index", index).meter();
    }

    private double indexValue(String name, String index) {
        return indexMeter(name, index).measure().iterator().next().getValue();
    }

    private IndexInfo info(String index) {
        return documents.indexes().stream().filter(i -> i.name().equals(index)).findFirst().orElseThrow();
    }

    @Test
    void publishesStoreFiguresTaggedWithCacheAndManager() {
        putOrders();
        bindFresh();
        assertThat(gauge("docstore.cache.documents")).isEqualTo(5);
        assertThat(gauge("docstore.cache.snapshots.open")).isZero();
        assertThat(gauge("docstore.cache.versions.retained")).isZero();

        Iterator<Cache.Entry<String, Order>> iteration = cache.iterator(); // reads a snapshot until it ends
        assertThat(iteration.hasNext()).isTrue();
        assertThat(gauge("docstore.cache.snapshots.open")).isEqualTo(1);
        cache.put("o-1", new Order("Lisbon", 11));
        cache.put("o-2", new Order("Lisbon", 21));
        assertThat(gauge("docstore.cache.versions.retained")).as("the versions the iteration may read").isEqualTo(2);
        cache.remove("o-3");
        assertThat(gauge("docstore.cache.versions.retained")).as("plus the removed version and the deletion")
                .isEqualTo(4);
        cache.put("o-6", new Order("Faro", 60));
        assertThat(gauge("docstore.cache.versions.retained")).as("a new key holds no history").isEqualTo(4);
        assertThat(gauge("docstore.cache.documents")).isEqualTo(5);

        iteration.forEachRemaining(entry -> { });
        assertThat(gauge("docstore.cache.snapshots.open")).isZero();
        assertThat(gauge("docstore.cache.versions.retained")).isZero();
    }

    @Test
    void publishesPerIndexFigures() {
        documents.createIndex(IndexDefinition.of("byCity", "city"));
        putOrders();
        bindFresh();

        assertThat(indexValue("docstore.index.entries", "byCity")).isEqualTo(5);
        assertThat(indexValue("docstore.index.distinct.keys", "byCity")).as("Lisbon and Porto").isEqualTo(2);
        assertThat(indexMeter("docstore.index.bytes", "byCity").getId().getBaseUnit()).isEqualTo(BaseUnits.BYTES);
        assertThat(indexValue("docstore.index.bytes", "byCity"))
                .isPositive().isEqualTo(info("byCity").estimatedBytes());
        assertThat(indexValue("docstore.index.lookups", "byCity")).isZero();
        assertThat(indexValue("docstore.index.query.time.mean", "byCity")).isZero();

        assertThat(documents.lookup("byCity", "Lisbon")).hasSize(3);
        assertThat(documents.lookup("byCity", "Faro")).isEmpty();
        assertThat(documents.range("byCity", "L", "M")).hasSize(3);
        assertThat(documents.count("byCity", IndexRange.all())).isEqualTo(5);

        assertThat(indexMeter("docstore.index.lookups", "byCity").getId().getType()).isEqualTo(Meter.Type.COUNTER);
        assertThat(indexValue("docstore.index.lookups", "byCity")).isEqualTo(2);
        assertThat(indexValue("docstore.index.range.scans", "byCity")).as("a range and a count").isEqualTo(2);
        IndexInfo after = info("byCity");
        assertThat(after.lookups() + after.rangeScans()).as("reading figures is not a query").isEqualTo(4);
        var mean = registry.get("docstore.index.query.time.mean").tag("index", "byCity").timeGauge();
        var p99 = registry.get("docstore.index.query.time.p99").tag("index", "byCity").timeGauge();
        // time gauges store seconds (the registry's base unit): nanoseconds come back to within rounding
        assertThat(mean.baseTimeUnit()).isEqualTo(TimeUnit.SECONDS);
        assertThat(mean.value(TimeUnit.NANOSECONDS)).isPositive().isCloseTo(after.meanQueryNanos(), within(1e-3));
        assertThat(p99.value(TimeUnit.NANOSECONDS)).isPositive().isCloseTo(after.p99QueryNanos(), within(1e-3));
    }

    @Test
    void followsIndexesCreatedAndDroppedAfterBinding() {
        putOrders();
        bindFresh();
        assertThat(registry.find("docstore.index.entries").meters()).isEmpty();

        documents.createIndex(IndexDefinition.of("byCity", "city"));
        documents.createIndex(IndexDefinition.of("byTotal", "total"));
        for (String name : INDEX_METERS) {
            assertThat(registry.find(name).tag("index", "byCity").meters()).as(name).hasSize(1);
            assertThat(registry.find(name).tag("index", "byTotal").meters()).as(name).hasSize(1);
        }
        assertThat(indexValue("docstore.index.distinct.keys", "byTotal")).isEqualTo(5);

        documents.dropIndex("byCity");
        for (String name : INDEX_METERS) {
            assertThat(registry.find(name).tag("index", "byCity").meters()).as(name).isEmpty();
        }
        assertThat(indexValue("docstore.index.entries", "byTotal")).isEqualTo(5);

        documents.rebuildIndex("byTotal");
        assertThat(registry.find("docstore.index.entries").tag("index", "byTotal").meters()).hasSize(1);
        assertThat(indexValue("docstore.index.entries", "byTotal")).isEqualTo(5);

        documents.createIndex(IndexDefinition.of("byCity", "city"));
        assertThat(indexValue("docstore.index.distinct.keys", "byCity")).as("a new index, new meters").isEqualTo(2);
    }

    @Test
    void aMeterTheRegistryRefusesDoesNotFailTheIndexChange() {
        MeterRegistry refusing = new SimpleMeterRegistry();
        refusing.config().meterFilter(new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                // the third of the index's meters: the two before it must be rolled back
                if ("byTotal".equals(id.getTag("index")) && id.getName().equals("docstore.index.bytes")) {
                    throw new IllegalStateException("a test filter refuses " + id);
                }
                return MeterFilterReply.NEUTRAL;
            }
        });
        putOrders();
        new DocstoreCacheMetrics(cache, Tags.empty(), Duration.ZERO).bindTo(refusing);

        assertThatCode(() -> documents.createIndex(IndexDefinition.of("byTotal", "total")))
                .as("the index is made before its meters; a metrics failure is logged, not thrown")
                .doesNotThrowAnyException();
        assertThat(info("byTotal").entries()).isEqualTo(5);
        assertThat(refusing.find("docstore.index.entries").tag("index", "byTotal").meters()).isEmpty();
        assertThat(refusing.getMeters()).noneMatch(meter -> "byTotal".equals(meter.getId().getTag("index")));

        documents.createIndex(IndexDefinition.of("byCity", "city"));
        assertThat(refusing.get("docstore.index.entries").tag("index", "byCity").gauge().value()).isEqualTo(5);
    }

    @Test
    void eachRegistryBoundFollowsIndexesOnItsOwn() {
        MeterRegistry other = new SimpleMeterRegistry();
        DocstoreCacheMetrics metrics = new DocstoreCacheMetrics(cache, Tags.empty(), Duration.ZERO);
        metrics.bindTo(registry);
        metrics.bindTo(other);

        documents.createIndex(IndexDefinition.of("byCity", "city"));
        assertThat(registry.find("docstore.index.entries").tag("index", "byCity").meters()).hasSize(1);
        assertThat(other.find("docstore.index.entries").tag("index", "byCity").meters()).hasSize(1);
        documents.dropIndex("byCity");
        assertThat(registry.find("docstore.index.entries").meters()).isEmpty();
        assertThat(other.find("docstore.index.entries").meters()).isEmpty();
    }

    @Test
    void sharesOneReadingOfIndexFiguresUntilItIsStaleOrAnIndexChanges() {
        documents.createIndex(IndexDefinition.of("byCity", "city"));
        new DocstoreCacheMetrics(cache, Tags.of("app", "shop"), Duration.ofHours(1)).bindTo(registry);
        putOrders();
        assertThat(indexValue("docstore.index.entries", "byCity")).as("read when bound").isZero();

        documents.createIndex(IndexDefinition.of("byTotal", "total"));
        assertThat(indexValue("docstore.index.entries", "byCity")).as("read again on an index change").isEqualTo(5);

        MeterRegistry defaults = DocstoreCacheMetrics.monitor(new SimpleMeterRegistry(), cache);
        cache.put("o-6", new Order("Faro", 60));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(defaults.get("docstore.index.entries").tag("index", "byCity").gauge().value())
                        .as("the default reading is at most a second old").isEqualTo(6));
    }

    @Test
    void monitorBindsWithExtraTagsAndReturnsTheRegistry() {
        documents.createIndex(IndexDefinition.of("byCity", "city"));
        putOrders();

        assertThat(DocstoreCacheMetrics.monitor(registry, cache, "app", "shop")).isSameAs(registry);

        assertThat(gauge("docstore.cache.documents")).isEqualTo(5);
        assertThat(indexValue("docstore.index.entries", "byCity")).isEqualTo(5);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags()).contains(
                Tag.of("cache", CACHE),
                Tag.of("cacheManager", MANAGER_URI.toString()),
                Tag.of("app", "shop")));
        assertThat(registry.getMeters()).hasSize(3 + INDEX_METERS.size());
    }

    @Test
    void survivesTheCacheClosingWithGaugesNaNAndCountersAtTheirLastCount() {
        documents.createIndex(IndexDefinition.of("byCity", "city"));
        putOrders();
        bindFresh();
        documents.lookup("byCity", "Porto");
        assertThat(indexValue("docstore.index.lookups", "byCity")).isEqualTo(1);

        cache.close();

        assertThat(registry.getMeters()).hasSize(3 + INDEX_METERS.size());
        assertThatCode(() -> registry.getMeters().forEach(Meter::measure)).doesNotThrowAnyException();
        assertClosedReadings(1);

        new DocstoreCacheMetrics(cache).bindTo(new SimpleMeterRegistry()); // binding a closed cache: nothing, quietly
        manager.close();
        assertThatCode(() -> registry.getMeters().forEach(Meter::measure)).doesNotThrowAnyException();
    }

    @Test
    void doesNotKeepAClosedCacheAlive() {
        documents.createIndex(IndexDefinition.of("byCity", "city"));
        putOrders();
        bindFresh();
        documents.lookup("byCity", "Porto");
        documents.lookup("byCity", "Lisbon");
        assertThat(indexValue("docstore.index.lookups", "byCity")).isEqualTo(2);
        WeakReference<Cache<String, Order>> closed = new WeakReference<>(cache);
        cache.close();
        cache = null;
        documents = null;

        await().atMost(Duration.ofSeconds(60)).until(() -> {
            System.gc();
            return closed.get() == null;
        });
        assertClosedReadings(2);
    }

    /** Every gauge reads NaN; the counters read what they last counted ({@code lookups}) or nothing (range scans). */
    private void assertClosedReadings(double lookups) {
        assertThat(registry.getMeters()).hasSize(3 + INDEX_METERS.size()).allSatisfy(meter -> {
            double value = meter.measure().iterator().next().getValue();
            switch (meter.getId().getName()) {
                case "docstore.index.lookups" -> assertThat(value).isEqualTo(lookups);
                case "docstore.index.range.scans" -> assertThat(value).isZero();
                default -> assertThat(value).as(meter.getId().getName()).isNaN();
            }
        });
    }

    @Test
    void acceptsACacheThatUnwrapsToADocstoreCache() {
        Cache<?, ?> wrapper = foreignCache("wrapped", type -> {
            if (type == DocstoreCache.class) {
                return cache.unwrap(DocstoreCache.class);
            }
            throw new IllegalArgumentException("no " + type);
        });
        putOrders();

        DocstoreCacheMetrics.monitor(registry, wrapper, "app", "shop");

        assertThat(gauge("docstore.cache.documents")).as("tagged with the docstore cache's name").isEqualTo(5);
    }

    @Test
    void refusesOtherProvidersCachesNamingTheProblem() {
        Cache<?, ?> foreign = foreignCache("elsewhere", type -> {
            throw new IllegalArgumentException("unwrap to " + type + " is not supported");
        });
        Cache<?, ?> unwrapsToNull = foreignCache("nowhere", type -> null);

        assertThatThrownBy(() -> new DocstoreCacheMetrics(foreign))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docstore caches only")
                .hasMessageContaining("'elsewhere'")
                .hasMessageContaining(DocstoreCache.class.getName())
                .hasMessageContaining("JCacheMetrics")
                .hasCauseInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DocstoreCacheMetrics.monitor(registry, unwrapsToNull))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nowhere'");
        assertThatThrownBy(() -> new DocstoreCacheMetrics(null)).isInstanceOf(NullPointerException.class);
        assertThat(registry.getMeters()).isEmpty();
    }

    /** A cache of some other provider: answers getName and unwrap, nothing else. */
    private static Cache<?, ?> foreignCache(String name, Function<Class<?>, Object> unwrap) {
        return (Cache<?, ?>) Proxy.newProxyInstance(DocstoreCacheMetricsTest.class.getClassLoader(),
                new Class<?>[] {Cache.class}, (proxy, method, arguments) -> switch (method.getName()) {
                    case "getName" -> name;
                    case "unwrap" -> unwrap.apply((Class<?>) arguments[0]);
                    case "toString" -> "ForeignCache[" + name + "]";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
