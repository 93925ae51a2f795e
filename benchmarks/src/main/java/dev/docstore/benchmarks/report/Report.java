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
 * Reads the JSON results of one or more runs and writes a Markdown table and an SVG bar chart of each benchmark's score
 * as a ratio to its ceiling in the same run (higher is better: throughput over the ceiling's, or the ceiling's time
 * over ours). A long set is split into several runs, each measuring its own ceilings; ratios never mix runs.
 *
 * <p>A benchmark's ceiling ({@link #ceilingOf}) is, in the same run and class, the method {@link #CEILINGS} names
 * (or, for {@code IndexQueryBenchmark}, {@code ceiling} + the query kind; for {@code IndexWriteBenchmark} and
 * {@code StatisticsCostBenchmark}, the same method with no indexes or statistics off) whose parameters have the
 * benchmark's own values. Benchmarks without a ceiling are listed without a ratio. Index queries also get nanoseconds
 * per hit. A memory run ({@code MemoryFootprint}'s JSON) becomes a table of bytes per entry.
 *
 * <p>Usage: {@code Report runs.tsv latest.md latest.svg}, where each line of {@code runs.tsv} is a result file (relative
 * to the directory of {@code runs.tsv}), a tab, and the command that produced it.
 */
public final class Report {
    /** Method name to the method name of its ceiling, within one benchmark class. */
    static final Map<String, String> CEILINGS = Map.of(
            "get", "mapGet",
            "put", "mapPut",
            "storeGet", "mapGet",
            "storePut", "mapPut");

    private Report() {
    }

    /** One benchmark result of run number {@code run}. */
    record Row(int run, String benchmark, String className, String method, Map<String, String> params, String mode,
               double score, double error, String unit, double bytesPerOp) {
        String label() {
            StringBuilder label = new StringBuilder(className + "." + method);
            if (!params.isEmpty()) {
                label.append(' ').append(params.values());
            }
            return label.toString();
        }
    }

    /** Where a row's ceiling is: a method, and parameter values that replace the row's own. */
    record Ceiling(String method, Map<String, String> fixedParams) {
    }

    /** One run: its command line, its JMH results (or a memory table), read from one JSON file. */
    record Run(String command, JsonNode results, boolean memory) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: Report runs.tsv latest.md latest.svg");
        }
        Path runsFile = Path.of(args[0]);
        ObjectMapper json = new ObjectMapper();
        List<Run> runs = new ArrayList<>();
        for (String line : Files.readAllLines(runsFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t", 2);
            JsonNode results = json.readTree(runsFile.resolveSibling(fields[0]).toFile());
            boolean memory = results.size() > 0 && results.get(0).has("bytesPerEntry");
            runs.add(new Run(fields.length > 1 ? fields[1] : fields[0], results, memory));
        }
        List<Row> rows = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            if (!runs.get(run).memory()) {
                rows.addAll(rows(run, runs.get(run).results()));
            }
        }
        if (rows.isEmpty() && runs.stream().noneMatch(Run::memory)) {
            throw new IllegalStateException(runsFile + " names no results");
        }
        Map<Row, Double> ratios = ratios(rows);
        Files.writeString(Path.of(args[1]), markdown(runs, rows, ratios), StandardCharsets.UTF_8);
        Files.writeString(Path.of(args[2]), svg(rows, ratios), StandardCharsets.UTF_8);
    }

    static List<Row> rows(int run, JsonNode results) {
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
            rows.add(new Row(run, benchmark, className, method, params, result.get("mode").asText(),
                    primary.get("score").asDouble(), primary.get("scoreError").asDouble(Double.NaN),
                    primary.get("scoreUnit").asText(), bytes));
        }
        return rows;
    }

    /** Where the ceiling of {@code row} is, or {@code null} when it has none. */
    static Ceiling ceilingOf(Row row) {
        switch (row.className()) {
            case "IndexWriteBenchmark":
                return new Ceiling(row.method(), Map.of("indexes", "0"));
            case "StatisticsCostBenchmark":
                return new Ceiling(row.method(), Map.of("statistics", "false"));
            case "IndexQueryBenchmark":
                for (String kind : List.of("Exact", "Range", "Prefix", "Count")) {
                    if (row.method().endsWith(kind)) {
                        return new Ceiling("ceiling" + kind, Map.of());
                    }
                }
                return null;
            default:
                if (CEILINGS.containsValue(row.method())) {
                    return new Ceiling(row.method(), Map.of());
                }
                String method = CEILINGS.get(row.method());
                return method == null ? null : new Ceiling(method, Map.of());
        }
    }

    /** Whether {@code candidate} is the ceiling {@code ceiling} of {@code row}: same run and class, matching params. */
    private static boolean isCeiling(Row candidate, Row row, Ceiling ceiling) {
        if (candidate.run() != row.run() || !candidate.className().equals(row.className())
                || !candidate.method().equals(ceiling.method())) {
            return false;
        }
        for (Map.Entry<String, String> param : candidate.params().entrySet()) {
            String wanted = ceiling.fixedParams().getOrDefault(param.getKey(), row.params().get(param.getKey()));
            if (!param.getValue().equals(wanted)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code row} is itself a ceiling. */
    static boolean isCeiling(Row row) {
        Ceiling ceiling = ceilingOf(row);
        return ceiling != null && isCeiling(row, row, ceiling);
    }

    /** Each row's ratio to its ceiling; ceilings themselves are 1. Higher is better in both modes. */
    static Map<Row, Double> ratios(List<Row> rows) {
        Map<Row, Double> ratios = new LinkedHashMap<>();
        for (Row row : rows) {
            Ceiling ceiling = ceilingOf(row);
            if (ceiling == null) {
                continue;
            }
            for (Row candidate : rows) {
                if (isCeiling(candidate, row, ceiling)) {
                    boolean throughput = "thrpt".equals(row.mode());
                    ratios.put(row, throughput ? row.score() / candidate.score() : candidate.score() / row.score());
                    break;
                }
            }
        }
        return ratios;
    }

    /** Hits per operation of an index query (counted ones for {@code count}), or 0 for any other benchmark. */
    static int hits(Row row) {
        if (!row.className().equals("IndexQueryBenchmark")) {
            return 0;
        }
        int documents = Integer.parseInt(row.params().getOrDefault("documents", "0"));
        if (row.method().endsWith("Prefix")) {
            return documents / 1_000;
        }
        if (row.method().endsWith("Count")) {
            return documents / 100;
        }
        return 100;
    }

    /** Nanoseconds per hit, from a score in microseconds per operation. */
    static double nanosPerHit(Row row) {
        int hits = hits(row);
        if (hits == 0 || !row.unit().equals("us/op")) {
            return Double.NaN;
        }
        return row.score() * 1_000 / hits;
    }

    static String markdown(List<Run> runs, List<Row> rows, Map<Row, Double> ratios) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark results\n\n");
        md.append("Ratio: score relative to the ceiling measured in the same run (higher is better; the ceiling is "
                + "1.00). B/op: bytes allocated per operation (`-prof gc`). ns/hit: an index query's time divided by "
                + "its hits (for `count`, by the entries counted).\n");
        for (int run = 0; run < runs.size(); run++) {
            Run each = runs.get(run);
            md.append("\n## Run ").append(run + 1).append("\n\nCommand: `").append(each.command()).append("`\n\n");
            if (each.memory()) {
                memory(md, each.results());
                continue;
            }
            JsonNode first = each.results().get(0);
            md.append(String.format(Locale.ROOT, "JVM: %s %s; %d threads; %d warm-up × %s, %d measurement × %s; "
                            + "%d available processors.%n%n",
                    first.path("vmName").asText(), first.path("jdkVersion").asText(), first.path("threads").asInt(),
                    first.path("warmupIterations").asInt(), first.path("warmupTime").asText(),
                    first.path("measurementIterations").asInt(), first.path("measurementTime").asText(),
                    Runtime.getRuntime().availableProcessors()));
            md.append("| Benchmark | Parameters | Score | Error | Unit | × ceiling | B/op | ns/hit |\n");
            md.append("|---|---|---:|---:|---|---:|---:|---:|\n");
            for (Row row : rows) {
                if (row.run() != run) {
                    continue;
                }
                Double ratio = ratios.get(row);
                double nanosPerHit = nanosPerHit(row);
                md.append(String.format(Locale.ROOT, "| %s.%s | %s | %.3f | %s | %s | %s | %s | %s |%n",
                        row.className(), row.method(), params(row.params()), row.score(),
                        Double.isNaN(row.error()) ? "" : String.format(Locale.ROOT, "±%.3f", row.error()),
                        row.unit(), ratio == null ? "—" : String.format(Locale.ROOT, "%.2f", ratio),
                        Double.isNaN(row.bytesPerOp()) ? "—" : String.format(Locale.ROOT, "%.0f", row.bytesPerOp()),
                        Double.isNaN(nanosPerHit) ? "—" : String.format(Locale.ROOT, "%.1f", nanosPerHit)));
            }
        }
        return md.toString();
    }

    /** A memory run: bytes per entry beyond key and value, and per index from the 0- and 3-index stores. */
    private static void memory(StringBuilder md, JsonNode results) {
        md.append("Heap after full GC, beyond key and value (the keys and documents exist before each structure is "
                + "filled).\n\n| Structure | Entries | B/entry beyond key and value |\n|---|---:|---:|\n");
        Map<String, Double> perEntry = new LinkedHashMap<>();
        for (JsonNode result : results) {
            perEntry.put(result.get("structure").asText(), result.get("bytesPerEntry").asDouble());
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f |%n", result.get("structure").asText(),
                    result.get("entries").asInt(), result.get("bytesPerEntry").asDouble()));
        }
        Double none = perEntry.get("docstore engine");
        Double three = perEntry.get("docstore engine, 3 indexes");
        if (none != null && three != null) {
            md.append(String.format(Locale.ROOT, "| docstore, per index ((3 indexes − none) / 3) | | %.1f |%n",
                    (three - none) / 3));
        }
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
            String color = isCeiling(row) ? "#999999" : "#3b6fb6";
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
