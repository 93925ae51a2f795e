package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocstoreCacheManager;
import dev.docstore.quarkus.runtime.DocstoreCaches;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.Map;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * CDI: the JCache manager, and named caches through {@code @DocstoreCache} as a JCache {@code Cache} and as a
 * {@code DocumentCache}, whose index (from {@code application.properties}) answers a query.
 */
class InjectionTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Shelf.class))
            .overrideConfigKey("quarkus.docstore.caches.books.indexes.byAuthor.paths", "author");

    @Inject
    CacheManager jcacheManager;
    @Inject
    Shelf shelf;

    @Test
    void theManagerIsTheApplicationsDocstoreManager() {
        assertThat(jcacheManager).isInstanceOf(DocstoreCacheManager.class);
        assertThat(jcacheManager.getURI()).isEqualTo(DocstoreCaches.NO_FILE_URI);
        assertThat(jcacheManager.getCacheNames()).as("injection points declare their caches")
                .containsExactlyInAnyOrder("books", "loans");
    }

    @Test
    void bothViewsOfANamedCacheAreTheSameCache() {
        shelf.booksAsJCache.put("b-1", Map.of("author", "Bloch", "title", "Effective Java"));
        shelf.booksAsJCache.put("g-1", Map.of("author", "Gamma", "title", "Design Patterns"));

        assertThat(shelf.books.getName()).isEqualTo("books");
        assertThat(shelf.books.lookup("byAuthor", "Bloch")).extracting(DocstoreCacheEntry::getKey)
                .containsExactly("b-1");
        assertThat(jcacheManager.getCache("books")).isSameAs(shelf.booksAsJCache);
        assertThat(shelf.loans.getName()).isEqualTo("loans");
    }
}
