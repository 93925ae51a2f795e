package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.jcache.DocstoreCacheManager;
import dev.docstore.quarkus.DocstoreQuarkusCache;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CompositeCacheKey;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import java.util.Map;
import javax.cache.CacheManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.cache.type=docstore}: quarkus-cache's annotations run on docstore caches. */
class DocstoreBackendTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Library.class))
            .overrideConfigKey("quarkus.cache.type", "docstore");

    @Inject
    Library library;
    @Inject
    CacheManager jcacheManager;
    @CacheName("books")
    Cache books;

    @BeforeEach
    void startEmpty() {
        library.forgetAll();
        library.titleCalls.set(0);
    }

    @Test
    void cacheResultLoadsOnceIntoTheDocstoreCacheOfTheSameName() {
        Map<String, Object> first = library.book("a-1");
        Map<String, Object> second = library.book("a-1");

        assertThat(second).isSameAs(first);
        assertThat(library.titleCalls).hasValue(1);
        assertThat(jcacheManager).isInstanceOf(DocstoreCacheManager.class);
        assertThat(jcacheManager.getCache("books").get("a-1")).isSameAs(first);
    }

    @Test
    void theQuarkusCacheIsADocstoreCache() {
        DocstoreQuarkusCache docstore = books.as(DocstoreQuarkusCache.class);

        assertThat(docstore.getName()).isEqualTo("books");
        assertThat(docstore.jcache()).isSameAs(jcacheManager.getCache("books"));
    }

    @Test
    void cacheInvalidateRemovesOneKeyAndCacheInvalidateAllEveryKey() {
        library.book("a-1");
        library.book("a-2");

        library.forget("a-1");
        assertThat(jcacheManager.getCache("books").containsKey("a-1")).isFalse();
        assertThat(jcacheManager.getCache("books").containsKey("a-2")).isTrue();

        library.forgetAll();
        assertThat(jcacheManager.getCache("books").iterator()).isExhausted();
        library.book("a-2");
        assertThat(library.titleCalls).hasValue(3);
    }

    @Test
    void severalKeyParametersMakeACompositeKeyAndNoneTheDefaultKey() {
        assertThat(library.shelf("east", 3)).isEqualTo("east/3");
        assertThat(library.shelf("east", 3)).isEqualTo("east/3");
        assertThat(library.catalogue()).isEqualTo(library.catalogue());

        assertThat(library.shelfCalls).hasValue(1);
        assertThat(library.catalogueCalls).hasValue(1);
        assertThat(jcacheManager.getCache("books").containsKey(new CompositeCacheKey("east", 3))).isTrue();
    }

    @Test
    void nullResultsAreCachedAndExceptionsAreNot() {
        assertThat(library.missing("z-1")).isNull();
        assertThat(library.missing("z-1")).isNull();
        assertThat(library.missingCalls).hasValue(1);

        assertThatThrownBy(() -> library.failing("z-2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no book z-2");
        assertThat(jcacheManager.getCache("books").containsKey("z-2")).isFalse();
    }

    @Test
    void theProgrammaticApiWorksOnTheSameCache() {
        String value = books.get("p-1", key -> "programmatic").await().indefinitely();
        books.invalidateIf(key -> "a-1".equals(key)).await().indefinitely();

        assertThat(value).isEqualTo("programmatic");
        assertThat(jcacheManager.getCache("books").get("p-1")).isEqualTo("programmatic");
    }
}
