package dev.docstore.jcache;

/**
 * Makes an independent copy of a key or value for store-by-value caches. Used only for values the cache cannot prove
 * immutable: documents and immutable values (strings, boxed primitives, {@code BigDecimal}/{@code BigInteger},
 * {@code UUID}, enums, the {@code java.time} values documents accept, records of such) are never copied.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface Copier {
    /**
     * Returns a copy of {@code value} that shares no mutable state with it.
     *
     * @param value       the value to copy, never null
     * @param classLoader the cache manager's class loader, for resolving classes of the copy
     * @throws javax.cache.CacheException if the value cannot be copied (it is not serialisable, say)
     */
    <T> T copy(T value, ClassLoader classLoader);
}
