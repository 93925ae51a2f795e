package dev.docstore.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One JMH result of run number {@code run}: its score with JMH's 99.9% confidence interval, the raw score of every
 * measured iteration of every fork (what the ratio intervals are computed from), and bytes allocated per operation.
 */
record Row(int run, String className, String method, Map<String, String> params, String mode, double score,
           double scoreLow, double scoreHigh, String unit, double[][] raw, double bytesPerOp) {

    /** The rows of one run's JMH JSON. */
    static List<Row> read(int run, JsonNode results) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : results) {
            String benchmark = result.get("benchmark").asText();
            String simple = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            Map<String, String> params = new LinkedHashMap<>();
            result.path("params").properties().forEach(param -> params.put(param.getKey(), param.getValue().asText()));
            JsonNode primary = result.get("primaryMetric");
            JsonNode confidence = primary.path("scoreConfidence");
            rows.add(new Row(run, simple.substring(0, simple.indexOf('.')), simple.substring(simple.indexOf('.') + 1),
                    params, result.get("mode").asText(), primary.get("score").asDouble(),
                    confidence.path(0).asDouble(Double.NaN), confidence.path(1).asDouble(Double.NaN),
                    primary.get("scoreUnit").asText(), raw(primary.path("rawData")), bytesPerOp(result)));
        }
        return rows;
    }

    /** {@code rawData}: one array per fork of the score of each measured iteration. */
    private static double[][] raw(JsonNode forks) {
        double[][] raw = new double[forks.size()][];
        for (int fork = 0; fork < raw.length; fork++) {
            JsonNode iterations = forks.get(fork);
            raw[fork] = new double[iterations.size()];
            for (int iteration = 0; iteration < raw[fork].length; iteration++) {
                raw[fork][iteration] = iterations.get(iteration).asDouble();
            }
        }
        return raw;
    }

    private static double bytesPerOp(JsonNode result) {
        for (Map.Entry<String, JsonNode> metric : result.path("secondaryMetrics").properties()) {
            if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
                return metric.getValue().get("score").asDouble();
            }
        }
        return Double.NaN;
    }

    /** Higher is better: throughput, or any score in a time unit turned upside down by the caller. */
    boolean isThroughput() {
        return "thrpt".equals(mode);
    }

    String label() {
        return params.isEmpty() ? className + "." + method : className + "." + method + " " + params.values();
    }
}
