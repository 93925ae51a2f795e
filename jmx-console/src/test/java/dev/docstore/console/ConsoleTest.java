package dev.docstore.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.docstore.console.jmx.CacheRef;
import dev.docstore.console.jmx.TargetSession;
import dev.docstore.console.testing.TestCaches;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.cache.Cache;
import org.junit.jupiter.api.Test;

/** The console's state: sessions replace each other, and background sampling survives failures. */
class ConsoleTest {
    @Test
    void samplingGoesOnAfterATickFails() {
        AtomicLong calls = new AtomicLong();
        // the first readings fail, as any unexpected error in a tick would: both the tick run when connecting and the
        // periodic one meet a failure
        LongSupplier failingAtFirst = () -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("clock not ready");
            }
            return calls.get() * 1_000;
        };
        try (TestCaches caches = new TestCaches(); Console console = new Console(Duration.ofMillis(20),
                failingAtFirst)) {
            Cache<String, Map<String, Object>> cache = caches.create("ticked");
            CacheRef ref = new CacheRef(TestCaches.manager(cache), "ticked");
            TargetSession session = console.useThisJvm("the test JVM");
            await().atMost(Duration.ofSeconds(60)).until(() -> session.sampler().history(ref).size() >= 3);
            assertThat(calls.get()).isGreaterThan(2);
        }
    }

    @Test
    void connectingReplacesAndClosesThePreviousSession() {
        try (Console console = new Console(Duration.ofHours(1), System::currentTimeMillis)) {
            TargetSession first = console.useThisJvm("first");
            TargetSession second = console.useThisJvm("second");
            assertThat(console.session()).containsSame(second);
            assertThat(first.target().lostBecause()).contains("disconnected");
            assertThat(second.target().lostBecause()).isNull();
            console.disconnect();
            assertThat(console.session()).isEmpty();
            assertThat(second.target().lostBecause()).isNotNull();
        }
    }

    @Test
    void theSampleIntervalMustBePositive() {
        assertThatThrownBy(() -> new Console(Duration.ZERO, System::currentTimeMillis))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PT0S");
    }
}
