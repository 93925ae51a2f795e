package dev.docstore.examples.boot;

/**
 * A book. Immutable, so the store-by-value {@code books} cache keeps it without copying, and its {@code author}
 * property is what the {@code byAuthor} index reads.
 *
 * @param isbn   the key
 * @param title  the title
 * @param author the author
 * @param year   the year of publication
 */
public record Book(String isbn, String title, String author, int year) {
}
