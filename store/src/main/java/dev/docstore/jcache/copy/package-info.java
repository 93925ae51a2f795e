/**
 * Store-by-value: {@link dev.docstore.jcache.copy.ValueCopies} decides, for each key or value going in or out of a
 * cache, whether to freeze it (documents), share it (values proven immutable, decided here by {@code Immutables}) or
 * copy it with the configured {@link dev.docstore.jcache.Copier}.
 *
 * <p>Internal: part of the provider, not an API; may change. The API stays in {@code dev.docstore.jcache}: the
 * {@link dev.docstore.jcache.Copier} interface and its default, {@link dev.docstore.jcache.SerializingCopier}, named
 * through {@link dev.docstore.jcache.DocstoreConfiguration#setCopierFactory} and the configuration file.
 */
package dev.docstore.jcache.copy;
