/**
 * Turns JMH's JSON results into a Markdown report and an SVG chart of ratios to the ceiling measured in the same run,
 * each with a confidence interval bootstrapped from the raw iteration scores.
 */
package dev.docstore.benchmarks.report;
