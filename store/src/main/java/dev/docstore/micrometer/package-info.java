/**
 * Micrometer support: {@link dev.docstore.micrometer.DocstoreCacheMetrics}, a {@code MeterBinder} that publishes a
 * docstore cache's store figures and per-index figures, and {@link dev.docstore.micrometer.DocstoreJCacheMetrics},
 * which publishes the {@code cache.*} meters of Micrometer's {@code JCacheMetrics} from the cache's statistics
 * directly. {@code JCacheMetrics} itself needs nothing from here (it reads the spec's statistics MXBean, which docstore
 * registers for caches with statistics enabled) but refuses a cache whose name holds {@code =}, {@code ,} or a line
 * break.
 *
 * <p>{@code micrometer-core} is an optional dependency: only this package refers to it, so applications without
 * Micrometer never load it.
 */
package dev.docstore.micrometer;
