/** A runnable tour of docstore as a JCache provider: an indexed cache through {@code Caching}, then its queries. */
package dev.docstore.examples.jcache;
