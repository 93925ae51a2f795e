package dev.docstore.quarkus.runtime;

import dev.docstore.jcache.DocumentCache;
import dev.docstore.quarkus.DocstoreCache;
import jakarta.enterprise.inject.Produces;
import jakarta.enterprise.inject.spi.InjectionPoint;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * The CDI beans of docstore: the application's {@link CacheManager}, and for {@link DocstoreCache @DocstoreCache}
 * injection points the named cache as a {@link Cache} or a {@link DocumentCache}.
 *
 * <p>Thread-safe: stateless; {@link DocstoreCaches} serialises cache creation.
 */
@Singleton
public class DocstoreProducers {
    /** The application's docstore cache manager; it closes when the application stops. */
    @Produces
    @Singleton
    CacheManager cacheManager(DocstoreCaches caches) {
        return caches.manager();
    }

    /** The cache an {@code @DocstoreCache("name") Cache<K, V>} injection point names. */
    @Produces
    @DocstoreCache("")
    <K, V> Cache<K, V> cache(InjectionPoint injectionPoint, DocstoreCaches caches) {
        return cast(caches.cache(name(injectionPoint)));
    }

    /** The cache an {@code @DocstoreCache("name") DocumentCache<K, V>} injection point names, as a document cache. */
    @Produces
    @DocstoreCache("")
    <K, V> DocumentCache<K, V> documents(InjectionPoint injectionPoint, DocstoreCaches caches) {
        Cache<K, V> cache = cast(caches.cache(name(injectionPoint)));
        return documentsOf(cache);
    }

    private static String name(InjectionPoint injectionPoint) {
        for (Annotation qualifier : injectionPoint.getQualifiers()) {
            if (qualifier instanceof DocstoreCache named) {
                return named.value();
            }
        }
        throw new IllegalStateException("no @DocstoreCache on " + injectionPoint);
    }

    @SuppressWarnings("unchecked") // the injection point's type arguments are the application's claim, as with getCache
    private static <K, V> Cache<K, V> cast(Cache<?, ?> cache) {
        return (Cache<K, V>) cache;
    }

    @SuppressWarnings("unchecked") // unwrap takes a raw class; a docstore cache is a DocumentCache of its own types
    private static <K, V> DocumentCache<K, V> documentsOf(Cache<K, V> cache) {
        return cache.unwrap(DocumentCache.class);
    }
}
