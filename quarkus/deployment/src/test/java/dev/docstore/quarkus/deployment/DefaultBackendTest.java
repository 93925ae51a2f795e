package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.jcache.DocstoreCacheManager;
import dev.docstore.quarkus.DocstoreQuarkusCache;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the extension present but {@code quarkus.cache.type} unset, quarkus-cache keeps Caffeine: docstore is chosen
 * only when configured. The JCache manager is injectable all the same.
 */
class DefaultBackendTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Library.class));

    @Inject
    Library library;
    @Inject
    CacheManager jcacheManager;
    @CacheName("books")
    Cache books;

    @Test
    void quarkusCachesStayCaffeineCaches() {
        library.book("a-1");
        library.book("a-1");

        assertThat(library.titleCalls).hasValue(1);
        assertThat(books).isInstanceOf(CaffeineCache.class);
        assertThatThrownBy(() -> books.as(DocstoreQuarkusCache.class)).isInstanceOf(IllegalStateException.class);
        assertThat(jcacheManager).isInstanceOf(DocstoreCacheManager.class);
        assertThat(jcacheManager.getCacheNames()).doesNotContain("books");
    }
}
