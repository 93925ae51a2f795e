package dev.docstore.examples.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.docstore.jcache.DocstoreCacheManager;
import dev.docstore.jcache.DocstoreCachingProvider;
import java.util.List;
import java.util.stream.StreamSupport;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The bookshop with a second JCache provider on the class path (the JSR-107 reference implementation, added by the
 * {@code two-providers} execution in the pom, which runs only the tests tagged so): without {@code spring.cache.jcache.provider} Boot's JCache
 * configuration backs off silently, so there is no cache manager and startup fails when the bookshop's service asks
 * for one; naming docstore's provider brings the bookshop up on docstore.
 */
@Tag("two-providers")
class TwoProvidersTest {
    @Test
    void bothProvidersAreOnTheClassPath() {
        List<String> providers = StreamSupport.stream(Caching.getCachingProviders().spliterator(), false)
                .map(CachingProvider::getClass).map(Class::getName).toList();
        assertThat(providers).hasSize(2).contains(DocstoreCachingProvider.class.getName());
    }

    @Test
    void withoutTheProviderPropertyBootBacksOffAndStartupFails() {
        Throwable failure = catchThrowable(() -> bookshop().run().close());

        // Boot defines no JCache manager, hence no Spring CacheManager, which the bookshop's service needs
        assertThat(rootCause(failure)).isInstanceOfSatisfying(NoSuchBeanDefinitionException.class, missing ->
                assertThat(missing.getBeanType()).isEqualTo(org.springframework.cache.CacheManager.class));
    }

    @Test
    void withTheProviderPropertyDocstoreIsUsed() {
        try (ConfigurableApplicationContext context = bookshop()
                .properties("spring.cache.jcache.provider=" + DocstoreCachingProvider.class.getName()).run()) {
            CacheManager manager = context.getBean(CacheManager.class);
            assertThat(manager).isInstanceOf(DocstoreCacheManager.class);
            assertThat(manager.getCacheNames()).contains("books", "authors");

            BookService service = context.getBean(BookService.class);
            BookRepository repository = context.getBean(BookRepository.class);
            int before = repository.reads();
            service.find("978-0134685991");
            service.find("978-0134685991");
            assertThat(repository.reads() - before).isEqualTo(1);
        }
    }

    private static SpringApplicationBuilder bookshop() {
        return new SpringApplicationBuilder(BookshopApplication.class).web(WebApplicationType.NONE);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
