package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.factoryOf;
import static dev.docstore.jcache.JCacheTesting.listenerConfiguration;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.docstore.jcache.JCacheTesting.RecordingListener;
import dev.docstore.jcache.JCacheTesting.Seen;
import dev.docstore.jcache.JCacheTesting.SweeperBlindClock;
import dev.docstore.jcache.JCacheTesting.TestClockFactory;
import dev.docstore.testing.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The order in which listeners see a key's events: the order of the key's mutations, for synchronous and asynchronous
 * listeners, under concurrent writers; filters; and old values only for listeners that asked for them.
 */
class ListenerOrderingTest {
    private static final int WRITERS = 4;
    private static final int KEYS = 6;
    private static final int OPERATIONS_PER_WRITER = 3_000;
    private static final int SEQUENCE = 1_000_000;

    private final CacheManager manager = newManager("listener-ordering");

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private Cache<String, Integer> newCache(String name) {
        return manager.createCache(name,
                new DocstoreConfiguration<String, Integer>().setTypes(String.class, Integer.class));
    }

    /** Per key, the events a listener got, in arrival order. Thread-safe. */
    static final class PerKeyRecorder extends RecordingListener<String, Integer> {
        final Map<String, List<Seen<String, Integer>>> byKey = new ConcurrentHashMap<>();

        @Override
        void record(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> batch) {
            for (CacheEntryEvent<? extends String, ? extends Integer> event : batch) {
                byKey.computeIfAbsent(event.getKey(), key -> new CopyOnWriteArrayList<>()).add(Seen.of(event));
            }
        }

        List<Seen<String, Integer>> of(String key) {
            return byKey.getOrDefault(key, List.of());
        }
    }

