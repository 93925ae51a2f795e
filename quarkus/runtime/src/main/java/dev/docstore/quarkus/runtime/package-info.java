/**
 * The extension's runtime machinery, used by the code Quarkus generates at build time rather than by applications:
 * {@link dev.docstore.quarkus.runtime.DocstoreConfig} ({@code quarkus.docstore.*}), the recorder, the cache manager
 * holder {@link dev.docstore.quarkus.runtime.DocstoreCaches}, the quarkus-cache backend, the CDI producers and the
 * Micrometer binding.
 */
package dev.docstore.quarkus.runtime;
