package dev.docstore.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreCache;
import dev.docstore.jcache.DocstoreCacheManager;
import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.jcache.EstimatedBytesWeigher;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

/**
 * The bookshop with docstore as the only JCache provider on the class path, and no {@code spring.cache.jcache.provider}:
 * Boot picks docstore, reads {@code docstore.yaml}, and the caching annotations, the index query over REST and the
 * actuator all work on docstore caches.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BookshopApplicationTest {
    private static final String GAMMA = "978-0201633610";
    private static final String BLOCH = "978-0134685991";
    private static final String BLOCH_2ND = "978-0321356680";

    @Autowired
    CacheManager jcacheManager;
    @Autowired
    BookService service;
    @Autowired
    BookRepository repository;
    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void startEmpty() {
        http = RestClient.create("http://localhost:" + port);
        service.evictAll();
        jcacheManager.getCache("authors").clear();
    }

    @Test
    void docstoreIsTheOnlyProviderAndBootPicksItWithoutTheProviderProperty() {
        List<String> providers = StreamSupport.stream(Caching.getCachingProviders().spliterator(), false)
                .map(CachingProvider::getClass).map(Class::getName).toList();
        assertThat(providers).containsExactly(DocstoreCachingProvider.class.getName());
        assertThat(jcacheManager).isInstanceOf(DocstoreCacheManager.class);
        assertThat(jcacheManager.getURI().toString()).endsWith("docstore.yaml");
    }

    @Test
    void theConfiguredCacheHasItsIndexAndTheCacheNamesCacheGotTheDefaultTemplate() {
        assertThat(jcacheManager.getCacheNames()).contains("books", "authors");
        Cache<Object, Object> books = jcacheManager.getCache("books");
        assertThat(documents(books).indexes()).extracting(IndexInfo::name, IndexInfo::paths)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("byAuthor", List.of("author")));
        assertThat(configuration(books).getKeyType()).isEqualTo(String.class);

        DocstoreConfiguration<?, ?> authors = configuration(jcacheManager.getCache("authors"));
        assertThat(authors.isStatisticsEnabled()).as("statistics from the default template").isTrue();
        assertThat(authors.getExpiryPolicyFactory().create())
                .isInstanceOf(javax.cache.expiry.AccessedExpiryPolicy.class);
    }

    @Test
    void theAuthorsCacheIsBoundedByTheDefaultTemplateAndEvictsBeyondIt() {
        Cache<Object, Object> authors = jcacheManager.getCache("authors");
        assertThat(configuration(authors).getMaximumSize()).as("maximumSize from the default template").hasValue(1000);

        for (long i = 0; i < 1_050; i++) {
            authors.put("author-" + i, i);
        }

        assertThat(StreamSupport.stream(authors.spliterator(), false).count()).isEqualTo(1000);
    }

    @Test
    void theBooksCacheIsBoundedByEstimatedBytesFromTheFileAndEvictsBeyondIt() {
        Cache<Object, Object> books = jcacheManager.getCache("books");
        assertThat(configuration(books).getMaximumWeight()).as("maximumWeight from docstore.yaml").hasValue(1 << 20);
        assertThat(configuration(books).getWeigher()).isInstanceOf(EstimatedBytesWeigher.class);

        // titles of 200 to 3,999 characters: about 2 MB of books put into a cache bounded to 1 MB
        for (int i = 0; i < 1_000; i++) {
            books.put("isbn-" + i, new Book("isbn-" + i, "t".repeat(200 + i * 7 % 3_800), "Author " + i % 10, 2000));
        }

        EstimatedBytesWeigher<Object, Object> weigher = new EstimatedBytesWeigher<>();
        long resident = 0;
        long entries = 0;
        for (Cache.Entry<Object, Object> entry : books) {
            resident += weigher.weigh(entry.getKey(), entry.getValue());
            entries++;
        }
        assertThat(resident).isPositive().isLessThanOrEqualTo(1 << 20);
        assertThat(books.unwrap(DocstoreCache.class).statistics().getCacheEvictions()).isEqualTo(1_000 - entries);
    }

    @Test
    void cacheResultAnswersTheSecondCallFromTheCache() {
        int before = repository.reads();
        Book first = http.get().uri("/books/{isbn}", GAMMA).retrieve().body(Book.class);
        Book second = http.get().uri("/books/{isbn}", GAMMA).retrieve().body(Book.class);

        assertThat(first).isEqualTo(second).extracting(Book::title).isEqualTo("Design Patterns");
        assertThat(repository.reads() - before).isEqualTo(1);
        assertThat(jcacheManager.getCache("books").get(GAMMA)).isEqualTo(first);
    }

    @Test
    void cachePutUpdatesTheCacheAndCacheRemoveEvicts() {
        Book revised = new Book(GAMMA, "Design Patterns (revised)", "Gamma", 1995);
        http.put().uri("/books/{isbn}", GAMMA).body(revised).retrieve().toBodilessEntity();
        int before = repository.reads();
        assertThat(service.find(GAMMA)).isEqualTo(revised);
        assertThat(repository.reads()).as("answered by the cache").isEqualTo(before);

        http.delete().uri("/books/{isbn}", GAMMA).retrieve().toBodilessEntity();
        assertThat(jcacheManager.getCache("books").containsKey(GAMMA)).isFalse();
        repository.save(new Book(GAMMA, "Design Patterns", "Gamma", 1994));
    }

    @Test
    void cacheRemoveAllEvictsEverything() {
        service.find(GAMMA);
        service.find(BLOCH);
        assertThat(jcacheManager.getCache("books").iterator()).hasNext();

        service.evictAll();

        assertThat(jcacheManager.getCache("books").iterator()).isExhausted();
    }

    @Test
    void cacheableWithSyncComputesOnceThroughInvoke() {
        int before = repository.reads();
        assertThat(http.get().uri("/books/authors/{author}/count", "Bloch").retrieve().body(Long.class)).isEqualTo(2);
        assertThat(service.countByAuthor("Bloch")).isEqualTo(2);
        assertThat(repository.reads() - before).isEqualTo(1);
        assertThat(jcacheManager.getCache("authors").get("Bloch")).isEqualTo(2L);
    }

    @Test
    void theIndexQueryEndpointReturnsTheCachedBooksOfOneAuthor() {
        service.find(GAMMA);
        service.find(BLOCH);
        service.find(BLOCH_2ND);

        List<Book> bloch = http.get().uri("/books/cached?author={author}", "Bloch").retrieve()
                .body(new ParameterizedTypeReference<List<Book>>() { });

        assertThat(bloch).extracting(Book::isbn).containsExactly(BLOCH, BLOCH_2ND);
    }

    @Test
    void actuatorListsTheCachesAndMicrometerHasTheirMetrics() {
        service.find(GAMMA);
        service.find(GAMMA);

        Map<String, Object> caches = http.get().uri("/actuator/caches").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(caches).extractingByKey("cacheManagers").asString().contains("books", "authors");

        Map<String, Object> gets = http.get().uri("/actuator/metrics/cache.gets?tag=cache:books&tag=result:hit")
                .retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(gets).extractingByKey("measurements").asString().contains("value");
        assertThat(gets.toString()).doesNotContain("value=0.0");

        Map<String, Object> metrics = http.get().uri("/actuator/metrics").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(metrics).extractingByKey("names").asString().contains("cache.gets", "cache.puts");
    }

    @SuppressWarnings("unchecked") // unwrap takes a raw class; a docstore cache is a DocumentCache of its own types
    private static <K, V> DocumentCache<K, V> documents(Cache<K, V> cache) {
        return cache.unwrap(DocumentCache.class);
    }

    @SuppressWarnings("unchecked") // getConfiguration takes a raw class; every docstore cache has this configuration
    private static DocstoreConfiguration<?, ?> configuration(Cache<?, ?> cache) {
        return cache.getConfiguration(DocstoreConfiguration.class);
    }
}