    /**
     * Checks that one key's events describe its history: CREATED only when absent, UPDATED and REMOVED carrying the
     * value before them as the old value, each writer's values in the order it wrote them, ending with the cache's
     * value.
     */
    private static void assertChain(String listener, String key, List<Seen<String, Integer>> events, Integer last) {
        Integer current = null;
        Map<Integer, Integer> lastSequenceOfWriter = new HashMap<>();
        for (int i = 0; i < events.size(); i++) {
            Seen<String, Integer> event = events.get(i);
            String where = listener + ", key " + key + ", event " + i + " " + event + " after " + current;
            switch (event.type()) {
                case CREATED -> {
                    assertThat(current).as(where + ": CREATED while present").isNull();
                    assertThat(event.oldValueAvailable()).as(where).isFalse();
                }
                case UPDATED -> {
                    assertThat(current).as(where + ": UPDATED while absent").isNotNull();
                    assertThat(event.oldValueAvailable()).as(where).isTrue();
                    assertThat(event.oldValue()).as(where + ": old value").isEqualTo(current);
                }
                case REMOVED -> {
                    assertThat(current).as(where + ": REMOVED while absent").isNotNull();
                    assertThat(event.oldValue()).as(where + ": old value").isEqualTo(current);
                    assertThat(event.value()).as(where + ": removed value").isEqualTo(current);
                }
                default -> fail(where + ": unexpected event");
            }
            if (event.type() == EventType.REMOVED) {
                current = null;
                continue;
            }
            current = event.value();
            int writer = current / SEQUENCE;
            int sequence = current % SEQUENCE;
            Integer previous = lastSequenceOfWriter.put(writer, sequence);
            if (previous != null) {
                assertThat(sequence).as(where + ": writer " + writer + "'s values out of order").isGreaterThan(previous);
            }
        }
        assertThat(current).as(listener + ", key " + key + ": the last event's value is the cache's").isEqualTo(last);
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void eachKeysEventsFormOneChainForSynchronousAndAsynchronousListenersUnderConcurrentWriters() throws Exception {
        Cache<String, Integer> cache = newCache("concurrent-writers");
        PerKeyRecorder synchronous = new PerKeyRecorder();
        PerKeyRecorder asynchronous = new PerKeyRecorder();
        cache.registerCacheEntryListener(listenerConfiguration(synchronous, true, true));
        cache.registerCacheEntryListener(listenerConfiguration(asynchronous, true, false));
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < KEYS; k++) {
            keys.add("key-" + k);
        }

        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                done.add(writers.submit(() -> {
                    start.await();
                    for (int i = 1; i <= OPERATIONS_PER_WRITER; i++) {
                        String key = keys.get((i + writer) % KEYS);
                        int value = writer * SEQUENCE + i;
                        switch (i % 10) {
                            case 0 -> cache.remove(key);
                            case 1 -> cache.invoke(key, (entry, arguments) -> {
                                entry.setValue(value);
                                return null;
                            });
                            case 2 -> cache.getAndPut(key, value);
                            case 3 -> cache.replace(key, value);
                            default -> cache.put(key, value);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : done) {
                writer.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (String key : keys) {
                assertThat(asynchronous.of(key)).as(key).hasSameSizeAs(synchronous.of(key));
            }
        });
        int total = 0;
        for (String key : keys) {
            Integer last = cache.get(key);
            assertChain("synchronous", key, synchronous.of(key), last);
            assertChain("asynchronous", key, asynchronous.of(key), last);
            assertThat(asynchronous.of(key)).extracting(Seen::type, Seen::value, Seen::oldValue)
                    .as("both listeners saw the same history of " + key)
                    .containsExactlyElementsOf(synchronous.of(key).stream()
                            .map(seen -> tuple(seen.type(), seen.value(),
                                    seen.oldValue()))
                            .toList());
            total += synchronous.of(key).size();
        }
        assertThat(total).as("events recorded").isGreaterThan(WRITERS * OPERATIONS_PER_WRITER / 2);
    }

    /** Keeps events whose value is even (a removal's value counts when present); counts what it saw. */
    static final class EvenValues implements CacheEntryEventFilter<String, Integer> {
        final AtomicInteger evaluated = new AtomicInteger();

        @Override
        public boolean evaluate(CacheEntryEvent<? extends String, ? extends Integer> event) {
            evaluated.incrementAndGet();
            return event.getValue() != null && event.getValue() % 2 == 0;
        }
    }

    @ParameterizedTest(name = "synchronous: {0}")
    @ValueSource(booleans = {true, false})
    void aFilterDropsTheEventsItRejectsAndKeepsTheOrderOfTheRest(boolean synchronous) {
        Cache<String, Integer> cache = newCache("filtered");
        RecordingListener<String, Integer> listener = new RecordingListener<>();
        EvenValues filter = new EvenValues();
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(factoryOf(listener),
                factoryOf(filter), true, synchronous));

        for (int i = 1; i <= 20; i++) {
            cache.put("k", i);
        }
        cache.put("k", 1000); // passes the filter, and comes last: once it arrived, every earlier event was handled

        await().atMost(Duration.ofSeconds(60)).until(() -> listener.events.stream().anyMatch(e -> e.value() == 1000));
        assertThat(listener.events).extracting(Seen::value)
                .containsExactly(2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 1000);
        assertThat(listener.events).extracting(Seen::oldValue)
                .containsExactly(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 20);
        assertThat(filter.evaluated).hasValue(21);
    }

    @ParameterizedTest(name = "synchronous: {0}")
    @ValueSource(booleans = {true, false})
    void oldValuesReachOnlyTheListenersThatAskedForThem(boolean synchronous) {
        Cache<String, Integer> cache = newCache("old-values");
        RecordingListener<String, Integer> withOld = new RecordingListener<>();
        RecordingListener<String, Integer> withoutOld = new RecordingListener<>();
        cache.registerCacheEntryListener(listenerConfiguration(withOld, true, synchronous));
        cache.registerCacheEntryListener(listenerConfiguration(withoutOld, false, synchronous));

        cache.put("k", 1);
        cache.put("k", 2);
        cache.remove("k");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(withOld.events).hasSize(3);
            assertThat(withoutOld.events).hasSize(3);
        });
        assertThat(withOld.events).extracting(Seen::type, Seen::value, Seen::oldValue, Seen::oldValueAvailable)
                .containsExactly(
                        tuple(EventType.CREATED, 1, null, false),
                        tuple(EventType.UPDATED, 2, 1, true),
                        tuple(EventType.REMOVED, 2, 2, true));
        assertThat(withoutOld.events).extracting(Seen::type, Seen::oldValue, Seen::oldValueAvailable)
                .containsExactly(
                        tuple(EventType.CREATED, null, false),
                        tuple(EventType.UPDATED, null, false),
                        tuple(EventType.REMOVED, null, false));
        assertThat(withoutOld.events.get(0).value()).isEqualTo(1);
        assertThat(withoutOld.events.get(1).value()).isEqualTo(2);
        assertThat(withoutOld.events.get(2).value()).isIn(null, 2);
    }

    /** Throws an Error from the first event it gets, then records the rest. */
    static final class FailingOnceListener extends RecordingListener<String, Integer> {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        void record(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> batch) {
            if (calls.getAndIncrement() == 0) {
                throw new AssertionError("a listener that fails with an Error");
            }
            super.record(batch);
        }
    }

