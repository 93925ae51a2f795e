package dev.docstore.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The bounded cache's read buffer: keeps a stripe's latest reads when full, asks for drains, reusable after one. */
class ReadBufferTest {
    @Test
    void aStripeTakesItsSizeInReadsThenKeepsTheLatestAndAsksForADrainNowAndThen() {
        ReadBuffer<Integer> buffer = new ReadBuffer<>();
        int size = ReadBuffer.STRIPE_SIZE;
        for (int key = 0; key < size; key++) {
            assertThat(buffer.offer(key)).as("room left: no drain asked").isFalse();
        }
        // full: each further read overwrites the oldest slot in turn; a drain is asked for once per FULL_READS_PER_DRAIN
        int overflowing = ReadBuffer.FULL_READS_PER_DRAIN;
        for (int read = 1; read <= overflowing; read++) {
            assertThat(buffer.offer(size + read)).as("read " + read + " into the full stripe")
                    .isEqualTo(read == overflowing);
        }
        List<Integer> drained = new ArrayList<>();
        buffer.drainTo(drained::add);
        List<Integer> latest = IntStream.rangeClosed(overflowing + 1, size + overflowing).boxed().toList();
        assertThat(drained).as("the stripe's latest reads").containsExactlyInAnyOrderElementsOf(latest);

        assertThat(buffer.offer(-1)).isFalse();
        drained.clear();
        buffer.drainTo(drained::add);
        assertThat(drained).as("reusable after a drain").containsExactly(-1);
    }

    @Test
    void readsFromManyThreadsAreDrainedAtMostOnceEach() throws Exception {
        ReadBuffer<Integer> buffer = new ReadBuffer<>();
        List<Integer> drained = new ArrayList<>();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            int base = t * 1_000;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1_000; i++) {
                    buffer.offer(base + i);
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        buffer.drainTo(drained::add);
        assertThat(drained).doesNotHaveDuplicates().hasSizeLessThanOrEqualTo(4_000).isNotEmpty();
    }
}
