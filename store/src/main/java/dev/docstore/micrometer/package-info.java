/**
 * Micrometer support: {@link dev.docstore.micrometer.DocstoreCacheMetrics}, a {@code MeterBinder} that publishes a
 * docstore cache's store figures and per-index figures. Micrometer's own {@code JCacheMetrics} needs nothing from here:
 * it reads the spec's statistics MXBean, which docstore registers for caches with statistics enabled.
 *
 * <p>{@code micrometer-core} is an optional dependency: only this package refers to it, so applications without
 * Micrometer never load it.
 */
package dev.docstore.micrometer;
