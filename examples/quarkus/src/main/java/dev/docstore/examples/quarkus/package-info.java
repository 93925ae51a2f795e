/**
 * A small Quarkus bookshop whose quarkus-cache caches are docstore caches: {@code BookService} caches with
 * {@code @CacheResult} and queries the cached books through the {@code byAuthor} index of an injected
 * {@code DocumentCache}; {@code BookResource} serves it over HTTP. {@code docstore.yaml} and
 * {@code application.properties} configure the caches.
 */
package dev.docstore.examples.quarkus;
