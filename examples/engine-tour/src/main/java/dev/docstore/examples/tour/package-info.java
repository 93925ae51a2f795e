/** A runnable tour of the engine alone, on docstore-core: documents, versions, snapshots and indexes, no JCache. */
package dev.docstore.examples.tour;
