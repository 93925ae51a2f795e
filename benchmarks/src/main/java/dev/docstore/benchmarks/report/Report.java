package dev.docstore.benchmarks.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docstore.benchmarks.report.References.Reference;
import dev.docstore.benchmarks.report.RatioInterval.Ratio;
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
 * Reads the JSON results of one or more runs and writes a Markdown report and an SVG chart ({@link Chart}) of each
 * benchmark's score as a ratio to its ceiling in the same run, with confidence intervals, plus the further
 * comparisons of {@link References}. A long set may be split into several runs, each measuring its own ceilings;
 * ratios never mix runs. Index queries also get nanoseconds per hit. A memory run ({@code MemoryFootprint}'s JSON)
 * becomes a table of bytes per entry.
 *
 * <p>Usage: {@code Report runs.tsv latest.md latest.svg}, where each line of {@code runs.tsv} is a result file
 * (relative to the directory of {@code runs.tsv}), then, separated by tabs, the command that produced it, the load
 * average when it started ({@code /proc/loadavg}'s first three fields) and {@code loaded} when it was forced to run on
 * a loaded machine.
 */
public final class Report {
    /** Below these, a run's intervals cannot carry the spread between forks: it is marked exploratory. */
    static final int DECISION_FORKS = 3;
    static final int DECISION_ITERATIONS = 5;

    static final String METHOD = """
            Score: JMH's score with its 99.9% confidence interval (Student's t over every measured iteration of every \
            fork, taken as independent). Ratios are to a reference measured in the same run, higher is better \
            (throughput over the reference's, or the reference's time over ours), shown as `ratio× [low, high]`: a \
            99.9% interval from a two-level percentile bootstrap of the ratio of the two means over the raw iteration \
            scores in the JSON (20,000 resamples; each rebuilds both sides by drawing forks with replacement, then \
            iterations within each drawn fork with replacement). Drawing forks carries the spread between forks into \
            the interval, which JMH's own error leaves out; with three forks it is still an estimate, so read a \
            difference as real only when the intervals clear it. Runs with fewer than 3 forks or 5 measurement \
            iterations are marked exploratory. B/op: bytes allocated per operation (`-prof gc`, counted exactly \
            enough to need no interval). ns/hit: an index query's time divided by its hits (for `count`, by the \
            entries counted).
            """;

    private Report() {
    }

    /** One run: its command line, load average at start, whether it was forced, its results, read from one file. */
    record Run(String command, String load, boolean loaded, JsonNode results, boolean memory) {
    }

    /** A comparison of a row with another row of its run. */
    record Comparison(Row row, Reference reference, Ratio ratio) {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: Report runs.tsv latest.md latest.svg");
        }
        Path runsFile = Path.of(args[0]);
        List<Run> runs = readRuns(runsFile);
        List<Row> rows = new ArrayList<>();
        for (int run = 0; run < runs.size(); run++) {
            if (!runs.get(run).memory()) {
                rows.addAll(Row.read(run, runs.get(run).results()));
            }
        }
        if (runs.isEmpty()) {
            throw new IllegalStateException(runsFile + " names no results");
        }
        Map<Row, Ratio> ceilings = new LinkedHashMap<>();
        List<Comparison> comparisons = new ArrayList<>();
        for (Row row : rows) {
            Reference ceiling = References.ceilingOf(row);
            if (ceiling != null) {
                Comparison comparison = compare(row, ceiling, rows);
                if (comparison != null) {
                    ceilings.put(row, comparison.ratio());
                }
            }
            for (Reference reference : References.comparisonsOf(row)) {
                Comparison comparison = compare(row, reference, rows);
                if (comparison != null) {
                    comparisons.add(comparison);
                }
            }
        }
        Files.writeString(Path.of(args[1]), markdown(runs, rows, ceilings, comparisons), StandardCharsets.UTF_8);
        Files.writeString(Path.of(args[2]), Chart.svg(rows, ceilings), StandardCharsets.UTF_8);
    }

    private static List<Run> readRuns(Path runsFile) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Run> runs = new ArrayList<>();
        for (String line : Files.readAllLines(runsFile, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split("\t");
            JsonNode results = json.readTree(runsFile.resolveSibling(fields[0]).toFile());
            boolean memory = results.size() > 0 && results.get(0).has("bytesPerEntry");
            runs.add(new Run(fields.length > 1 ? fields[1] : fields[0], fields.length > 2 ? fields[2] : "",
                    fields.length > 3 && fields[3].equals("loaded"), results, memory));
        }
        return runs;
    }

    /** {@code row} against the row {@code reference} names, or {@code null} when the run did not measure that row. */
    private static Comparison compare(Row row, Reference reference, List<Row> rows) {
        for (Row candidate : rows) {
            if (reference.names(candidate, row)) {
                Ratio ratio = row.isThroughput() ? RatioInterval.of(row.raw(), candidate.raw())
                        : RatioInterval.of(candidate.raw(), row.raw());
                return new Comparison(row, reference, ratio);
            }
        }
        return null;
    }

    static String markdown(List<Run> runs, List<Row> rows, Map<Row, Ratio> ceilings, List<Comparison> comparisons) {
        StringBuilder md = new StringBuilder("# Benchmark results\n\n").append(METHOD);
        for (int run = 0; run < runs.size(); run++) {
            Run each = runs.get(run);
            md.append("\n## Run ").append(run + 1).append("\n\nCommand: `").append(each.command()).append("`\n\n");
            if (each.loaded()) {
                md.append("**Taken on a loaded machine**: the 1-minute load average was above 1.0 when it started ("
                        + each.load() + " over 1, 5 and 15 minutes) and the report was forced. Its figures are "
                        + "rough.\n\n");
            } else if (!each.load().isEmpty()) {
                md.append("Load average when it started: ").append(each.load()).append(" (1, 5, 15 minutes).\n\n");
            }
            if (each.memory()) {
                memory(md, each.results());
                continue;
            }
            settings(md, each.results().get(0));
            int number = run;
            table(md, rows.stream().filter(row -> row.run() == number).toList(), ceilings);
            List<Comparison> ofRun = comparisons.stream().filter(c -> c.row().run() == number).toList();
            if (!ofRun.isEmpty()) {
                md.append("\n| Benchmark | Parameters | Comparison | Ratio [99.9% CI] |\n|---|---|---|---:|\n");
                for (Comparison comparison : ofRun) {
                    md.append(String.format(Locale.ROOT, "| %s.%s | %s | %s | %s |%n", comparison.row().className(),
                            comparison.row().method(), params(comparison.row().params()),
                            comparison.reference().name(), ratio(comparison.ratio())));
                }
            }
        }
        return md.toString();
    }

    private static void settings(StringBuilder md, JsonNode first) {
        int forks = first.path("forks").asInt();
        int iterations = first.path("measurementIterations").asInt();
        md.append(String.format(Locale.ROOT, "JVM: %s %s; %d threads; %d fork%s, each %d warm-up × %s and %d "
                        + "measurement × %s.%n%n", first.path("vmName").asText(), first.path("jdkVersion").asText(),
                first.path("threads").asInt(), forks, forks == 1 ? "" : "s", first.path("warmupIterations").asInt(),
                first.path("warmupTime").asText(), iterations, first.path("measurementTime").asText()));
        if (forks < DECISION_FORKS || iterations < DECISION_ITERATIONS) {
            md.append("**Exploratory run**: fewer than ").append(DECISION_FORKS).append(" forks or ")
                    .append(DECISION_ITERATIONS).append(" measurement iterations, so its intervals miss most of the "
                            + "spread between forks. Not for decisions.\n\n");
        }
    }

    private static void table(StringBuilder md, List<Row> rows, Map<Row, Ratio> ceilings) {
        md.append("| Benchmark | Parameters | Score [99.9% CI] | Unit | × ceiling [99.9% CI] | B/op "
                + "| ns/hit [99.9% CI] |\n");
        md.append("|---|---|---:|---|---:|---:|---:|\n");
        for (Row row : rows) {
            Ratio ceiling = ceilings.get(row);
            int hits = References.hits(row);
            String perHit = "—";
            if (hits > 0 && row.unit().equals("us/op")) {
                double scale = 1_000.0 / hits;
                perHit = String.format(Locale.ROOT, "%.1f %s", row.score() * scale,
                        interval("%.1f", row.scoreLow() * scale, row.scoreHigh() * scale));
            }
            md.append(String.format(Locale.ROOT, "| %s.%s | %s | %.3f %s | %s | %s | %s | %s |%n", row.className(),
                    row.method(), params(row.params()), row.score(),
                    interval("%.3f", row.scoreLow(), row.scoreHigh()), row.unit(),
                    ceiling == null ? "—" : References.isCeiling(row) ? "1 (ceiling)" : ratio(ceiling),
                    Double.isNaN(row.bytesPerOp()) ? "—" : String.format(Locale.ROOT, "%.0f", row.bytesPerOp()),
                    perHit));
        }
    }

    private static String interval(String format, double low, double high) {
        if (Double.isNaN(low) || Double.isNaN(high)) {
            return "";
        }
        return String.format(Locale.ROOT, "[" + format + ", " + format + "]", low, high);
    }

    /** {@code 0.42× [0.38, 0.46]}, with a third decimal below 0.1. */
    static String ratio(Ratio ratio) {
        String format = ratio.value() < 0.1 ? "%.3f" : "%.2f";
        return String.format(Locale.ROOT, format + "× ", ratio.value()) + interval(format, ratio.low(), ratio.high());
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
}
