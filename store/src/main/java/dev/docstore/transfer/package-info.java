/**
 * Export and import of a cache's documents as JSON Lines: the file format ({@link JsonLines}), the typed encoding of
 * values that keeps their Java types through a round trip ({@link ValueCodec}), the writer and reader of files
 * ({@link ExportWriter}, {@link ImportReader}), files replaced atomically ({@link AtomicFiles}), and what callers
 * choose and get back ({@link ImportOptions}, {@link ImportReport}, {@link ImportException}).
 *
 * <p>This package knows nothing of JCache or JMX: the cache ({@code dev.docstore.jcache}) feeds the writer from one
 * snapshot and applies what the reader gives it through its own write path.
 */
package dev.docstore.transfer;
