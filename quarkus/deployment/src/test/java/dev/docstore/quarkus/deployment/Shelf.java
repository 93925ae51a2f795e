package dev.docstore.quarkus.deployment;

import dev.docstore.jcache.DocumentCache;
import dev.docstore.quarkus.DocstoreCache;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Map;
import javax.cache.Cache;

/**
 * A bean with the injection points the extension serves: {@code @DocstoreCache} fields with and without
 * {@code @Inject}, and a constructor parameter.
 */
@Singleton
public class Shelf {
    @DocstoreCache("books")
    DocumentCache<String, Map<String, Object>> books;

    @Inject
    @DocstoreCache("books")
    Cache<String, Map<String, Object>> booksAsJCache;

    final DocumentCache<String, Object> loans;

    @Inject
    Shelf(@DocstoreCache("loans") DocumentCache<String, Object> loans) {
        this.loans = loans;
    }
}
