/**
 * The engine: a concurrent, versioned store of immutable documents with point-in-time snapshots.
 *
 * <p>{@link dev.docstore.engine.DocumentStore} is the entry point; {@link dev.docstore.engine.Snapshot} and
 * {@link dev.docstore.engine.Cursor} read one consistent moment of it. Everything else public here is a value or an
 * error those return. The implementation ({@code VersionTable}, {@code Version}, {@code SnapshotRegistry}) is
 * package-private; ARCHITECTURE.md explains how it fits together.
 *
 * <p>This package knows nothing of JCache or JMX: an architecture test keeps it that way.
 */
package dev.docstore.engine;
