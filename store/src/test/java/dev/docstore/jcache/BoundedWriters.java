package dev.docstore.jcache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.jcache.JCacheTesting.Seen;
import dev.docstore.testing.Soak;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.cache.Cache;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;

/**
 * The writers of the bounded caches' concurrency tests, and the check that follows them: each writer owns every
 * {@code writers}-th key, puts {@code {seq, key, owner}} and now and then removes, and records per key the seq of its
 * last write (-1 when it removed it last). Afterwards, nothing may have disappeared but those removals and evictions:
 * a key holds its last write, or was evicted holding it (seen by the REMOVED listener this class registers), and
 * every eviction is counted once in {@code CacheEvictions}.
 *
 * <p>Concurrency: {@link #start} runs the writers on the test's {@link Soak.Run}; {@link #checkNothingLost} runs once
 * they finished.
 */
final class BoundedWriters {
    private final int writers;
    private final int keys;
    private final long writesPerWriter;
    private final AtomicLongArray last;
    private final AtomicLong removedByWriters = new AtomicLong();
    private final RemovedRecorder listener = new RemovedRecorder();

    BoundedWriters(int writers, int keys, long writesPerWriter) {
        this.writers = writers;
        this.keys = keys;
        this.writesPerWriter = writesPerWriter;
        this.last = new AtomicLongArray(keys);
    }

    /** Registers the REMOVED listener the check needs on a configuration, before its cache is created. */
    <C extends DocstoreConfiguration<Integer, Map<String, Object>>> C listenedTo(C configuration) {
        configuration.addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                JCacheTesting.factoryOf(listener), null, true, true));
        return configuration;
    }

    /** Starts the writers on {@code run}; one in ten operations is a removal, seeded per writer. */
    void start(Soak.Run run, Cache<Integer, Map<String, Object>> cache) {
        for (int w = 0; w < writers; w++) {
            int writer = w;
            run.reader("writer-" + w, () -> {
                SplittableRandom random = new SplittableRandom(writer);
                for (long seq = 1; seq <= writesPerWriter && !run.failed(); seq++) {
                    int key = random.nextInt(keys / writers) * writers + writer;
                    if (random.nextInt(10) == 0) {
                        if (cache.remove(key)) {
                            removedByWriters.incrementAndGet();
                        }
                        last.set(key, -1);
                    } else {
                        cache.put(key, Map.of("owner", "w" + writer, "seq", seq, "key", key));
                        last.set(key, seq);
                    }
                }
            });
        }
    }

    long writes() {
        return writesPerWriter * writers;
    }

    long removals() {
        return removedByWriters.get();
    }

    /** Checks that no write was lost and each eviction was reported and counted once; returns the evictions. */
    long checkNothingLost(Cache<Integer, Map<String, Object>> cache) {
        List<Seen<Integer, Map<String, Object>>> removed = List.copyOf(listener.removed);
        long evicted = removed.size() - removedByWriters.get();
        assertThat(JCacheTesting.statistics(cache).getCacheEvictions()).as("each eviction counted once")
                .isEqualTo(evicted);
        assertThat(evicted).isPositive();
        for (int key = 0; key < keys; key++) {
            long seq = last.get(key);
            Map<String, Object> value = cache.get(key);
            if (seq <= 0) {
                assertThat(value).as("key " + key + ", removed or never written").isNull();
            } else if (value != null) {
                assertThat(value.get("seq")).as("key " + key + ": its last write, none lost").isEqualTo(seq);
            } else {
                int k = key;
                assertThat(removed).as("key " + key + " absent: evicted with its last value")
                        .anyMatch(seen -> seen.key() == k && seen.oldValue().get("seq").equals(seq));
            }
        }
        return evicted;
    }

    /** Records REMOVED events cheaply: a copy-on-write list would slow the key's lock holder as it grows. */
    private static final class RemovedRecorder implements CacheEntryRemovedListener<Integer, Map<String, Object>> {
        final ConcurrentLinkedQueue<Seen<Integer, Map<String, Object>>> removed = new ConcurrentLinkedQueue<>();

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends Integer, ? extends Map<String, Object>>> events) {
            events.forEach(event -> removed.add(Seen.of(event)));
        }
    }
}
