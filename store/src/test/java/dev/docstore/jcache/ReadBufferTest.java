package dev.docstore.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded cache's read buffer: lossy when full, drained in order, reusable after a drain. */
class ReadBufferTest {
    @Test
    void aFullStripeKeepsItsSizeInReadsTheLatestAmongThem() {
        ReadBuffer<Integer> buffer = new ReadBuffer<>();
        for (int key = 0; key < ReadBuffer.STRIPE_SIZE; key++) {
            assertThat(buffer.offer(key)).isTrue();
        }
        assertThat(buffer.offer(-1)).as("full: the owner should drain").isFalse();
        List<Integer> drained = new ArrayList<>();
        buffer.drainTo(drained::add);
        // the latest read took the place of one that waited
        assertThat(drained).hasSize(ReadBuffer.STRIPE_SIZE).contains(-1).doesNotHaveDuplicates();
        assertThat(drained.stream().filter(key -> key >= 0)).hasSize(ReadBuffer.STRIPE_SIZE - 1)
                .allMatch(key -> key < ReadBuffer.STRIPE_SIZE);
        assertThat(buffer.offer(100)).isTrue();
        drained.clear();
        buffer.drainTo(drained::add);
        assertThat(drained).containsExactly(100);
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
