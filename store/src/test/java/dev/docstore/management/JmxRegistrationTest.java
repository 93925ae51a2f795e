package dev.docstore.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocumentCache;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The object names {@link JmxRegistration} builds, and what is registered in the platform MBeanServer as caches are
 * created, switched, closed and destroyed, for manager URIs and cache names holding characters object names treat
 * specially: {@code : = , * ?}, quotes, newlines, backslashes.
 *
 * <p>Each test compares the registered names in {@code javax.cache} and {@code dev.docstore} with those registered
 * before it began, and uses manager URIs of its own, so other tests' beans do not matter.
 */
@Timeout(120)
class JmxRegistrationTest {
    private static final MBeanServer SERVER = ManagementFactory.getPlatformMBeanServer();
    /** Every special character at once. */
    private static final String EVERYTHING = "a:b=c,d*e?f\"g\nh\\i j'k";

    private final CachingProvider provider = Caching.getCachingProvider(DocstoreCachingProvider.class.getName());
    private final List<CacheManager> managers = new ArrayList<>();
    private Set<ObjectName> before;

    @BeforeEach
    void rememberRegistrations() throws JMException {
        before = registered();
    }

    @AfterEach
    void closeManagers() {
        managers.forEach(CacheManager::close);
    }

    /** Every name registered now in docstore's domain and the spec's. */
    private static Set<ObjectName> registered() throws JMException {
        Set<ObjectName> names = new HashSet<>(SERVER.queryNames(new ObjectName("javax.cache:*"), null));
        names.addAll(SERVER.queryNames(new ObjectName(JmxRegistration.DOMAIN + ":*"), null));
        return names;
    }

    /** What this test has registered: the names registered now that were not before it began. */
    private Set<ObjectName> added() throws JMException {
        Set<ObjectName> added = registered();
        added.removeAll(before);
        return added;
    }

    private static String unique() {
        return UUID.randomUUID().toString();
    }

    private static URI plainUri() {
        return URI.create("urn:docstore:jmx-registration-test:" + unique());
    }

    /** A URI with {@code :}, {@code =} and {@code ,} (quotes and newlines cannot appear in a URI's text). */
    private static URI specCharactersUri() {
        return URI.create("docstore://127.0.0.1:9999/a=b,c;" + unique());
    }

    /** A URI with {@code *} and {@code ?} as well. */
    private static URI wildcardUri() {
        return URI.create("docstore://127.0.0.1:9999/a=b,c*d?e=" + unique());
    }

    private CacheManager manager(URI uri) {
        CacheManager manager = provider.getCacheManager(uri, JmxRegistrationTest.class.getClassLoader());
        managers.add(manager);
        return manager;
    }

    private static MutableConfiguration<String, Object> configuration(boolean management, boolean statistics) {
        return new MutableConfiguration<String, Object>().setTypes(String.class, Object.class)
                .setManagementEnabled(management).setStatisticsEnabled(statistics);
    }

    private static Set<ObjectName> beans(URI uri, String cache, boolean management, boolean statistics) {
        Set<ObjectName> names = new HashSet<>();
        if (management) {
            names.add(JmxRegistration.name(JmxRegistration.Kind.CONFIGURATION, uri, cache));
            names.add(JmxRegistration.documentCacheName(uri, cache));
        }
        if (statistics) {
            names.add(JmxRegistration.name(JmxRegistration.Kind.STATISTICS, uri, cache));
        }
        return names;
    }

    private static Set<ObjectName> union(Set<ObjectName> names, ObjectName... more) {
        Set<ObjectName> all = new HashSet<>(names);
        all.addAll(List.of(more));
        return all;
    }

