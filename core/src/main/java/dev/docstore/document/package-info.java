/**
 * Documents: trees of {@code Map<String, Object>} and {@code List<Object>} over a fixed set of leaf types, frozen into
 * deeply immutable copies before the store keeps them.
 *
 * <p>{@link dev.docstore.document.Documents#freeze(Object)} is the only way in. A frozen tree is recognised again, so
 * writing back a document that was read costs nothing. The leaf types and the reasons a value is refused are listed on
 * {@link dev.docstore.document.Documents}.
 */
package dev.docstore.document;
