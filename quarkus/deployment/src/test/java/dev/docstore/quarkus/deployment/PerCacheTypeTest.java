package dev.docstore.quarkus.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.quarkus.DocstoreQuarkusCache;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code quarkus.cache."books".type=docstore} puts one cache on docstore and leaves the others on Caffeine. */
class PerCacheTypeTest {
    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Library.class))
            .overrideConfigKey("quarkus.cache.\"books\".type", "docstore");

    @Inject
    CacheManager jcacheManager;
    @CacheName("books")
    Cache books;
    @CacheName("catalogue")
    Cache catalogue;

    @Test
    void onlyTheNamedCacheIsADocstoreCache() {
        assertThat(books.as(DocstoreQuarkusCache.class).jcache()).isSameAs(jcacheManager.getCache("books"));
        assertThat(catalogue).isInstanceOf(CaffeineCache.class);
        assertThat(jcacheManager.getCacheNames()).containsExactly("books");
    }
}
