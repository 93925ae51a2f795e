package dev.docstore.console.jmx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Keeps the recent history of every cache's spec statistics (and docstore's document count), so the console can
 * chart them over the last minutes however often a page is opened. {@link #sample()} reads each cache once, in one
 * {@code getAttributes} call per bean; a scheduler calls it at a fixed rate. The history of a cache holds at most
 * {@code capacity} samples; caches that disappear are forgotten.
 *
 * <p>Thread-safe: one thread samples at a time ({@code sample} is synchronized); readers copy a cache's history under
 * its deque's lock.
 */
public final class StatisticsSampler {
    private static final String[] STATISTICS = {"CacheGets", "CacheHits", "CacheMisses", "CachePuts",
        "CacheRemovals", "CacheEvictions", "AverageGetTime", "AveragePutTime", "AverageRemoveTime"};

    /** Cumulative counters and average times (µs) as read at {@code millis}; {@code documents} is -1 if unknown. */
    public record Sample(long millis, long gets, long hits, long misses, long puts, long removals, long evictions,
            float averageGetMicros, float averagePutMicros, float averageRemoveMicros, long documents) {
    }

    private final CacheBrowser browser;
    private final LongSupplier clock;
    private final int capacity;
    private final Map<CacheRef, Deque<Sample>> histories = new ConcurrentHashMap<>();

    public StatisticsSampler(CacheBrowser browser, LongSupplier clock, int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("a history needs at least 2 samples to show a rate, was " + capacity);
        }
        this.browser = browser;
        this.clock = clock;
        this.capacity = capacity;
    }

    /** Reads every cache's statistics once and appends them to its history. */
    public synchronized void sample() {
        List<CacheRef> caches = browser.caches();
        histories.keySet().retainAll(caches);
        for (CacheRef ref : caches) {
            Sample sample = browser.target().call(connection -> {
                // a bean that is not registered reads as no values: no separate isRegistered round trip
                Map<String, Object> values = CacheBrowser.attributes(connection, JmxNames.statistics(ref),
                        STATISTICS);
                Map<String, Object> figures = CacheBrowser.attributes(connection, JmxNames.documentCache(ref),
                        "DocumentCount");
                if (values.isEmpty() && figures.isEmpty()) {
                    return null;
                }
                return new Sample(clock.getAsLong(), count(values, "CacheGets"), count(values, "CacheHits"),
                        count(values, "CacheMisses"), count(values, "CachePuts"), count(values, "CacheRemovals"),
                        count(values, "CacheEvictions"), time(values, "AverageGetTime"),
                        time(values, "AveragePutTime"), time(values, "AverageRemoveTime"),
                        figures.isEmpty() ? -1 : count(figures, "DocumentCount"));
            });
            if (sample != null) {
                Deque<Sample> history = histories.computeIfAbsent(ref, key -> new ArrayDeque<>());
                synchronized (history) {
                    history.addLast(sample);
                    while (history.size() > capacity) {
                        history.removeFirst();
                    }
                }
            }
        }
    }

    private static long count(Map<String, Object> values, String name) {
        Object value = values.get(name);
        return value instanceof Number number ? number.longValue() : 0;
    }

    private static float time(Map<String, Object> values, String name) {
        Object value = values.get(name);
        return value instanceof Number number ? number.floatValue() : 0;
    }

    /** The samples of a cache, oldest first (empty if it has none yet). */
    public List<Sample> history(CacheRef ref) {
        Deque<Sample> history = histories.get(ref);
        if (history == null) {
            return List.of();
        }
        synchronized (history) {
            return new ArrayList<>(history);
        }
    }

    /**
     * The chartable series of a cache: per interval between consecutive samples, the operations per second, the
     * hit ratio of the gets in that interval (null when there were none) and the average times; plus the latest
     * cumulative figures. A counter that went down (statistics cleared) starts a fresh interval at zero.
     */
    public Map<String, Object> series(CacheRef ref) {
        List<Sample> samples = history(ref);
        List<Map<String, Object>> points = new ArrayList<>();
        for (int i = 1; i < samples.size(); i++) {
            Sample before = samples.get(i - 1);
            Sample after = samples.get(i);
            double seconds = Math.max(1, after.millis() - before.millis()) / 1000.0;
            long gets = delta(before.gets(), after.gets());
            long hits = delta(before.hits(), after.hits());
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("millis", after.millis());
            point.put("getsPerSecond", gets / seconds);
            point.put("putsPerSecond", delta(before.puts(), after.puts()) / seconds);
            point.put("removalsPerSecond", delta(before.removals(), after.removals()) / seconds);
            point.put("evictionsPerSecond", delta(before.evictions(), after.evictions()) / seconds);
            point.put("hitRatio", gets == 0 ? null : 100.0 * Math.min(hits, gets) / gets);
            point.put("averageGetMicros", after.averageGetMicros());
            point.put("averagePutMicros", after.averagePutMicros());
            point.put("averageRemoveMicros", after.averageRemoveMicros());
            point.put("documents", after.documents());
            points.add(point);
        }
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("samples", samples.size());
        series.put("points", points);
        series.put("latest", samples.isEmpty() ? null : samples.get(samples.size() - 1));
        return series;
    }

    private static long delta(long before, long after) {
        return after >= before ? after - before : after;
    }
}
