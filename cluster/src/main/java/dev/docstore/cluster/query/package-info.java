/**
 * docstore's {@link dev.docstore.jcache.DocumentCache} on a cluster cache: index definitions kept cluster-wide in an
 * {@code IMap} beside the cache's map, Hazelcast SORTED indexes on the {@code doc[...]} attributes that
 * {@link dev.docstore.cluster.query.DocumentExtractor} exposes, and look-ups, scans and queries that let the members
 * narrow the candidates with predicates and then order, page and check them in the calling JVM exactly as the local
 * store's indexes would, so both providers return the same entries in the same order.
 */
package dev.docstore.cluster.query;
