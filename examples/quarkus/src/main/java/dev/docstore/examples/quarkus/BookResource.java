package dev.docstore.examples.quarkus;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;

/** The bookshop over HTTP: {@code /books/{isbn}}, the cached books of an author, and author counts. */
@Path("/books")
public class BookResource {
    private final BookService service;

    public BookResource(BookService service) {
        this.service = service;
    }

    @GET
    @Path("/{isbn}")
    public Book get(@PathParam("isbn") String isbn) {
        Book book = service.find(isbn);
        if (book == null) {
            throw new NotFoundException("no book " + isbn);
        }
        return book;
    }

    @PUT
    @Path("/{isbn}")
    public void put(@PathParam("isbn") String isbn, Book book) {
        service.save(isbn, book);
    }

    @DELETE
    @Path("/cache")
    public void evictAll() {
        service.evictAll();
    }

    @GET
    @Path("/cached")
    public List<Book> cachedByAuthor(@QueryParam("author") String author) {
        return service.cachedByAuthor(author);
    }

    @GET
    @Path("/authors/{author}/count")
    public Uni<Long> countByAuthor(@PathParam("author") String author) {
        return service.countByAuthor(author);
    }
}
