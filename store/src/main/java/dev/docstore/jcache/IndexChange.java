package dev.docstore.jcache;

import dev.docstore.index.IndexInfo;

/**
 * An index of a cache was created, dropped or rebuilt.
 *
 * @param kind      what happened
 * @param cacheName the cache
 * @param index     the index's definition and figures after the change (before it, for a drop)
 * @param atMillis  when, on the system clock
 */
public record IndexChange(Kind kind, String cacheName, IndexInfo index, long atMillis) {
    /** What happened to the index. */
    public enum Kind { CREATED, DROPPED, REBUILT }
}
