package dev.docstore.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

class HitRatioReplayTest {
    @TempDir
    Path traces;

    @Test
    void readsBothFormatsSkippingComments() throws IOException {
        Path text = traces.resolve("lirs/tiny.trace.gz");
        Files.createDirectories(text.getParent());
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(text)),
                StandardCharsets.US_ASCII)) {
            out.write("* a comment\n1\n2\n\n*another\n 3 \n");
        }
        Path binary = traces.resolve("cache2k/tiny.trace.xz");
        Files.createDirectories(binary.getParent());
        try (OutputStream file = Files.newOutputStream(binary);
                DataOutputStream out = new DataOutputStream(new XZOutputStream(file, new LZMA2Options()))) {
            out.writeInt(7);
            out.writeInt(-1);
            out.writeInt(70_000);
        }

        assertThat(HitRatioReplay.traceFiles(traces)).containsExactly(binary, text);
        assertThat(HitRatioReplay.traceName(text)).isEqualTo("tiny");
        assertThat(HitRatioReplay.readTrace(text)).containsExactly(1, 2, 3);
        assertThat(HitRatioReplay.readTrace(binary)).containsExactly(7, -1, 70_000);
    }

    @Test
    void replaysAtOneFiveAndTwentyPercentOfTheDistinctKeys() {
        // 1,011 distinct keys, as the LIRS loop trace: the sizes are rounded down as in the traces' README
        long[] loop = new long[1_011 * 3];
        for (int i = 0; i < loop.length; i++) {
            loop[i] = i % 1_011;
        }

        List<HitRatioReplay.Row> rows = HitRatioReplay.replay("loop", loop);

        assertThat(rows).extracting(HitRatioReplay.Row::size).containsExactly(10L, 50L, 202L);
        // a loop longer than the cache defeats an LRU entirely
        assertThat(rows).allSatisfy(row -> assertThat(row.lru()).isZero());
    }

    @Test
    void everyPolicyHitsAWorkingSetThatFits() {
        // 100 distinct keys: 20 requested over and over fit in the 20-entry cache, the 80 others come once
        long[] trace = new long[2_080];
        for (int i = 0; i < 2_000; i++) {
            trace[i] = i % 20;
        }
        for (int i = 2_000; i < trace.length; i++) {
            trace[i] = i;
        }

        HitRatioReplay.Row twentyPercent = HitRatioReplay.replay("fits", trace).get(2);

        assertThat(twentyPercent.size()).isEqualTo(20);
        double allButTheFirstRequests = 100.0 * (2_000 - 20) / trace.length;
        assertThat(twentyPercent.lru()).isEqualTo(allButTheFirstRequests);
        assertThat(twentyPercent.caffeine()).isEqualTo(allButTheFirstRequests);
        assertThat(twentyPercent.docstore()).isEqualTo(allButTheFirstRequests);
        assertThat(twentyPercent.docstoreCache()).isEqualTo(allButTheFirstRequests);
    }

    @Test
    void theTableSaysWhetherEachBarIsMet() {
        String table = HitRatioReplay.table(List.of(
                new HitRatioReplay.Row("a", 10, 50, 48, 50.5, 40),
                new HitRatioReplay.Row("b", 20, 30, 34, 31, 33)));

        assertThat(table)
                .contains("| a | 10 | 50.00 % | 48.00 % | 50.50 % | 40.00 % |")
                .contains("docstore policy − Caffeine over 2 rows: -0.75 points (bar: ≥ −1): met.")
                .contains("Worst docstore policy − LRU: -3.00 points, b at 20 (bar: ≥ −2 in every row): missed.")
                .contains("docstore cache − Caffeine over 2 rows: +0.25 points (bar: ≥ −1): met.")
                .contains("Worst docstore cache − LRU: +1.00 points, b at 20 (bar: ≥ −2 in every row): met.");
    }
}
