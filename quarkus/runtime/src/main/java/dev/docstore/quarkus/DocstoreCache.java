package dev.docstore.quarkus;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.enterprise.util.Nonbinding;
import jakarta.inject.Qualifier;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Injects the docstore cache with this name from the application's {@code javax.cache.CacheManager}, as a
 * {@code javax.cache.Cache<K, V>} or a {@link dev.docstore.jcache.DocumentCache DocumentCache<K, V>}:
 * <pre>{@code
 * @Inject @DocstoreCache("books") DocumentCache<String, Book> books;
 * }</pre>
 * A name the configuration file does not define is created at startup like the caches of {@code @CacheResult}
 * methods, with the settings {@code quarkus.docstore.*} gives it. The type arguments are not checked against the
 * cache's configured key and value types, as with {@code CacheManager.getCache(name)}.
 */
@Qualifier
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER})
public @interface DocstoreCache {
    /** The cache's name. */
    @Nonbinding
    String value();
}
