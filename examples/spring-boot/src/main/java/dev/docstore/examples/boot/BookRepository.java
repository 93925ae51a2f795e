package dev.docstore.examples.boot;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Repository;

/**
 * Stands in for a slow database: an in-memory table that counts how often it is read, so the tests can see which calls
 * the caches answered. Thread-safe.
 */
@Repository
public class BookRepository {
    private final Map<String, Book> table = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    public BookRepository() {
        save(new Book("978-0201633610", "Design Patterns", "Gamma", 1994));
        save(new Book("978-0134685991", "Effective Java", "Bloch", 2018));
        save(new Book("978-0321349606", "Java Concurrency in Practice", "Goetz", 2006));
        save(new Book("978-0321356680", "Effective Java, Second Edition", "Bloch", 2008));
    }

    public Book load(String isbn) {
        reads.incrementAndGet();
        return table.get(isbn);
    }

    public long countByAuthor(String author) {
        reads.incrementAndGet();
        return table.values().stream().filter(book -> book.author().equals(author)).count();
    }

    public void save(Book book) {
        table.put(book.isbn(), book);
    }

    public void delete(String isbn) {
        table.remove(isbn);
    }

    /** How many reads reached this table. */
    public int reads() {
        return reads.get();
    }
}