    @Test
    void specNamesReplaceColonEqualsCommaAndNewlineWithDots() throws Exception {
        URI uri = URI.create("docstore://host:1/a=b,c");
        String cache = "x:y=z,w\nv";
        assertThat(JmxRegistration.name(JmxRegistration.Kind.CONFIGURATION, uri, cache)).isEqualTo(new ObjectName(
                "javax.cache:type=CacheConfiguration,CacheManager=docstore.//host.1/a.b.c,Cache=x.y.z.w.v"));
        assertThat(JmxRegistration.name(JmxRegistration.Kind.STATISTICS, uri, cache)).isEqualTo(new ObjectName(
                "javax.cache:type=CacheStatistics,CacheManager=docstore.//host.1/a.b.c,Cache=x.y.z.w.v"));
        assertThat(JmxRegistration.name(JmxRegistration.Kind.STATISTICS, URI.create("urn:docstore:plain"), "plain")
                .getCanonicalName()).isEqualTo("javax.cache:Cache=plain,CacheManager=urn.docstore.plain,"
                + "type=CacheStatistics");
    }

    static Stream<String> namesObjectNamesTreatSpecially() {
        return Stream.of("star*", "what?", "say \"hi\"", "\"", "*", EVERYTHING, "carriage\rreturn*", "tab\tand?");
    }

    /**
     * A wildcard makes an unquoted value a pattern, which cannot be registered; a quote cannot appear in one at all.
     * The spec's replacement does not cover them, so a cache with such a name needs its spec names built otherwise
     * (quoting such values, as the TCK's names never hold them).
     */
    @ParameterizedTest
    @MethodSource("namesObjectNamesTreatSpecially")
    void specNamesOfNamesWithWildcardsOrQuotesAreNamesOfOneBean(String cache) {
        for (JmxRegistration.Kind kind : JmxRegistration.Kind.values()) {
            assertThatCode(() -> JmxRegistration.name(kind, plainUri(), cache)).as("%s of %s", kind, cache)
                    .doesNotThrowAnyException();
            ObjectName name = JmxRegistration.name(kind, plainUri(), cache);
            assertThat(name.isPattern()).as("%s is a pattern", name).isFalse();
        }
        ObjectName ofWildcardUri = JmxRegistration.name(JmxRegistration.Kind.STATISTICS, wildcardUri(), "plain");
        assertThat(ofWildcardUri.isPattern()).as("%s is a pattern", ofWildcardUri).isFalse();
    }

