/**
 * JMH benchmarks. Each compares docstore with a ceiling or an anchor in the same run, so results are read as ratios
 * (this machine class is shared and noisy). Every benchmark checks its answers during setup.
 */
package dev.docstore.benchmarks;
