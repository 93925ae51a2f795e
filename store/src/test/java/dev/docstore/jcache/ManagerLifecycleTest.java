package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.docstoreConfiguration;
import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.factoryOf;
import static dev.docstore.jcache.JCacheTesting.listenerConfiguration;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static dev.docstore.jcache.JCacheTesting.uniqueUri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.JCacheTesting.RecordingListener;
import dev.docstore.jcache.JCacheTesting.TestClockFactory;
import dev.docstore.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.spi.CachingProvider;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Closing and destroying caches, managers and providers (and what they close with them), the spec MXBeans in the
 * platform MBeanServer, configuration copies, and unwrapping.
 */
class ManagerLifecycleTest {
    private final List<CacheManager> managers = new ArrayList<>();
    private final List<CachingProvider> providers = new ArrayList<>();

    @AfterEach
    void closeEverything() {
        managers.forEach(CacheManager::close);
        providers.forEach(CachingProvider::close);
    }

    private CacheManager manager(String purpose) {
        CacheManager manager = newManager(purpose);
        managers.add(manager);
        return manager;
    }

    private static Cache<String, String> stringCache(CacheManager manager, String name) {
        return manager.createCache(name, new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
    }

    /** Counts, per part, how often it was closed. */
    static final class Closes {
        final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

        void closed(String part) {
            counts.computeIfAbsent(part, p -> new AtomicInteger()).incrementAndGet();
        }

        int of(String part) {
            AtomicInteger count = counts.get(part);
            return count == null ? 0 : count.get();
        }
    }

    static final class ClosingLoader implements CacheLoader<String, String>, Closeable {
        private final Closes closes;

        ClosingLoader(Closes closes) {
            this.closes = closes;
        }

        @Override
        public String load(String key) {
            return null;
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            return Map.of();
        }

        @Override
        public void close() {
            closes.closed("loader");
        }
    }

    static final class ClosingWriter implements CacheWriter<String, String>, Closeable {
        private final Closes closes;

        ClosingWriter(Closes closes) {
            this.closes = closes;
        }

        @Override
        public void write(Cache.Entry<? extends String, ? extends String> entry) {
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
            entries.clear();
        }

        @Override
        public void delete(Object key) {
        }

        @Override
        public void deleteAll(Collection<?> keys) {
            keys.clear();
        }

        @Override
        public void close() {
            closes.closed("writer");
        }
    }

    static final class ClosingListener extends RecordingListener<String, String> implements Closeable {
        private final Closes closes;
        private final String name;

        ClosingListener(Closes closes, String name) {
            this.closes = closes;
            this.name = name;
        }

        @Override
        public void close() {
            closes.closed(name);
        }
    }

    static final class ClosingFilter implements CacheEntryEventFilter<String, String>, Closeable {
        private final Closes closes;

        ClosingFilter(Closes closes) {
            this.closes = closes;
        }

        @Override
        public boolean evaluate(CacheEntryEvent<? extends String, ? extends String> event) {
            return true;
        }

        @Override
        public void close() {
            closes.closed("filter");
        }
    }

    static final class ClosingExpiry implements ExpiryPolicy, Closeable {
        private final Closes closes;

        ClosingExpiry(Closes closes) {
            this.closes = closes;
        }

        @Override
        public Duration getExpiryForCreation() {
            return Duration.ETERNAL;
        }

        @Override
        public Duration getExpiryForAccess() {
            return null;
        }

        @Override
        public Duration getExpiryForUpdate() {
            return null;
        }

        @Override
        public void close() {
            closes.closed("expiry");
        }
    }

    private static final List<String> PARTS = List.of("loader", "writer", "listener", "filter", "expiry");

    private static Cache<String, String> cacheWithCloseableParts(CacheManager manager, String name, Closes closes) {
        MutableConfiguration<String, String> configuration = new DocstoreConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setCacheLoaderFactory(factoryOf(new ClosingLoader(closes))).setReadThrough(true)
                .setCacheWriterFactory(factoryOf(new ClosingWriter(closes))).setWriteThrough(true)
                .setExpiryPolicyFactory(factoryOf(new ClosingExpiry(closes)))
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                        factoryOf(new ClosingListener(closes, "listener")), factoryOf(new ClosingFilter(closes)),
                        false, true));
        Cache<String, String> cache = manager.createCache(name, configuration);
        cache.put("k", "v");
        return cache;
    }

    private static void assertClosedOnce(Closes closes) {
        for (String part : PARTS) {
            assertThat(closes.of(part)).as(part + " closed").isEqualTo(1);
        }
    }

    @Nested
    class ClosingCaches {
        private final CacheManager manager = manager("closing-caches");

        @Test
        void aClosedCacheRefusesEveryOperationBeforeCheckingArguments() {
            Cache<String, String> cache = stringCache(manager, "closed");
            cache.put("k", "v");
            DocumentCache<String, String> documents = documents(cache);

            cache.close();

            assertThat(cache.isClosed()).isTrue();
            List<Runnable> operations = List.of(
                    () -> cache.get("k"), () -> cache.get(null), () -> cache.put("k", "v"),
                    () -> cache.containsKey(null), () -> cache.getAll(Set.of("k")), () -> cache.putAll(null),
                    () -> cache.remove("k"), () -> cache.removeAll(), () -> cache.clear(), () -> cache.iterator(),
                    () -> cache.invoke("k", (entry, arguments) -> null), () -> cache.loadAll(null, false, null),
                    () -> cache.registerCacheEntryListener(listenerConfiguration(new RecordingListener<>(), false,
                            true)),
                    () -> documents.lookup("any", 1), () -> documents.figures(),
                    () -> cache.unwrap(DocumentCache.class));
            for (int i = 0; i < operations.size(); i++) {
                assertThatThrownBy(operations.get(i)::run).as("operation " + i)
                        .isInstanceOf(IllegalStateException.class);
            }
            assertThatCode(cache::close).doesNotThrowAnyException();
        }

        @Test
        void aClosedCacheLeavesItsManagerWhichCanCreateItAgain() {
            Cache<String, String> cache = stringCache(manager, "again");
            cache.put("k", "v");

            cache.close();

            assertThat(manager.getCache("again")).isNull();
            assertThat(manager.getCacheNames()).doesNotContain("again");
            Cache<String, String> again = stringCache(manager, "again");
            assertThat(again).isNotSameAs(cache);
            assertThat(again.get("k")).isNull();
            assertThat(cache.isClosed()).isTrue();
        }

        @Test
        void closingACacheClosesItsCloseablePartsOnce() {
            Closes closes = new Closes();
            Cache<String, String> cache = cacheWithCloseableParts(manager, "parts-closed", closes);

            cache.close();
            cache.close();

            assertClosedOnce(closes);
        }

        @Test
        void destroyingACacheClosesItAndItsCloseablePartsOnce() {
            Closes closes = new Closes();
            Cache<String, String> cache = cacheWithCloseableParts(manager, "parts-destroyed", closes);

            manager.destroyCache("parts-destroyed");

            assertThat(cache.isClosed()).isTrue();
            assertThat(manager.getCache("parts-destroyed")).isNull();
            assertClosedOnce(closes);
            manager.destroyCache("parts-destroyed"); // unknown now: nothing happens
            assertClosedOnce(closes);
        }

        @Test
        void closingTheManagerClosesTheCloseablePartsOfEachCache() {
            Closes first = new Closes();
            Closes second = new Closes();
            cacheWithCloseableParts(manager, "first", first);
            cacheWithCloseableParts(manager, "second", second);

            manager.close();

            assertClosedOnce(first);
            assertClosedOnce(second);
        }

        @Test
        void deregisteringACloseableListenerClosesIt() {
            Closes closes = new Closes();
            Cache<String, String> cache = stringCache(manager, "deregistered");
            CacheEntryListenerConfiguration<String, String> configuration = new MutableCacheEntryListenerConfiguration<>(
                    factoryOf(new ClosingListener(closes, "runtime listener")), null, false, true);
            cache.registerCacheEntryListener(configuration);

            cache.deregisterCacheEntryListener(configuration);
            cache.close();

            assertThat(closes.of("runtime listener")).isEqualTo(1);
        }
    }

    @Nested
    class ClosingManagersAndProviders {
        @Test
        void aClosedManagerRefusesToWorkClosesItsCachesAndIsReplacedByTheProvider() {
            URI uri = uniqueUri("closed-manager");
            ClassLoader loader = getClass().getClassLoader();
            CachingProvider provider = Caching.getCachingProvider();
            CacheManager manager = provider.getCacheManager(uri, loader);
            managers.add(manager);
            Cache<String, String> cache = stringCache(manager, "c");

            manager.close();

            assertThat(manager.isClosed()).isTrue();
            assertThat(cache.isClosed()).isTrue();
            List<Runnable> operations = List.of(
                    () -> manager.getCache("c"), () -> manager.getCache("c", String.class, String.class),
                    () -> manager.getCacheNames(), () -> stringCache(manager, "d"), () -> manager.destroyCache("c"),
                    () -> manager.enableStatistics("c", true), () -> manager.enableManagement("c", true));
            for (int i = 0; i < operations.size(); i++) {
                assertThatThrownBy(operations.get(i)::run).as("operation " + i)
                        .isInstanceOf(IllegalStateException.class);
            }
            assertThatCode(manager::close).doesNotThrowAnyException();

            CacheManager replacement = provider.getCacheManager(uri, loader);
            managers.add(replacement);
            assertThat(replacement).isNotSameAs(manager);
            assertThat(replacement.isClosed()).isFalse();
            assertThat(replacement.getCache("c")).isNull();
        }

        @Test
        void closingAProviderClosesAllItsManagersAndTheirCaches() {
            DocstoreCachingProvider provider = new DocstoreCachingProvider();
            providers.add(provider);
            ClassLoader loader = getClass().getClassLoader();
            URI firstUri = uniqueUri("provider-first");
            CacheManager first = provider.getCacheManager(firstUri, loader);
            CacheManager second = provider.getCacheManager(uniqueUri("provider-second"), loader);
            Cache<String, String> cache = stringCache(first, "c");
            first.enableStatistics("c", true);

            provider.close();
            provider.close();

            assertThat(first.isClosed()).isTrue();
            assertThat(second.isClosed()).isTrue();
            assertThat(cache.isClosed()).isTrue();
            assertThat(beansOf(firstUri)).isEmpty();
            CacheManager again = provider.getCacheManager(firstUri, loader);
            assertThat(again).isNotSameAs(first);
            assertThat(again.isClosed()).isFalse();
        }

        @Test
        void closingByUriOrClassLoaderClosesOnlyThoseManagers() throws IOException {
            DocstoreCachingProvider provider = new DocstoreCachingProvider();
            providers.add(provider);
            ClassLoader loader = getClass().getClassLoader();
            try (URLClassLoader otherLoader = new URLClassLoader(new URL[0], loader)) {
                URI uri = uniqueUri("provider-by-uri");
                URI otherUri = uniqueUri("provider-other-uri");
                CacheManager mine = provider.getCacheManager(uri, loader);
                CacheManager sameUriOtherLoader = provider.getCacheManager(uri, otherLoader);
                CacheManager otherUriOtherLoader = provider.getCacheManager(otherUri, otherLoader);
                assertThat(sameUriOtherLoader).isNotSameAs(mine);

                provider.close(uri, loader);
                assertThat(mine.isClosed()).isTrue();
                assertThat(sameUriOtherLoader.isClosed()).isFalse();

                provider.close(otherLoader);
                assertThat(sameUriOtherLoader.isClosed()).isTrue();
                assertThat(otherUriOtherLoader.isClosed()).isTrue();
                provider.close(uniqueUri("never-made"), loader); // unknown: nothing happens
            }
        }
    }

    private static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    private static String escape(String part) {
        return part.replace(':', '.').replace('=', '.').replace(',', '.').replace('\n', '.');
    }

    /** The beans of a manager in the javax.cache domain, as "type/Cache". */
    private static Set<String> beansOf(URI managerUri) {
        Set<String> found = new TreeSet<>();
        try {
            for (ObjectName name : server().queryNames(new ObjectName("javax.cache:*"), null)) {
                if (escape(managerUri.toString()).equals(name.getKeyProperty("CacheManager"))) {
                    found.add(name.getKeyProperty("type") + "/" + name.getKeyProperty("Cache"));
                }
            }
        } catch (MalformedObjectNameException e) {
            throw new AssertionError(e);
        }
        return found;
    }

    @Nested
    class Management {
        private final URI uri = URI.create("urn:docstore-test:jmx=a,b:" + UUID.randomUUID());
        private final CacheManager manager = Caching.getCachingProvider().getCacheManager(uri,
                getClass().getClassLoader());
        private final String name = "odd:name=x,y\nz cache " + UUID.randomUUID();
        private final String escapedName = escape(name);

        Management() {
            managers.add(manager);
        }

        private Cache<String, String> create(String cacheName, boolean statistics, boolean management) {
            return manager.createCache(cacheName, new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class).setStatisticsEnabled(statistics)
                    .setManagementEnabled(management));
        }

        private ObjectName objectName(String type, String cacheName) throws Exception {
            return new ObjectName("javax.cache:type=" + type + ",CacheManager=" + escape(uri.toString()) + ",Cache="
                    + escape(cacheName));
        }

        @Test
        void theSpecBeansAppearUnderTheEscapedNamesAndServeLiveFigures() throws Exception {
            Cache<String, String> cache = create(name, true, true);

            assertThat(beansOf(uri)).containsExactly("CacheConfiguration/" + escapedName,
                    "CacheStatistics/" + escapedName);
            ObjectName statistics = objectName("CacheStatistics", name);
            ObjectName configuration = objectName("CacheConfiguration", name);
            assertThat(server().isRegistered(statistics)).isTrue();
            assertThat(server().getAttribute(configuration, "KeyType")).isEqualTo("java.lang.String");
            assertThat(server().getAttribute(configuration, "StatisticsEnabled")).isEqualTo(true);
            cache.get("missing");
            cache.put("k", "v");
            assertThat(server().getAttribute(statistics, "CacheMisses")).isEqualTo(1L);
            assertThat(server().getAttribute(statistics, "CachePuts")).isEqualTo(1L);

            manager.enableStatistics(name, false);
            assertThat(server().getAttribute(configuration, "StatisticsEnabled")).isEqualTo(false);
        }

        @Test
        void enablingAndDisablingRegistersEachBeanOnceAndLeavesNothingBehind() {
            create(name, false, false);
            assertThat(beansOf(uri)).isEmpty();

            for (int cycle = 0; cycle < 5; cycle++) {
                manager.enableStatistics(name, true);
                manager.enableStatistics(name, true);
                assertThat(beansOf(uri)).as("cycle " + cycle).containsExactly("CacheStatistics/" + escapedName);
                manager.enableManagement(name, true);
                manager.enableManagement(name, true);
                assertThat(beansOf(uri)).as("cycle " + cycle).containsExactly("CacheConfiguration/" + escapedName,
                        "CacheStatistics/" + escapedName);
                manager.enableStatistics(name, false);
                assertThat(beansOf(uri)).as("cycle " + cycle).containsExactly("CacheConfiguration/" + escapedName);
                manager.enableStatistics(name, false);
                manager.enableManagement(name, false);
                assertThat(beansOf(uri)).as("cycle " + cycle).isEmpty();
            }
            Cache<String, String> cache = manager.getCache(name, String.class, String.class);
            assertThat(docstoreConfiguration(cache).isStatisticsEnabled()).isFalse();
            assertThat(docstoreConfiguration(cache).isManagementEnabled()).isFalse();
        }

        @Test
        void closingDestroyingAndClosingTheManagerUnregisterEverything() {
            Cache<String, String> closed = create(name + " closed", true, true);
            create(name + " destroyed", true, true);
            create(name + " kept", true, true);
            assertThat(beansOf(uri)).hasSize(6);

            closed.close();
            assertThat(beansOf(uri)).hasSize(4).noneMatch(bean -> bean.endsWith(escape(name + " closed")));
            manager.destroyCache(name + " destroyed");
            assertThat(beansOf(uri)).containsExactly("CacheConfiguration/" + escape(name + " kept"),
                    "CacheStatistics/" + escape(name + " kept"));
            manager.close();
            assertThat(beansOf(uri)).isEmpty();
        }

        @Test
        void aCacheCreatedAgainAfterCloseRegistersAgain() {
            for (int round = 0; round < 3; round++) {
                Cache<String, String> cache = create(name, true, true);
                assertThat(beansOf(uri)).as("round " + round).hasSize(2);
                cache.close();
                assertThat(beansOf(uri)).as("round " + round).isEmpty();
            }
        }
    }

    /** A copier factory that can be serialised, as every part of a configuration must. */
    static final class SerializableCopierFactory implements Factory<Copier> {
        private static final long serialVersionUID = 1L;

        @Override
        public Copier create() {
            return SerializingCopier.INSTANCE;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SerializableCopierFactory;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** A listener factory that fails, as one whose listener cannot be built would. */
    static final class FailingListenerFactory implements Factory<CacheEntryListener<? super String, ? super String>> {
        private static final long serialVersionUID = 1L;

        @Override
        public CacheEntryListener<? super String, ? super String> create() {
            throw new IllegalStateException("no listener today");
        }
    }

    private static Object roundTrip(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }

    @Nested
    class Configurations {
        private final CacheManager manager = manager("configurations");

        @Test
        void getConfigurationReturnsACopyWhoseChangesDoNotReachTheCache() {
            Cache<String, String> cache = stringCache(manager, "copied");
            RecordingListener<String, String> listener = new RecordingListener<>();

            DocstoreConfiguration<String, String> copy = docstoreConfiguration(cache);
            copy.setStatisticsEnabled(true).setManagementEnabled(true).setReadThrough(true)
                    .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.ZERO))
                    .addCacheEntryListenerConfiguration(listenerConfiguration(listener, false, true));
            copy.addIndex(IndexDefinition.of("byX", "x"));

            DocstoreConfiguration<String, String> again = docstoreConfiguration(cache);
            assertThat(again).isNotSameAs(copy);
            assertThat(again.isStatisticsEnabled()).isFalse();
            assertThat(again.isManagementEnabled()).isFalse();
            assertThat(again.isReadThrough()).isFalse();
            assertThat(again.getCacheEntryListenerConfigurations()).isEmpty();
            assertThat(again.getExpiryPolicyFactory().create()).isInstanceOf(EternalExpiryPolicy.class);
            assertThat(again.getIndexes()).isEmpty();
            assertThat(beansOf(manager.getURI())).isEmpty();
            cache.put("k", "v");
            assertThat(cache.get("k")).isEqualTo("v");
            assertThat(listener.events).isEmpty();
            assertThat(documents(cache).indexes()).isEmpty();
        }

        @Test
        void runtimeChangesShowInLaterCopiesOnly() {
            Cache<String, String> cache = stringCache(manager, "runtime");
            DocstoreConfiguration<String, String> before = docstoreConfiguration(cache);
            CacheEntryListenerConfiguration<String, String> listener =
                    listenerConfiguration(new RecordingListener<>(), false, true);

            cache.registerCacheEntryListener(listener);
            manager.enableStatistics("runtime", true);

            assertThat(before.getCacheEntryListenerConfigurations()).isEmpty();
            assertThat(before.isStatisticsEnabled()).isFalse();
            DocstoreConfiguration<String, String> after = docstoreConfiguration(cache);
            assertThat(after.getCacheEntryListenerConfigurations()).containsExactly(listener);
            assertThat(after.isStatisticsEnabled()).isTrue();
        }

        @Test
        void aListenerThatCouldNotBeRegisteredIsNotLeftInTheConfiguration() {
            Cache<String, String> cache = stringCache(manager, "failed-registration");
            CacheEntryListenerConfiguration<String, String> failing =
                    new MutableCacheEntryListenerConfiguration<>(new FailingListenerFactory(), null, false, true);

            assertThatThrownBy(() -> cache.registerCacheEntryListener(failing))
                    .hasStackTraceContaining("no listener today");

            assertThat(docstoreConfiguration(cache).getCacheEntryListenerConfigurations()).isEmpty();
        }

        @Test
        void aDocstoreConfigurationCopyKeepsIndexesCopierAndClock() {
            Factory<Copier> copier = new SerializableCopierFactory();
            TestClockFactory clock = TestClockFactory.of(MutableClock.startingAt("2024-05-01T10:00:00Z"));
            DocstoreConfiguration<String, String> original = new DocstoreConfiguration<String, String>()
                    .addIndex(IndexDefinition.of("byCity", "address.city"))
                    .addIndex(IndexDefinition.of("byAge", "age").asUnique())
                    .setCopierFactory(copier).setClockFactory(clock);
            original.setTypes(String.class, String.class).setStatisticsEnabled(true);

            DocstoreConfiguration<String, String> copy = new DocstoreConfiguration<>(original);

            assertThat(copy.getIndexes()).isEqualTo(original.getIndexes()).hasSize(2);
            assertThat(copy.getCopierFactory()).isSameAs(copier);
            assertThat(copy.getClockFactory()).isSameAs(clock);
            assertThat(copy.isStatisticsEnabled()).isTrue();
            assertThat(copy.getKeyType()).isEqualTo(String.class);
            assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original);

            copy.addIndex(IndexDefinition.of("byName", "name"));
            assertThat(original.getIndexes()).hasSize(2);
            assertThat(copy).isNotEqualTo(original);
            assertThatThrownBy(() -> original.getIndexes().add(IndexDefinition.of("x", "x")))
                    .isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void theCachesConfigurationKeepsIndexesCopierAndClock() {
            Factory<Copier> copier = new SerializableCopierFactory();
            MutableClock mutableClock = MutableClock.startingAt("2024-05-01T10:00:00Z");
            TestClockFactory clock = TestClockFactory.of(mutableClock);
            Cache<String, Map<String, Object>> cache = manager.createCache("kept",
                    new DocstoreConfiguration<String, Map<String, Object>>()
                            .addIndex(IndexDefinition.of("byCity", "city"))
                            .setCopierFactory(copier).setClockFactory(clock));

            DocstoreConfiguration<String, Map<String, Object>> configuration = docstoreConfiguration(cache);

            assertThat(configuration.getIndexes()).extracting(IndexDefinition::name).containsExactly("byCity");
            assertThat(configuration.getCopierFactory()).isSameAs(copier);
            assertThat(configuration.getClockFactory()).isSameAs(clock);
            assertThat(documents(cache).indexes()).extracting(IndexInfo::name).containsExactly("byCity");
        }

        @Test
        void aCopyOfAPlainConfigurationGetsTheDefaults() {
            MutableConfiguration<String, String> plain = new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class).setStoreByValue(false);

            DocstoreConfiguration<String, String> copy = new DocstoreConfiguration<>(plain);

            assertThat(copy.getIndexes()).isEmpty();
            assertThat(copy.getCopierFactory().create()).isSameAs(SerializingCopier.INSTANCE);
            assertThat(copy.getClockFactory().create()).isInstanceOf(Clock.class);
            assertThat(copy.isStoreByValue()).isFalse();
            assertThat(copy.getValueType()).isEqualTo(String.class);
        }

        /** {@code Configuration} extends {@code Serializable}: what a cache reports must survive serialisation. */
        @Test
        void theConfigurationOfAPlainCacheIsSerializable() throws Exception {
            Cache<String, String> cache = stringCache(manager, "serializable");

            Object copy = roundTrip(docstoreConfiguration(cache));

            assertThat(copy).isInstanceOf(DocstoreConfiguration.class);
        }

        @Test
        void aConfigurationWithIndexesIsSerializable() throws Exception {
            DocstoreConfiguration<String, String> configuration = new DocstoreConfiguration<String, String>()
                    .setCopierFactory(new SerializableCopierFactory())
                    .addIndex(IndexDefinition.of("byCity", "address.city"));

            Object copy = roundTrip(configuration);

            assertThat(copy).isEqualTo(configuration);
        }
    }

    @Nested
    class Unwrapping {
        private final CacheManager manager = manager("unwrap");
        private final Cache<String, String> cache = stringCache(manager, "unwrapped");

        @Test
        void theManagerUnwrapsToItsOwnTypesOnly() {
            assertThat(manager.unwrap(DocstoreCacheManager.class)).isSameAs(manager);
            assertThat(manager.unwrap(CacheManager.class)).isSameAs(manager);
            assertThatThrownBy(() -> manager.unwrap(CachingProvider.class))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> manager.unwrap(Exception.class)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theCacheUnwrapsToItselfAndItsDocumentView() {
            DocstoreCache<?, ?> docstore = cache.unwrap(DocstoreCache.class);
            Cache<?, ?> plain = cache.unwrap(Cache.class);
            assertThat(docstore).isSameAs(cache);
            assertThat(plain).isSameAs(cache);
            DocumentCache<String, String> documents = documents(cache);
            assertThat(documents.getName()).isEqualTo("unwrapped");
            assertThat(documents(cache)).isSameAs(documents);
            assertThatThrownBy(() -> cache.unwrap(CacheManager.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> cache.unwrap(Map.class)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void iteratedEntriesUnwrapToDocstoreCacheEntries() {
            cache.put("k", "v");
            Iterator<Cache.Entry<String, String>> iterator = cache.iterator();
            Cache.Entry<String, String> entry = iterator.next();

            DocstoreCacheEntry<?, ?> unwrapped = entry.unwrap(DocstoreCacheEntry.class);
            assertThat(unwrapped.version()).isPositive();
            assertThat(unwrapped.getKey()).isEqualTo("k");
            assertThatThrownBy(() -> entry.unwrap(Map.Entry.class)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void theDefaultProviderIsDocstores() {
            assertThat(Caching.getCachingProvider()).isInstanceOf(DocstoreCachingProvider.class);
            assertThat(cache.getCacheManager()).isSameAs(manager);
            assertThatThrownBy(() -> manager.createCache("unwrapped", new MutableConfiguration<>()))
                    .isInstanceOf(CacheException.class);
        }
    }
}
