package dev.docstore.examples.boot;

import dev.docstore.jcache.DocstoreCacheEntry;
import dev.docstore.jcache.DocumentCache;
import java.util.Comparator;
import java.util.List;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheRemoveAll;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * The bookshop's service layer. Reads go through the {@code books} cache with the JSR-107 annotations, which Spring
 * honours because {@code cache-api} is on the class path; the author counts use Spring's own {@code @Cacheable}.
 */
@Service
public class BookService {
    private final BookRepository repository;
    private final CacheManager cacheManager;

    public BookService(BookRepository repository, CacheManager cacheManager) {
        this.repository = repository;
        this.cacheManager = cacheManager;
    }

    @CacheResult(cacheName = "books")
    public Book find(String isbn) {
        return repository.load(isbn);
    }

    @CachePut(cacheName = "books")
    public void save(String isbn, @CacheValue Book book) {
        repository.save(book);
    }

    @CacheRemove(cacheName = "books")
    public void remove(String isbn) {
        repository.delete(isbn);
    }

    @CacheRemoveAll(cacheName = "books")
    public void evictAll() {
    }

    @Cacheable(cacheNames = "authors", sync = true)
    public long countByAuthor(String author) {
        return repository.countByAuthor(author);
    }

    /** The cached books by {@code author}, answered by the {@code byAuthor} index of the {@code books} cache. */
    public List<Book> cachedByAuthor(String author) {
        Cache books = cacheManager.getCache("books");
        javax.cache.Cache<?, ?> jcache = (javax.cache.Cache<?, ?>) books.getNativeCache();
        DocumentCache<?, ?> documents = jcache.unwrap(DocumentCache.class);
        return documents.lookup("byAuthor", author).stream()
                .map(DocstoreCacheEntry::getValue)
                .map(Book.class::cast)
                .sorted(Comparator.comparing(Book::isbn))
                .toList();
    }
}
