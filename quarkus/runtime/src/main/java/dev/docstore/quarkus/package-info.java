/**
 * docstore in Quarkus, the application's side: {@link dev.docstore.quarkus.DocstoreCache}, the qualifier that injects
 * a named cache (as a {@code javax.cache.Cache} or a {@link dev.docstore.jcache.DocumentCache}), and
 * {@link dev.docstore.quarkus.DocstoreQuarkusCache}, what {@code io.quarkus.cache.Cache#as} returns for a quarkus-cache
 * cache kept by docstore ({@code quarkus.cache.type=docstore}). Everything else of the extension is in
 * {@code dev.docstore.quarkus.runtime} and is not meant to be called by applications.
 */
package dev.docstore.quarkus;