    static Stream<Arguments> managersAndCaches() {
        return Stream.of(
                Arguments.of("plain", plainUri(), "plain"),
                Arguments.of("spec characters in the name", plainUri(), "colon:equals=comma,newline\nend"),
                Arguments.of("spec characters in the URI", specCharactersUri(), "plain"),
                Arguments.of("backslash, space and apostrophe in the name", plainUri(), "back\\slash and it's"),
                Arguments.of("star in the name", plainUri(), "star*"),
                Arguments.of("question mark in the name", plainUri(), "what?"),
                Arguments.of("quotes in the name", plainUri(), "say \"hi\""),
                Arguments.of("star and question mark in the URI", wildcardUri(), "plain"),
                Arguments.of("everything", wildcardUri(), EVERYTHING));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("managersAndCaches")
    void docstoreNamesQuoteEveryCharacterAndReadBack(String what, URI uri, String cache) {
        ObjectName documents = JmxRegistration.documentCacheName(uri, cache);
        assertThat(documents.isPattern()).isFalse();
        assertThat(documents.getDomain()).isEqualTo("dev.docstore");
        assertThat(documents.getKeyProperty("type")).isEqualTo("DocumentCache");
        assertThat(ObjectName.unquote(documents.getKeyProperty("manager"))).isEqualTo(uri.toString());
        assertThat(ObjectName.unquote(documents.getKeyProperty("name"))).isEqualTo(cache);
        ObjectName manager = JmxRegistration.managerName(uri);
        assertThat(manager.isPattern()).isFalse();
        assertThat(manager.getKeyProperty("type")).isEqualTo("CacheManager");
        assertThat(ObjectName.unquote(manager.getKeyProperty("name"))).isEqualTo(uri.toString());
        assertThat(JmxRegistration.documentCacheName(uri, cache + "x")).isNotEqualTo(documents);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("managersAndCaches")
    void aManagedCacheWithStatisticsRegistersExactlyItsFourBeans(String what, URI uri, String cache)
            throws Exception {
        CacheManager manager = manager(uri);
        manager.createCache(cache, configuration(true, true)).put("k", Map.of("city", "Lisbon"));
        ObjectName managerBean = JmxRegistration.managerName(uri);
        ObjectName documents = JmxRegistration.documentCacheName(uri, cache);

        assertThat(added()).containsExactlyInAnyOrderElementsOf(union(beans(uri, cache, true, true), managerBean));
        assertThat(SERVER.getAttribute(documents, "Name")).isEqualTo(cache);
        assertThat(SERVER.getAttribute(documents, "CacheManagerUri")).isEqualTo(uri.toString());
        assertThat(SERVER.getAttribute(documents, "DocumentCount")).isEqualTo(1L);
        assertThat(SERVER.getAttribute(managerBean, "Uri")).isEqualTo(uri.toString());
        assertThat(SERVER.getAttribute(JmxRegistration.name(JmxRegistration.Kind.CONFIGURATION, uri, cache),
                "StatisticsEnabled")).isEqualTo(true);
        assertThat(SERVER.getAttribute(JmxRegistration.name(JmxRegistration.Kind.STATISTICS, uri, cache),
                "CachePuts")).isEqualTo(1L);

        manager.close();
        assertThat(added()).as("left after the manager closed").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("managersAndCaches")
    void switchingClosingAndDestroyingLeavesNoDuplicateAndNoLeftover(String what, URI uri, String cache)
            throws Exception {
        CacheManager manager = manager(uri);
        manager.createCache(cache, configuration(true, true));
        Set<ObjectName> all = beans(uri, cache, true, true);
        assertThat(cacheBeans()).containsExactlyInAnyOrderElementsOf(all);

        for (int cycle = 0; cycle < 3; cycle++) {
            manager.enableManagement(cache, false);
            manager.enableManagement(cache, false);
            assertThat(cacheBeans()).as("management off")
                    .containsExactlyInAnyOrderElementsOf(beans(uri, cache, false, true));
            manager.enableStatistics(cache, false);
            manager.enableStatistics(cache, false);
            assertThat(cacheBeans()).as("both off").isEmpty();
            manager.enableStatistics(cache, true);
            manager.enableStatistics(cache, true);
            assertThat(cacheBeans()).as("statistics on")
                    .containsExactlyInAnyOrderElementsOf(beans(uri, cache, false, true));
            manager.enableManagement(cache, true);
            manager.enableManagement(cache, true);
            assertThat(cacheBeans()).as("both on again").containsExactlyInAnyOrderElementsOf(all);
        }
        assertThat(SERVER.getAttribute(JmxRegistration.documentCacheName(uri, cache), "Name")).isEqualTo(cache);

        String other = cache + "-other";
        manager.createCache(other, configuration(true, true));
        assertThat(cacheBeans()).containsExactlyInAnyOrderElementsOf(
                union(all, beans(uri, other, true, true).toArray(new ObjectName[0])));
        manager.destroyCache(other);
        assertThat(cacheBeans()).as("after destroyCache").containsExactlyInAnyOrderElementsOf(all);

        Cache<String, Object> closed = manager.getCache(cache, String.class, Object.class);
        closed.close();
        closed.close();
        assertThat(cacheBeans()).as("after the cache closed").isEmpty();

        manager.createCache(cache, configuration(true, true));
        assertThat(cacheBeans()).as("a cache of the same name again").containsExactlyInAnyOrderElementsOf(all);

        manager.close();
        manager.close();
        assertThat(added()).as("after the manager closed").isEmpty();
    }

    /** What this test has registered, the managers' beans left out. */
    private Set<ObjectName> cacheBeans() throws JMException {
        Set<ObjectName> beans = added();
        beans.removeIf(name -> "CacheManager".equals(name.getKeyProperty("type")));
        return beans;
    }

    /**
     * {@link JmxCacheManagement}: "per manager that has a managed cache, a CacheManagerMBean". So the bean is there
     * exactly while some cache of the manager has management on, whatever happened before.
     */
    @Test
    void theManagerBeanIsThereWhileAndOnlyWhileTheManagerHasAManagedCache() throws Exception {
        URI uri = plainUri();
        ObjectName managerBean = JmxRegistration.managerName(uri);
        CacheManager manager = manager(uri);
        manager.createCache("unmanaged", configuration(false, false));
        assertThat(SERVER.isRegistered(managerBean)).as("no managed cache yet").isFalse();
        manager.createCache("a", configuration(true, false));
        manager.createCache("b", configuration(true, false));
        assertThat(SERVER.isRegistered(managerBean)).as("two managed caches").isTrue();
        manager.enableManagement("a", false);
        assertThat(SERVER.isRegistered(managerBean)).as("one managed cache left").isTrue();
        manager.destroyCache("b");
        assertThat(SERVER.isRegistered(managerBean)).as("after the last managed cache was destroyed").isFalse();
        manager.enableManagement("a", true);
        assertThat(SERVER.isRegistered(managerBean)).as("a managed cache again").isTrue();
        manager.enableManagement("a", false);
        assertThat(SERVER.isRegistered(managerBean)).as("after management of the last managed cache went off")
                .isFalse();
        manager.enableManagement("a", true);
        manager.getCache("a").close();
        assertThat(SERVER.isRegistered(managerBean)).as("after the last managed cache closed").isFalse();
    }

    /**
     * JCache keeps one manager per URI <em>and class loader</em>, so two managers may share a URI, and the names of
     * their caches' beans (which hold only the URI and the cache name) collide. Whatever each gets, closing one must
     * not take away the beans of the other.
     */
    @Test
    void closingAManagerOfTheSameUriInAnotherClassLoaderLeavesTheFirstManagersBeans() throws Exception {
        URI uri = plainUri();
        CacheManager first = manager(uri);
        Cache<String, Object> cache = first.createCache("c", configuration(true, true));
        cache.put("k", Map.of("city", "Lisbon"));
        Set<ObjectName> firstBeans = union(beans(uri, "c", true, true), JmxRegistration.managerName(uri));
        try (URLClassLoader loader = new URLClassLoader(new URL[0], JmxRegistrationTest.class.getClassLoader())) {
            CacheManager second = provider.getCacheManager(uri, loader);
            managers.add(second);
            assertThat(second).isNotSameAs(first);
            second.createCache("c", configuration(true, true));
            second.getCache("c").close();
            assertThat(added()).as("after the other manager's cache closed").containsAll(firstBeans);
            second.close();
        }
        assertThat(added()).as("after the other manager closed").containsAll(firstBeans);
        assertThat(SERVER.getAttribute(JmxRegistration.documentCacheName(uri, "c"), "DocumentCount"))
                .as("the first manager's cache").isEqualTo(1L);
    }

    @Test
    void statisticsDisabledRegistersNoStatisticsBean() throws Exception {
        URI uri = plainUri();
        manager(uri).createCache("c", configuration(true, false));
        assertThat(added()).containsExactlyInAnyOrderElementsOf(union(beans(uri, "c", true, false),
                JmxRegistration.managerName(uri)));
        assertThat(SERVER.isRegistered(JmxRegistration.name(JmxRegistration.Kind.STATISTICS, uri, "c"))).isFalse();
    }

    @Test
    void managementDisabledRegistersNoConfigurationDocumentOrManagerBean() throws Exception {
        URI uri = plainUri();
        CacheManager manager = manager(uri);
        manager.createCache("c", configuration(false, true));
        assertThat(added()).containsExactlyInAnyOrderElementsOf(beans(uri, "c", false, true));

        manager.createCache("unmanaged", configuration(false, false));
        assertThat(added()).containsExactlyInAnyOrderElementsOf(beans(uri, "c", false, true));

        manager.enableManagement("unmanaged", true);
        assertThat(added()).containsExactlyInAnyOrderElementsOf(union(beans(uri, "c", false, true),
                JmxRegistration.managerName(uri), JmxRegistration.documentCacheName(uri, "unmanaged"),
                JmxRegistration.name(JmxRegistration.Kind.CONFIGURATION, uri, "unmanaged")));
    }

    @Test
    void theDocumentCacheBeanFollowsTheManagementFlagAndServesTheCacheAfterEachSwitch() throws Exception {
        URI uri = plainUri();
        CacheManager manager = manager(uri);
        Cache<String, Object> cache = manager.createCache("c", configuration(true, false));
        cache.put("a", Map.of("city", "Lisbon"));
        DocumentCache<?, ?> documents = cache.unwrap(DocumentCache.class);
        ObjectName bean = JmxRegistration.documentCacheName(uri, "c");

        for (int cycle = 0; cycle < 3; cycle++) {
            manager.enableManagement("c", false);
            assertThat(SERVER.isRegistered(bean)).isFalse();
            documents.createIndex(IndexDefinition.of("while-unmanaged-" + cycle, "city"));
            manager.enableManagement("c", true);
            assertThat(SERVER.isRegistered(bean)).isTrue();
        }
        cache.put("b", Map.of("city", "Porto"));
        assertThat(SERVER.getAttribute(bean, "DocumentCount")).isEqualTo(2L);

        List<Notification> received = new CopyOnWriteArrayList<>();
        NotificationListener listener = (notification, handback) -> received.add(notification);
        SERVER.addNotificationListener(bean, listener, null, null);
        documents.createIndex(IndexDefinition.of("byCity", "city"));
        SERVER.invoke(bean, "dropIndex", new Object[] {"byCity"}, new String[] {String.class.getName()});
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(received).hasSize(2));
        assertThat(received).extracting(Notification::getType)
                .as("one notification per change: beans of earlier switches no longer announce")
                .containsExactly("dev.docstore.index.created", "dev.docstore.index.dropped");
        assertThat(received).extracting(Notification::getSequenceNumber).containsExactly(1L, 2L);

        manager.enableManagement("c", false);
        documents.createIndex(IndexDefinition.of("unseen", "city"));
        assertThat(received).as("an unregistered bean sends nothing").hasSize(2);
    }

    @Test
    void concurrentSwitchesEndWithEachBeanRegisteredOnce() throws Exception {
        URI uri = plainUri();
        CacheManager manager = manager(uri);
        manager.createCache("c", configuration(true, true));
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await(60, TimeUnit.SECONDS);
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < 200; i++) {
                        if (random.nextBoolean()) {
                            manager.enableManagement("c", random.nextBoolean());
                        } else {
                            manager.enableStatistics("c", random.nextBoolean());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        manager.enableManagement("c", true);
        manager.enableStatistics("c", true);
        assertThat(added()).containsExactlyInAnyOrderElementsOf(union(beans(uri, "c", true, true),
                JmxRegistration.managerName(uri)));
        manager.enableManagement("c", false);
        manager.enableStatistics("c", false);
        assertThat(cacheBeans()).isEmpty();
        manager.close();
        assertThat(added()).isEmpty();
    }

    @Test
    void closingTheManagerThroughTheProviderLeavesNothing() throws Exception {
        URI uri = specCharactersUri();
        CacheManager manager = manager(uri);
        manager.createCache("one", configuration(true, true));
        manager.createCache("two", configuration(true, false));
        assertThat(added()).hasSize(6);
        provider.close(uri, JmxRegistrationTest.class.getClassLoader());
        assertThat(manager.isClosed()).isTrue();
        assertThat(added()).isEmpty();
    }
}
