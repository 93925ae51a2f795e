package dev.docstore.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a JMH JSON result file and writes a Markdown table and an SVG bar chart of each benchmark's score as a ratio
 * to its ceiling in the same run (higher is better: throughput over the ceiling's, or the ceiling's time over ours).
 *
 * <p>A benchmark's ceiling is the method {@link #CEILINGS} names in the same class whose parameters all appear, with
 * the same values, among the benchmark's own (so {@code JCacheBenchmark.get} with {@code distribution=zipf} is divided
 * by {@code JCacheBenchmark.mapGet} with {@code distribution=zipf}). Benchmarks without a ceiling are listed without
 * a ratio.
 *
 * <p>Usage: {@code Report results.json latest.md latest.svg [command line shown in the table's heading]}.
 */
public final class Report {
    /** Method name to the method name of its ceiling, within one benchmark class. */
    static final Map<String, String> CEILINGS = Map.of(
            "get", "mapGet",
            "put", "mapPut",
            "storeGet", "mapGet",
            "storePut", "mapPut",
            "docstoreExact", "ceilingExact",
            "docstoreRange", "ceilingRange",
            "h2Exact", "ceilingExact",
            "h2Range", "ceilingRange");

    private Report() {
    }

    /** One benchmark result. */
    record Row(String benchmark, String className, String method, Map<String, String> params, String mode,
               double score, double error, String unit, double bytesPerOp) {
        String label() {
            StringBuilder label = new StringBuilder(className + "." + method);
            if (!params.isEmpty()) {
                label.append(' ').append(params.values());
            }
            return label.toString();
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            throw new IllegalArgumentException("usage: Report results.json latest.md latest.svg [command]");
        }
        JsonNode results = new ObjectMapper().readTree(Path.of(args[0]).toFile());
        List<Row> rows = rows(results);
        if (rows.isEmpty()) {
            throw new IllegalStateException(args[0] + " holds no results");
        }
        Map<Row, Double> ratios = ratios(rows);
        String command = args.length > 3 ? args[3] : "";
        Files.writeString(Path.of(args[1]), markdown(rows, ratios, results.get(0), command), StandardCharsets.UTF_8);
        Files.writeString(Path.of(args[2]), svg(rows, ratios), StandardCharsets.UTF_8);
    }

    static List<Row> rows(JsonNode results) {
        List<Row> rows = new ArrayList<>();
        for (JsonNode result : results) {
            String benchmark = result.get("benchmark").asText();
            String simple = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            String className = simple.substring(0, simple.indexOf('.'));
            String method = simple.substring(simple.indexOf('.') + 1);
            Map<String, String> params = new LinkedHashMap<>();
            JsonNode paramsNode = result.get("params");
            if (paramsNode != null) {
                for (Map.Entry<String, JsonNode> param : paramsNode.properties()) {
                    params.put(param.getKey(), param.getValue().asText());
                }
            }
            JsonNode primary = result.get("primaryMetric");
            double bytes = Double.NaN;
            JsonNode secondary = result.get("secondaryMetrics");
            if (secondary != null) {
                for (Map.Entry<String, JsonNode> metric : secondary.properties()) {
                    if (metric.getKey().endsWith("gc.alloc.rate.norm")) {
                        bytes = metric.getValue().get("score").asDouble();
                    }
                }
            }
            rows.add(new Row(benchmark, className, method, params, result.get("mode").asText(),
                    primary.get("score").asDouble(), primary.get("scoreError").asDouble(Double.NaN),
                    primary.get("scoreUnit").asText(), bytes));
        }
        return rows;
    }

    /** Each row's ratio to its ceiling; ceilings themselves are 1. Higher is better in both modes. */
    static Map<Row, Double> ratios(List<Row> rows) {
        Map<Row, Double> ratios = new LinkedHashMap<>();
        for (Row row : rows) {
            if (CEILINGS.containsValue(row.method())) {
                ratios.put(row, 1.0);
                continue;
            }
            String ceilingMethod = CEILINGS.get(row.method());
            if (ceilingMethod == null) {
                continue;
            }
            for (Row candidate : rows) {
                if (candidate.className().equals(row.className()) && candidate.method().equals(ceilingMethod)
                        && row.params().entrySet().containsAll(candidate.params().entrySet())) {
                    boolean throughput = "thrpt".equals(row.mode());
                    ratios.put(row, throughput ? row.score() / candidate.score() : candidate.score() / row.score());
                    break;
                }
            }
        }
        return ratios;
    }

    static String markdown(List<Row> rows, Map<Row, Double> ratios, JsonNode first, String command) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        if (!command.isBlank()) {
            md.append("Command: `").append(command).append("`\n\n");
        }
        md.append(String.format(Locale.ROOT, "JVM: %s %s; %d threads; %d warm-up × %s, %d measurement × %s; "
                        + "%d available processors.%n%n",
                first.path("vmName").asText(), first.path("jdkVersion").asText(), first.path("threads").asInt(),
                first.path("warmupIterations").asInt(), first.path("warmupTime").asText(),
                first.path("measurementIterations").asInt(), first.path("measurementTime").asText(),
                Runtime.getRuntime().availableProcessors()));
        md.append("Ratio: score relative to the ceiling in the same run (higher is better; the ceiling is 1.00). "
                + "B/op: bytes allocated per operation (`-prof gc`).\n\n");
        md.append("| Benchmark | Parameters | Score | Error | Unit | × ceiling | B/op |\n");
        md.append("|---|---|---:|---:|---|---:|---:|\n");
        for (Row row : rows) {
            Double ratio = ratios.get(row);
            md.append(String.format(Locale.ROOT, "| %s.%s | %s | %.3f | %s | %s | %s | %s |%n",
                    row.className(), row.method(), params(row.params()), row.score(),
                    Double.isNaN(row.error()) ? "" : String.format(Locale.ROOT, "±%.3f", row.error()),
                    row.unit(), ratio == null ? "—" : String.format(Locale.ROOT, "%.2f", ratio),
                    Double.isNaN(row.bytesPerOp()) ? "—" : String.format(Locale.ROOT, "%.0f", row.bytesPerOp())));
        }
        return md.toString();
    }

    private static String params(Map<String, String> params) {
        StringBuilder text = new StringBuilder();
        params.forEach((name, value) -> text.append(text.length() == 0 ? "" : ", ").append(name).append('=')
                .append(value));
        return text.toString();
    }

    static String svg(List<Row> rows, Map<Row, Double> ratios) {
        int barHeight = 18;
        int gap = 4;
        int labelWidth = 520;
        int chartWidth = 420;
        int top = 30;
        double max = 1.0;
        for (double ratio : ratios.values()) {
            max = Math.max(max, ratio);
        }
        int height = top + ratios.size() * (barHeight + gap) + 20;
        int width = labelWidth + chartWidth + 60;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-weight=\"bold\">Ratio to the ceiling in the"
                + " same run (higher is better)</text>%n", 10));
        int y = top;
        for (Row row : rows) {
            Double ratio = ratios.get(row);
            if (ratio == null) {
                continue;
            }
            double barWidth = chartWidth * ratio / max;
            String color = CEILINGS.containsValue(row.method()) ? "#999999" : "#3b6fb6";
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n",
                    labelWidth - 6, y + barHeight - 5, escape(row.label())));
            svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                    labelWidth, y, barWidth, barHeight, color));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%.2f</text>%n",
                    labelWidth + barWidth + 4, y + barHeight - 5, ratio));
            y += barHeight + gap;
        }
        double one = labelWidth + chartWidth / max;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#cc3333\" "
                + "stroke-dasharray=\"4 3\"/>%n", one, top - 4, one, y));
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
