/**
 * docstore's cluster provider: JCache caches whose entries are Hazelcast {@code IMap}s, partitioned over the members
 * of a cluster with backups, with docstore's {@code DocumentCache} queries reached by {@code unwrap}.
 *
 * <p>{@link dev.docstore.cluster.ClusterCachingProvider} makes {@link dev.docstore.cluster.ClusterCacheManager}s on a
 * {@link dev.docstore.cluster.ClusterConnection} (embedded members or a client, from
 * {@link dev.docstore.cluster.ClusterSettings} read by {@link dev.docstore.cluster.ClusterProperties}), or on a
 * Hazelcast instance the application runs. A {@link dev.docstore.cluster.ClusterCache} keeps each entry as a
 * {@link dev.docstore.cluster.StoredEntry} (value, per-key version, expiry time) in the map that
 * {@link dev.docstore.cluster.ClusterMaps} declares; it composes package-private parts: {@code ClusterWrites} (single-key
 * operations under the key's cluster-wide lock, blind puts as one entry processor on the key's partition, with
 * {@code KeyedDecisions}), {@code ClusterBulk}, {@code ClusterProcessing} (entry processors),
 * {@code ClusterCacheIterator} and {@code ValueIsolation} (values copied through Hazelcast's serialization, so what
 * cannot serialize is refused before anything is written). Loaders, writers, expiry policies, listeners and entry
 * processors run in the JVM that called, as the store's {@code CacheIntegration}, {@code ExpiryRules} and
 * {@code EventDispatcher} do for a local cache.
 *
 * <p>What a cluster cannot do (a bound by weight, a warm-restart file, unique indexes, dropping an index, snapshots)
 * is refused with a {@link dev.docstore.cluster.ClusterUnsupportedException} that says why, before anything changes.
 * The query side lives in {@link dev.docstore.cluster.query}.
 */
package dev.docstore.cluster;
