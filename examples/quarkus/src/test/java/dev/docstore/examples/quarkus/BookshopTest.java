package dev.docstore.examples.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.index.IndexInfo;
import dev.docstore.jcache.DocstoreCacheManager;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bookshop on docstore caches: {@code @CacheResult} (blocking and {@code Uni}), invalidation of one key and of
 * all, the index query over REST, and the caches' statistics on {@code /q/metrics}.
 */
@QuarkusTest
class BookshopTest {
    private static final String GAMMA = "978-0201633610";
    private static final String BLOCH = "978-0134685991";
    private static final String BLOCH_2ND = "978-0321356680";

    @Inject
    CacheManager jcacheManager;
    @Inject
    BookService service;
    @Inject
    BookRepository repository;

    @BeforeEach
    void startEmpty() {
        service.evictAll();
        jcacheManager.getCache("authors").clear();
    }

    @Test
    void theCachesAreDocstoreCachesFromTheFileAndTheProperties() {
        assertThat(jcacheManager).isInstanceOf(DocstoreCacheManager.class);
        assertThat(jcacheManager.getURI()).isEqualTo(URI.create("classpath:docstore.yaml"));
        Cache<String, Book> books = jcacheManager.getCache("books");
        assertThat(documents(books).indexes()).extracting(IndexInfo::name)
                .containsExactlyInAnyOrder("byAuthor", "byYear");
    }

    @Test
    void theAuthorsCacheIsBoundedByItsPropertyAndEvictsBeyondIt() {
        Cache<Object, Object> authors = jcacheManager.getCache("authors");
        assertThat(configuration(authors).getMaximumSize()).hasValue(500);

        for (long i = 0; i < 520; i++) {
            authors.put("author-" + i, i);
        }

        assertThat(StreamSupport.stream(authors.spliterator(), false).count()).isEqualTo(500);
    }

    @Test
    void cacheResultAnswersTheSecondCallFromTheCache() {
        int before = repository.reads();

        Book first = given().get("/books/{isbn}", GAMMA).then().statusCode(200).extract().as(Book.class);
        Book second = given().get("/books/{isbn}", GAMMA).then().statusCode(200).extract().as(Book.class);

        assertThat(first).isEqualTo(second).extracting(Book::title).isEqualTo("Design Patterns");
        assertThat(repository.reads() - before).isEqualTo(1);
        assertThat(jcacheManager.getCache("books").get(GAMMA)).isEqualTo(first);
    }

    @Test
    void puttingABookInvalidatesItsCachedCopy() {
        service.find(GAMMA);
        Book revised = new Book(GAMMA, "Design Patterns (revised)", "Gamma", 1995);

        given().contentType(ContentType.JSON).body(revised).put("/books/{isbn}", GAMMA).then().statusCode(204);

        assertThat(jcacheManager.getCache("books").containsKey(GAMMA)).isFalse();
        assertThat(given().get("/books/{isbn}", GAMMA).then().extract().as(Book.class)).isEqualTo(revised);
        repository.save(new Book(GAMMA, "Design Patterns", "Gamma", 1994));
    }

    @Test
    void evictingAllEmptiesTheCache() {
        service.find(GAMMA);
        service.find(BLOCH);

        given().delete("/books/cache").then().statusCode(204);

        assertThat(jcacheManager.getCache("books").iterator()).isExhausted();
    }

    @Test
    void theIndexQueryEndpointReturnsTheCachedBooksOfOneAuthor() {
        service.find(GAMMA);
        service.find(BLOCH);
        service.find(BLOCH_2ND);

        List<Book> bloch = List.of(given().queryParam("author", "Bloch").get("/books/cached")
                .then().statusCode(200).extract().as(Book[].class));

        assertThat(bloch).extracting(Book::isbn).containsExactly(BLOCH, BLOCH_2ND);
    }

    @Test
    void aUniResultIsCachedToo() {
        int before = repository.reads();

        assertThat(given().get("/books/authors/{author}/count", "Bloch").then().statusCode(200).extract().asString())
                .isEqualTo("2");
        assertThat(service.countByAuthor("Bloch").await().indefinitely()).isEqualTo(2);

        assertThat(repository.reads() - before).isEqualTo(1);
        assertThat(jcacheManager.getCache("authors").get("Bloch")).isEqualTo(2L);
    }

    @Test
    void theCachesStatisticsAreMicrometerMeters() {
        service.find(GAMMA);
        service.find(GAMMA);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();

        assertThat(metrics).containsPattern("cache_gets_total\\{[^}]*cache=\"books\"[^}]*result=\"hit\"[^}]*} [1-9]")
                .contains("docstore_cache_documents{", "docstore_index_entries{");
    }

    @SuppressWarnings("unchecked") // getConfiguration takes a class literal, which cannot carry type arguments
    private static DocstoreConfiguration<Object, Object> configuration(Cache<Object, Object> cache) {
        return cache.getConfiguration(DocstoreConfiguration.class);
    }

    @SuppressWarnings("unchecked") // unwrap takes a raw class; a docstore cache is a DocumentCache of its own types
    private static <K, V> DocumentCache<K, V> documents(Cache<K, V> cache) {
        return cache.unwrap(DocumentCache.class);
    }
}
