package dev.docstore.examples.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The slow source the caches spare: an in-memory catalogue that counts its reads, so tests can tell a cached answer
 * from a fresh one. Thread-safe.
 */
@ApplicationScoped
public class BookRepository {
    private final Map<String, Book> books = new ConcurrentHashMap<>(Map.of(
            "978-0201633610", new Book("978-0201633610", "Design Patterns", "Gamma", 1994),
            "978-0134685991", new Book("978-0134685991", "Effective Java", "Bloch", 2018),
            "978-0321356680", new Book("978-0321356680", "Effective Java (2nd edition)", "Bloch", 2008)));
    private final AtomicInteger reads = new AtomicInteger();

    public Book load(String isbn) {
        reads.incrementAndGet();
        return books.get(isbn);
    }

    public long countByAuthor(String author) {
        reads.incrementAndGet();
        return books.values().stream().filter(book -> book.author().equals(author)).count();
    }

    public void save(Book book) {
        books.put(book.isbn(), book);
    }

    /** How many times the catalogue was read. */
    public int reads() {
        return reads.get();
    }
}
