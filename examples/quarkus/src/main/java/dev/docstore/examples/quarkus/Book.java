package dev.docstore.examples.quarkus;

/** A book: an immutable record, so docstore shares it between readers instead of copying it. */
public record Book(String isbn, String title, String author, int year) {
}
