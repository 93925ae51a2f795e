/**
 * Indexes and queries over a {@link dev.docstore.engine.DocumentStore}: ordered indexes on one or more field paths,
 * exact, prefix and range scans, and a query builder that picks an index.
 *
 * <p>{@link dev.docstore.index.Indexes} is the entry point; {@link dev.docstore.index.ValueOrder} is the one order of
 * document values every index and query uses. Indexes are kept exact from inside the store's write path (through
 * {@link dev.docstore.engine.WriteObserver}), and every query reads one snapshot.
 */
package dev.docstore.index;
