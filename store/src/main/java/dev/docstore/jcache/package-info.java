/**
 * The JCache (JSR-107 1.1.1) provider: a thin adapter over the engine. {@link dev.docstore.jcache.DocstoreCachingProvider}
 * is found through {@code META-INF/services}; {@link dev.docstore.jcache.DocstoreCache} implements every
 * {@code Cache} method; {@link dev.docstore.jcache.DocstoreConfiguration} adds indexes, a copier and a clock to the
 * spec's configuration; {@link dev.docstore.jcache.DocumentCache} ({@code cache.unwrap(DocumentCache.class)}) is the
 * index-aware extension.
 */
package dev.docstore.jcache;
