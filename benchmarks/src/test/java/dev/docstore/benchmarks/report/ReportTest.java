package dev.docstore.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.benchmarks.report.RatioInterval.Ratio;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ratio intervals, and how a report marks what a reader must know before trusting a run. */
class ReportTest {
    @TempDir
    Path results;

    @Test
    void aRatioOfIdenticalRunsIsOneAndItsIntervalHoldsOne() {
        double[][] scores = {{9, 10, 11}, {10, 11, 9}, {11, 9, 10}};
        Ratio ratio = RatioInterval.of(scores, scores);
        assertThat(ratio.value()).isEqualTo(1.0);
        assertThat(ratio.low()).isLessThan(1.0);
        assertThat(ratio.high()).isGreaterThan(1.0);
    }

    @Test
    void aClearDifferenceStaysClearAndItsIntervalHoldsTheRatio() {
        Ratio ratio = RatioInterval.of(new double[][] {{20, 21, 19}, {20, 19, 21}, {21, 20, 19}},
                new double[][] {{10, 11, 9}, {10, 9, 11}, {9, 10, 11}});
        assertThat(ratio.value()).isEqualTo(2.0);
        assertThat(ratio.low()).isGreaterThan(1.5).isLessThan(2.0);
        assertThat(ratio.high()).isGreaterThan(2.0).isLessThan(2.5);
    }

    @Test
    void spreadBetweenForksWidensTheIntervalBeyondTheSameScoresInOneFork() {
        double[][] reference = {{10, 10, 10, 10, 10, 10, 10, 10, 10}};
        double[][] forksApart = {{8, 8, 8}, {10, 10, 10}, {12, 12, 12}};
        double[][] oneFork = {{8, 8, 8, 10, 10, 10, 12, 12, 12}};
        Ratio apart = RatioInterval.of(forksApart, reference);
        Ratio pooled = RatioInterval.of(oneFork, reference);
        assertThat(apart.high() - apart.low()).isGreaterThan(pooled.high() - pooled.low());
    }

    @Test
    void aReportGivesRatiosWithIntervalsAndMarksLoadedAndExploratoryRuns() throws Exception {
        Files.writeString(results.resolve("quiet.json"), json(3, 5), StandardCharsets.UTF_8);
        Files.writeString(results.resolve("loaded.json"), json(1, 1), StandardCharsets.UTF_8);
        Path runs = results.resolve("runs.tsv");
        Files.writeString(runs, "quiet.json\tquiet run\t0.20 0.30 0.40\tquiet\n"
                + "loaded.json\tloaded run\t3.10 2.00 1.50\tloaded\n", StandardCharsets.UTF_8);
        Report.main(new String[] {runs.toString(), results.resolve("latest.md").toString(),
                results.resolve("latest.svg").toString()});

        String markdown = Files.readString(results.resolve("latest.md"));
        assertThat(markdown).contains("Load average when it started: 0.20 0.30 0.40",
                "**Taken on a loaded machine**", "3.10 2.00 1.50", "**Exploratory run**", "| 0.50× [",
                "| docstore / Caffeine | 1.00× [");
        assertThat(markdown.indexOf("**Exploratory run**")).isGreaterThan(markdown.indexOf("## Run 2"));
        assertThat(Files.readString(results.resolve("latest.svg"))).contains("0.50× [");
    }

    @Test
    void aClusterCallIsComparedWithTheRawImapCallInBothFormats() throws Exception {
        Files.writeString(results.resolve("cluster.json"), "["
                + result("ClusterBenchmark", "docstorePut", "avgt", 3, 5, 300, "") + ","
                + result("ClusterBenchmark", "imapSet", "avgt", 3, 5, 150, "\"format\": \"BINARY\"") + ","
                + result("ClusterBenchmark", "imapSet", "avgt", 3, 5, 200, "\"format\": \"OBJECT\"") + "]",
                StandardCharsets.UTF_8);
        Path runs = results.resolve("runs.tsv");
        Files.writeString(runs, "cluster.json\tcluster run\n", StandardCharsets.UTF_8);
        Report.main(new String[] {runs.toString(), results.resolve("latest.md").toString(),
                results.resolve("latest.svg").toString()});

        String markdown = Files.readString(results.resolve("latest.md"));
        assertThat(markdown).contains("| ClusterBenchmark.docstorePut |  | 300.000 [", "| 0.50× [",
                "| ClusterBenchmark.imapSet | format=BINARY | 150.000 [", "| 1 (ceiling) |",
                "| ClusterBenchmark.imapSet | format=OBJECT | 200.000 [", "| 0.75× [",
                "| docstore / IMap OBJECT | 0.67× [");
    }

    /** JMH JSON of a docstore get at half a map's throughput, Caffeine's equal to docstore's. */
    private static String json(int forks, int iterations) {
        return "[" + result("get", forks, iterations, 5, "\"provider\": \"docstore\"") + ","
                + result("get", forks, iterations, 5, "\"provider\": \"caffeine\"") + ","
                + result("mapGet", forks, iterations, 10, "") + "]";
    }

    private static String result(String method, int forks, int iterations, double score, String params) {
        return result("JCacheBenchmark", method, "thrpt", forks, iterations, score, params);
    }

    private static String result(String className, String method, String mode, int forks, int iterations,
                                 double score, String params) {
        StringBuilder raw = new StringBuilder();
        for (int fork = 0; fork < forks; fork++) {
            raw.append(fork == 0 ? "[" : ",[");
            for (int iteration = 0; iteration < iterations; iteration++) {
                raw.append(iteration == 0 ? "" : ",").append(score + (iteration % 2 == 0 ? 0.01 : -0.01));
            }
            raw.append(']');
        }
        return """
                {"benchmark": "dev.docstore.benchmarks.%s.%s", "mode": "%s", "threads": 2,
                 "forks": %d, "jdkVersion": "17", "vmName": "OpenJDK", "warmupIterations": 4, "warmupTime": "1 s",
                 "measurementIterations": %d, "measurementTime": "1 s", "params": {%s},
                 "primaryMetric": {"score": %s, "scoreError": 0.1, "scoreConfidence": [%s, %s],
                                   "scoreUnit": "%s", "rawData": [%s]}}
                """.formatted(className, method, mode, forks, iterations, params, score, score - 0.1, score + 0.1,
                mode.equals("thrpt") ? "ops/us" : "us/op", raw);
    }
}
