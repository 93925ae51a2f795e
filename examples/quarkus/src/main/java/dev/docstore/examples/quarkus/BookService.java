package dev.docstore.examples.quarkus;

import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocumentCache;
import dev.docstore.quarkus.DocstoreCache;
import io.quarkus.cache.CacheInvalidate;
import io.quarkus.cache.CacheInvalidateAll;
import io.quarkus.cache.CacheKey;
import io.quarkus.cache.CacheResult;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.List;

/**
 * The bookshop's service layer. Quarkus's cache annotations run on docstore caches ({@code quarkus.cache.type=docstore}
 * in {@code application.properties}); the cached books are also queried through their index.
 */
@ApplicationScoped
public class BookService {
    private final BookRepository repository;
    private final DocumentCache<String, Book> books;

    public BookService(BookRepository repository, @DocstoreCache("books") DocumentCache<String, Book> books) {
        this.repository = repository;
        this.books = books;
    }

    @CacheResult(cacheName = "books")
    public Book find(String isbn) {
        return repository.load(isbn);
    }

    @CacheInvalidate(cacheName = "books")
    public void save(@CacheKey String isbn, Book book) {
        repository.save(book);
    }

    @CacheInvalidateAll(cacheName = "books")
    public void evictAll() {
    }

    @CacheResult(cacheName = "authors")
    public Uni<Long> countByAuthor(String author) {
        return Uni.createFrom().item(() -> repository.countByAuthor(author));
    }

    /** The cached books by {@code author}, answered by the {@code byAuthor} index of the {@code books} cache. */
    public List<Book> cachedByAuthor(String author) {
        return books.lookup("byAuthor", author).stream()
                .map(DocstoreCacheEntry::getValue)
                .sorted(Comparator.comparing(Book::isbn))
                .toList();
    }
}
