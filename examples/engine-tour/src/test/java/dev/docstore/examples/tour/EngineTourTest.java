package dev.docstore.examples.tour;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EngineTourTest {
    @Test
    void tourShowsVersionCheckAndPointInTimeSnapshot() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EngineTour.Outcome outcome = EngineTour.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(outcome.staleWriteRefused()).isTrue();
        assertThat(outcome.currentVersion()).isGreaterThan(outcome.staleVersion());
        // the snapshot predates one insert and one removal, so it holds what was inserted at first
        assertThat(outcome.snapshotCount()).isEqualTo(outcome.inserted());
        assertThat(outcome.liveCount()).isEqualTo(outcome.inserted());
        assertThat(outcome.snapshotStatus()).isEqualTo(outcome.liveStatus()).isEqualTo("paid");
        assertThat(printed.toString(StandardCharsets.UTF_8))
                .contains("refused")
                .contains("version " + outcome.currentVersion());
    }
}
