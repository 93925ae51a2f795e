package dev.docstore.console.jmx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.docstore.console.testing.TestCaches;
import dev.docstore.index.IndexDefinition;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocumentCache;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The feed of index notifications from this JVM's docstore beans: order, numbering, capacity, and following. */
class NotificationFeedTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestCaches caches = new TestCaches();
    private final List<NotificationFeed> feeds = new ArrayList<>();
    private Cache<String, Map<String, Object>> cache;
    private String manager;

    @BeforeEach
    void createCache() {
        cache = caches.create("fed");
        cache.put("k", Map.of("city", "Lisbon"));
        manager = TestCaches.manager(cache);
    }

    @AfterEach
    void closeAll() {
        feeds.forEach(NotificationFeed::close);
        caches.close();
    }

    private NotificationFeed feed(int capacity) {
        NotificationFeed feed = new NotificationFeed(JmxTarget.thisJvm("the test JVM"), capacity);
        feeds.add(feed);
        feed.subscribe();
        return feed;
    }

    private List<Map<String, Object>> ours(NotificationFeed feed, long after) {
        return feed.since(after).stream().filter(entry -> manager.equals(entry.get("manager"))).toList();
    }

    private static void churn(DocumentCache<String, Map<String, Object>> documents, int rounds) {
        for (int i = 0; i < rounds; i++) {
            documents.createIndex(IndexDefinition.of("byCity" + i, "city"));
            documents.dropIndex("byCity" + i);
        }
    }

    @Test
    void keepsTheNewestEntriesUpToItsCapacityNumberedInOrder() {
        NotificationFeed feed = feed(3);
        churn(TestCaches.documents(cache), 5);
        await().atMost(WAIT).until(() -> feed.since(0).stream().anyMatch(
                entry -> "dev.docstore.index.dropped".equals(entry.get("type"))
                        && String.valueOf(entry.get("message")).contains("byCity4")));
        List<Map<String, Object>> kept = ours(feed, 0);
        assertThat(kept).extracting(entry -> entry.get("number")).containsExactly(8L, 9L, 10L);
        assertThat(kept).extracting(entry -> entry.get("type")).containsExactly("dev.docstore.index.dropped",
                "dev.docstore.index.created", "dev.docstore.index.dropped");
        assertThat(kept).allSatisfy(entry -> assertThat(entry).containsEntry("cache", "fed"));
        assertThat(ours(feed, 9)).extracting(entry -> entry.get("number")).containsExactly(10L);
        assertThat(feed.since(10)).isEmpty();
    }

    @Test
    void subscribingAgainDoesNotDuplicateEntries() {
        NotificationFeed feed = feed(100);
        feed.subscribe();
        feed.subscribe();
        churn(TestCaches.documents(cache), 1);
        await().atMost(WAIT).until(() -> ours(feed, 0).size() >= 2);
        assertThat(ours(feed, 0)).extracting(entry -> entry.get("type")).containsExactly(
                "dev.docstore.index.created", "dev.docstore.index.dropped");
    }

    @Test
    void aClosedFeedStopsListeningAndKeepsWhatItHad() {
        NotificationFeed feed = feed(100);
        churn(TestCaches.documents(cache), 1);
        await().atMost(WAIT).until(() -> ours(feed, 0).size() == 2);
        feed.close();
        feed.subscribe();
        NotificationFeed witness = feed(100);
        churn(TestCaches.documents(cache), 1);
        await().atMost(WAIT).until(() -> ours(witness, 0).size() == 2);
        assertThat(ours(feed, 0)).hasSize(2);
    }

    @Test
    void aClosedSessionStopsListening() {
        TargetSession closed = new TargetSession(JmxTarget.thisJvm("closed"), System::currentTimeMillis);
        closed.feed().subscribe();
        closed.close();
        NotificationFeed witness = feed(100);
        churn(TestCaches.documents(cache), 1);
        await().atMost(WAIT).until(() -> ours(witness, 0).size() == 2);
        assertThat(closed.feed().since(0)).as("what a closed session's feed received").isEmpty();
    }

    @Test
    void aCacheClosedAndCreatedAgainUnderTheSameNameIsStillFollowed() {
        NotificationFeed feed = feed(100);
        URI uri = URI.create("urn:docstore:feed-test-" + UUID.randomUUID());
        CacheManager first = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                .getCacheManager(uri, getClass().getClassLoader());
        first.createCache("again", TestCaches.managed());
        feed.subscribe();
        first.close();
        CacheManager second = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                .getCacheManager(uri, getClass().getClassLoader());
        try {
            Cache<String, Map<String, Object>> again = second.createCache("again", TestCaches.managed());
            feed.subscribe();
            TestCaches.documents(again).createIndex(IndexDefinition.of("byCity", "city"));
            await().atMost(WAIT).until(() -> feed.since(0).stream()
                    .anyMatch(entry -> uri.toString().equals(entry.get("manager"))));
        } finally {
            second.close();
        }
    }
}
