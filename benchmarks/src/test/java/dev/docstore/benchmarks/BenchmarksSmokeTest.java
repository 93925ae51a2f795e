package dev.docstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.benchmarks.report.Report;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Keeps the benchmarks from rotting: one tiny in-process iteration of every benchmark class with its smallest
 * parameters, failing on any error (a setup check that finds a missing key or a differing answer throws, and
 * {@code shouldFailOnError} turns that into a failed run), then the report over what was measured, and the memory
 * program on a small store. The numbers mean nothing; that every benchmark still sets up, checks and runs does.
 */
class BenchmarksSmokeTest {
    @TempDir
    Path results;

    @Test
    void jcacheBenchmarkRunsForEveryProvider() throws RunnerException {
        run(JCacheBenchmark.class, "jcache", options -> options.param("distribution", "uniform")
                .param("mode", "byReference"));
    }

    @Test
    void indexQueryBenchmarkRunsForEveryEngine() throws Exception {
        Path json = run(IndexQueryBenchmark.class, "queries", options -> options.param("documents", "10000"));
        assertThat(report(json)).contains("IndexQueryBenchmark.docstoreExact", "IndexQueryBenchmark.cqengineCount",
                "docstore / H2");
    }

    @Test
    void documentCacheQueryBenchmarkRunsForEveryEngineAndShape() throws Exception {
        Path json = run(DocumentCacheQueryBenchmark.class, "document-cache-queries",
                options -> options.param("documents", "10000"));
        assertThat(report(json)).contains("DocumentCacheQueryBenchmark.docstoreRange", "docstore / CQEngine");
    }

    @Test
    void indexedUpdateBenchmarkRunsForEveryIndexCountAndChange() throws Exception {
        // two threads: each owns a share of the keys, which one thread alone would not exercise
        Path json = run(IndexedUpdateBenchmark.class, "updates",
                options -> options.param("keys", "10000").threads(2));
        assertThat(report(json)).contains("IndexedUpdateBenchmark.handRolledPut", "/ the same with 0 indexes");
    }

    @Test
    void indexWriteBenchmarkRuns() throws RunnerException {
        run(IndexWriteBenchmark.class, "writes", options -> options.param("documents", "10000"));
    }

    @Test
    void engineBenchmarkRuns() throws RunnerException {
        run(EngineBenchmark.class, "engine", options -> options);
    }

    @Test
    void statisticsCostBenchmarkRunsWithStatisticsOffAndOn() throws Exception {
        Path json = run(StatisticsCostBenchmark.class, "statistics", options -> options);
        assertThat(report(json)).contains("| StatisticsCostBenchmark.get | statistics=true | statistics on / off |");
    }

    @Test
    void boundedCacheBenchmarkRunsBoundedAndUnboundedAndAgainstCaffeine() throws Exception {
        Path json = run(BoundedCacheBenchmark.class, "bounded", options -> options.param("distribution", "uniform"));
        assertThat(report(json)).contains("bounded / unbounded", "| BoundedCacheBenchmark.put | provider=docstore |");
    }

    @Test
    void exportImportBenchmarkRunsDocstoreAndJackson() throws Exception {
        Path json = run(ExportImportBenchmark.class, "export-import", options -> options.param("documents", "10000"));
        assertThat(report(json)).contains("| ExportImportBenchmark.docstoreExport | documents=10000",
                "ExportImportBenchmark.jacksonRead");
    }

    @Test
    void clusterBenchmarkRunsDocstoreAndTheRawImap() throws Exception {
        // docstoreQuery needs the cluster DocumentCache view, which this build's cluster module does not offer yet
        Path json = run(ClusterBenchmark.class, "cluster", options -> options.exclude("docstoreQuery")
                .param("format", "BINARY"));
        assertThat(report(json)).contains("| ClusterBenchmark.docstorePut |", "ClusterBenchmark.imapPredicate");
    }

    @Test
    void memoryFootprintMeasuresEveryStructure() throws Exception {
        Path json = results.resolve("memory.json");
        MemoryFootprint.main(new String[] {"10000", json.toString()});
        assertThat(Files.readString(json)).contains("ConcurrentHashMap", "docstore engine, 3 indexes");
    }

    /** The Markdown report of one run. */
    private String report(Path json) throws Exception {
        Path runs = results.resolve("runs.tsv");
        Files.writeString(runs, json.getFileName() + "\tsmoke\n", StandardCharsets.UTF_8);
        Report.main(new String[] {runs.toString(), results.resolve("latest.md").toString(),
                results.resolve("latest.svg").toString()});
        return Files.readString(results.resolve("latest.md"));
    }

    /** Tailors the options of one class's run. */
    interface Tailoring {
        ChainedOptionsBuilder apply(ChainedOptionsBuilder options);
    }

    private Path run(Class<?> benchmark, String name, Tailoring tailoring) throws RunnerException {
        Path json = results.resolve(name + ".json");
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(benchmark.getName() + "\\.")
                .forks(0)
                .threads(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(50))
                .shouldFailOnError(true)
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
        Collection<RunResult> measured = new Runner(tailoring.apply(options).build()).run();
        assertThat(measured).isNotEmpty();
        return json;
    }
}
