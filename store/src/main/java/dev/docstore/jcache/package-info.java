/**
 * The JCache (JSR-107 1.1.1) provider: a thin adapter over the engine. Its public types are the API:
 * {@link dev.docstore.jcache.DocstoreCachingProvider} is found through {@code META-INF/services} and makes
 * {@link dev.docstore.jcache.DocstoreCacheManager}s; {@link dev.docstore.jcache.DocstoreCache} implements every
 * {@code Cache} method; {@link dev.docstore.jcache.DocstoreConfiguration} adds indexes, a
 * {@link dev.docstore.jcache.Copier} (by default {@link dev.docstore.jcache.SerializingCopier}), a clock and a bound
 * (a maximum size, or a maximum weight with a {@link dev.docstore.jcache.Weigher}, such as the built-in
 * {@link dev.docstore.jcache.EstimatedBytesWeigher}) and a {@link dev.docstore.jcache.WarmRestart} (a file the cache
 * is loaded from when created and saved to when closed and every interval; one that cannot be loaded fails the
 * cache's creation with a {@link dev.docstore.jcache.WarmRestartException}) to the spec's configuration;
 * {@link dev.docstore.jcache.DocumentCache} ({@code cache.unwrap(DocumentCache.class)}) is the index-aware extension,
 * which also reads a bounded cache's {@link dev.docstore.jcache.EvictionBound} and changes its maximum (refused with an
 * {@link dev.docstore.jcache.UnboundedCacheException} on a cache without one);
 * {@link dev.docstore.jcache.CacheStatistics}, {@link dev.docstore.jcache.CacheManagement} and
 * {@link dev.docstore.jcache.ManagerSettingsSource} are what management and the configuration file plug into.
 *
 * <p>Inside, {@code DocstoreCache} composes package-private parts: {@code KeyedWrites} (every single-key write, under
 * the key's lock, with {@code KeyedDecisions}), {@code BulkOperations}, {@code EntryProcessing}, {@code
 * CacheIntegration} (loader and writer), {@code DocumentCacheView}, {@code CacheTransfer} (export and import),
 * {@code CacheLifecycle} with, for a cache with a warm restart, {@code WarmRestartFile}, and, for a bounded cache,
 * {@code CacheBound} (the eviction policy and its {@code ReadBuffer}) with {@code Evictions}; {@code HeapEstimate} is
 * the built-in weigher's estimate, which reads plain objects through {@code PropertyFieldReader} as indexes do. They stay here because
 * they share the cache's internals. The concerns that need none of them live in sub-packages, public only so these
 * classes can use them and internal to the provider (not an API; they may change):
 * <ul>
 *   <li>{@link dev.docstore.jcache.event}: delivering events to listeners;</li>
 *   <li>{@link dev.docstore.jcache.expiry}: expiry times from the expiry policy, and what an expiring entry stores;</li>
 *   <li>{@link dev.docstore.jcache.copy}: store-by-value, freezing, sharing or copying keys and values.</li>
 * </ul>
 */
package dev.docstore.jcache;
