/**
 * JMH benchmarks. Each compares docstore with a ceiling or an anchor in the same run, so results are read as ratios
 * (this machine class is shared and noisy). Every benchmark checks its answers during setup.
 *
 * <p>The headline figures go through the public API, as users call it: {@link dev.docstore.benchmarks.JCacheBenchmark}
 * ({@code get}/{@code put}), {@link dev.docstore.benchmarks.IndexedUpdateBenchmark} (puts with indexes),
 * {@link dev.docstore.benchmarks.DocumentCacheQueryBenchmark} (queries through {@code DocumentCache}) and
 * {@link dev.docstore.benchmarks.StatisticsCostBenchmark}. {@code EngineBenchmark}, {@code IndexQueryBenchmark} and
 * {@code IndexWriteBenchmark} measure the engine alone, to tell its cost from the JCache layer's.
 */
package dev.docstore.benchmarks;
