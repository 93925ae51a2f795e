/** Turns JMH's JSON results into a Markdown table and an SVG chart of ratios to the ceiling measured in the same run. */
package dev.docstore.benchmarks.report;