    /**
     * An asynchronous listener that throws an Error loses that event only: the key's later events still reach it, other
     * listeners are not disturbed, and the cache closes normally.
     */
    @Test
    void anAsynchronousListenersErrorLosesOnlyItsOwnEvent() {
        Cache<String, Integer> cache = newCache("async-error");
        FailingOnceListener failing = new FailingOnceListener();
        RecordingListener<String, Integer> other = new RecordingListener<>();
        cache.registerCacheEntryListener(listenerConfiguration(failing, true, false));
        cache.registerCacheEntryListener(listenerConfiguration(other, true, false));

        cache.put("k", 1);
        cache.put("k", 2);
        cache.put("k", 3);

        // the Error goes to the delivering thread's uncaught-exception handler, which Awaitility would catch
        await().atMost(Duration.ofSeconds(60)).dontCatchUncaughtExceptions().untilAsserted(() -> {
            assertThat(failing.events).extracting(Seen::value).containsExactly(2, 3);
            assertThat(other.events).extracting(Seen::value).containsExactly(1, 2, 3);
        });
        cache.close();
        assertThat(cache.isClosed()).isTrue();
    }

    /** The reads and the eviction that reclaim an expired entry without the key's lock being held by the caller. */
    enum Reclaimer {
        GET((cache, key) -> cache.get(key)),
        CONTAINS_KEY((cache, key) -> cache.containsKey(key)),
        GET_ALL((cache, key) -> cache.getAll(Set.of(key))),
        EVICT_EXPIRED((cache, key) -> documents(cache).evictExpired());

        final BiConsumer<Cache<String, Integer>, String> reclaim;

        Reclaimer(BiConsumer<Cache<String, Integer>, String> reclaim) {
            this.reclaim = reclaim;
        }
    }

    /** Records events; the first EXPIRED event's delivery waits for the test to let it go before it is recorded. */
    static final class HoldingListener extends RecordingListener<String, Integer> {
        final CountDownLatch holding = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends Integer>> batch) {
            holding.countDown();
            try {
                release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            super.onExpired(batch);
        }
    }

    /**
     * An EXPIRED event is one of the key's events like the others: a write of the key that comes after the
     * reclamation must not have its event delivered before the EXPIRED one (a listener mirroring the cache would
     * otherwise apply "created v2" and then "expired", and believe the key absent while the cache holds v2).
     */
    @ParameterizedTest(name = "reclaimed by {0}")
    @EnumSource(Reclaimer.class)
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void anExpiredEventReachesSynchronousListenersBeforeTheEventsOfLaterWritesOfTheKey(Reclaimer reclaimer)
            throws InterruptedException {
        MutableClock clock = MutableClock.startingAt("2024-05-01T10:00:00Z");
        DocstoreConfiguration<String, Integer> configuration = new DocstoreConfiguration<String, Integer>()
                .setClockFactory(TestClockFactory.of(new SweeperBlindClock(clock)));
        configuration.setTypes(String.class, Integer.class).setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.SECONDS, 10)));
        Cache<String, Integer> cache = manager.createCache("expired-then-written", configuration);
        HoldingListener listener = new HoldingListener();
        cache.registerCacheEntryListener(listenerConfiguration(listener, true, true));
        cache.put("k", 1);
        clock.advance(Duration.ofSeconds(10));

        Thread reclaiming = new Thread(() -> reclaimer.reclaim.accept(cache, "k"), "reclaiming");
        Thread writing = new Thread(() -> cache.put("k", 2), "writing");
        try {
            reclaiming.start();
            assertThat(listener.holding.await(60, TimeUnit.SECONDS)).as("the EXPIRED event was delivered").isTrue();
            writing.start();
            // the write either completes (it did not wait for the EXPIRED delivery) or waits for the key's lock
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !writing.isAlive() || writing.getState() == Thread.State.WAITING);
        } finally {
            listener.release.countDown();
            reclaiming.join(TimeUnit.SECONDS.toMillis(60));
            writing.join(TimeUnit.SECONDS.toMillis(60));
        }

        assertThat(cache.get("k")).isEqualTo(2);
        assertThat(listener.events).extracting(Seen::type, Seen::value)
                .containsExactly(
                        tuple(EventType.CREATED, 1),
                        tuple(EventType.EXPIRED, 1),
                        tuple(EventType.CREATED, 2));
    }
}
