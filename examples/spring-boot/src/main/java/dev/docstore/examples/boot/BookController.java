package dev.docstore.examples.boot;

import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The bookshop over HTTP. */
@RestController
@RequestMapping("/books")
public class BookController {
    private final BookService books;

    public BookController(BookService books) {
        this.books = books;
    }

    @GetMapping("/{isbn}")
    public ResponseEntity<Book> find(@PathVariable String isbn) {
        Book book = books.find(isbn);
        return book == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(book);
    }

    @PutMapping("/{isbn}")
    public void save(@PathVariable String isbn, @RequestBody Book book) {
        books.save(isbn, book);
    }

    @DeleteMapping("/{isbn}")
    public void remove(@PathVariable String isbn) {
        books.remove(isbn);
    }

    /** The books in the cache by one author: an index query, not a scan. */
    @GetMapping(value = "/cached", params = "author")
    public List<Book> cachedByAuthor(@RequestParam String author) {
        return books.cachedByAuthor(author);
    }

    @GetMapping("/authors/{author}/count")
    public long countByAuthor(@PathVariable String author) {
        return books.countByAuthor(author);
    }
}
