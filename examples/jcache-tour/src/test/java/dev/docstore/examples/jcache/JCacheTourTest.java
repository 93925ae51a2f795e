package dev.docstore.examples.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JCacheTourTest {
    @Test
    void tourReadsThroughJCacheAndQueriesThroughTheIndex() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        JCacheTour.Outcome outcome = JCacheTour.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(outcome.readBack()).isEqualTo("ada");
        assertThat(outcome.inLisbon()).containsExactly("o-1", "o-3");
        assertThat(outcome.bigInLisbon()).containsExactly("o-3");
        assertThat(outcome.plan()).contains("index byCity");
        assertThat(outcome.exported()).isEqualTo(3);
        assertThat(outcome.restoredInLisbon()).as("the import brought the index along").isEqualTo(outcome.inLisbon());
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(outcome.inLisbon().toString());
    }
}
