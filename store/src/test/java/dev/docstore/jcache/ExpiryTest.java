package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.factoryOf;
import static dev.docstore.jcache.JCacheTesting.listenerConfiguration;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.docstore.engine.StoreFigures;
import dev.docstore.jcache.JCacheTesting.RecordingListener;
import dev.docstore.jcache.JCacheTesting.Seen;
import dev.docstore.jcache.JCacheTesting.SweeperBlindClock;
import dev.docstore.jcache.JCacheTesting.TestClockFactory;
import dev.docstore.testing.MutableClock;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Expiry on the cache's injected clock: visibility up to the expiry time and none after (before any sweep), reclamation
 * by {@code evictExpired()}, by reads and by the background sweeper, EXPIRED events, and the spec's rules for zero and
 * null durations and for policies that throw.
 */
class ExpiryTest {
    private static final Duration TEN_SECONDS = new Duration(TimeUnit.SECONDS, 10);

    private final CacheManager manager = newManager("expiry");
    private final MutableClock clock = MutableClock.startingAt("2024-05-01T10:00:00Z");
    private final AtomicInteger names = new AtomicInteger();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    /** A cache on a clock the background sweeper does not see move: only the test reclaims expired entries. */
    private Cache<String, String> cache(Factory<? extends ExpiryPolicy> policy) {
        return cache(policy, new SweeperBlindClock(clock));
    }

    private Cache<String, String> cache(Factory<? extends ExpiryPolicy> policy, Clock cacheClock) {
        DocstoreConfiguration<String, String> configuration = new DocstoreConfiguration<String, String>()
                .setClockFactory(TestClockFactory.of(cacheClock));
        configuration.setTypes(String.class, String.class).setExpiryPolicyFactory(policy);
        return manager.createCache("expiry-" + names.incrementAndGet(), configuration);
    }

    private void advance(long millis) {
        clock.advance(java.time.Duration.ofMillis(millis));
    }

    private static List<String> iteratedKeys(Cache<String, String> cache) {
        List<String> keys = new ArrayList<>();
        cache.forEach(entry -> keys.add(entry.getKey()));
        return keys;
    }

    /** Hidden from every read, whether or not it is still stored. */
    private static void assertGone(Cache<String, String> cache, String key) {
        assertThat(iteratedKeys(cache)).doesNotContain(key);
        assertThat(cache.get(key)).isNull();
        assertThat(cache.containsKey(key)).isFalse();
        assertThat(cache.getAll(Set.of(key))).isEmpty();
    }

    /** An expiry policy whose three durations come from suppliers (which may throw); counts its calls. */
    static final class ScriptedExpiry implements ExpiryPolicy {
        final AtomicInteger calls = new AtomicInteger();
        private final Supplier<Duration> creation;
        private final Supplier<Duration> access;
        private final Supplier<Duration> update;

        ScriptedExpiry(Supplier<Duration> creation, Supplier<Duration> access, Supplier<Duration> update) {
            this.creation = creation;
            this.access = access;
            this.update = update;
        }

        @Override
        public Duration getExpiryForCreation() {
            calls.incrementAndGet();
            return creation.get();
        }

        @Override
        public Duration getExpiryForAccess() {
            calls.incrementAndGet();
            return access.get();
        }

        @Override
        public Duration getExpiryForUpdate() {
            calls.incrementAndGet();
            return update.get();
        }
    }

    private static Supplier<Duration> fails() {
        return () -> {
            throw new IllegalStateException("a broken expiry policy");
        };
    }

    private static Supplier<Duration> failsWithAnError() {
        return () -> {
            throw new AssertionError("a broken expiry policy");
        };
    }

    @Nested
    class CreatedPolicy {
        private final Cache<String, String> cache = cache(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));

        @Test
        void anEntryIsVisibleUntilTheClockReachesItsExpiryAndHiddenAtOnceAfterEvenBeforeAnySweep() {
            cache.put("k", "v");
            advance(9_999);

            assertThat(cache.containsKey("k")).isTrue();
            assertThat(iteratedKeys(cache)).containsExactly("k");
            assertThat(cache.get("k")).isEqualTo("v");

            advance(1);

            assertThat(iteratedKeys(cache)).isEmpty();
            assertThat(documents(cache).figures().documents()).as("still stored: nothing reclaimed it yet")
                    .isEqualTo(1);
            assertThat(documents(cache).query(q -> q)).isEmpty();
            assertGone(cache, "k");
        }

        @Test
        void neitherReadsNorUpdatesExtendTheExpiry() {
            cache.put("k", "v");
            advance(5_000);
            cache.get("k");
            cache.put("k", "v2");
            advance(4_999);
            assertThat(cache.get("k")).isEqualTo("v2");

            advance(1);

            assertGone(cache, "k");
        }

        @Test
        void anEntryCreatedAgainAfterExpiryGetsAFreshExpiry() {
            cache.put("k", "v");
            advance(10_000);
            cache.put("k", "v2");
            advance(9_999);

            assertThat(cache.get("k")).isEqualTo("v2");
        }
    }

    @Nested
    class AccessedPolicy {
        private final Cache<String, String> cache = cache(AccessedExpiryPolicy.factoryOf(TEN_SECONDS));

        @Test
        void eachReadRestartsTheExpiry() {
            cache.put("k", "v");
            advance(9_000);
            assertThat(cache.get("k")).isEqualTo("v");
            advance(9_000);
            assertThat(iteratedKeys(cache)).containsExactly("k"); // an access too, at 18 s: expires at 28 s
            advance(9_999);
            assertThat(cache.containsKey("k")).isTrue(); // not an access

            advance(1);

            assertGone(cache, "k");
        }

        @Test
        void anUpdateDoesNotExtendTheExpiry() {
            cache.put("k", "v");
            advance(5_000);
            cache.put("k", "v2");
            advance(4_999);
            assertThat(cache.containsKey("k")).isTrue();

            advance(1);

            assertGone(cache, "k");
        }
    }

    @Nested
    class ModifiedPolicy {
        private final Cache<String, String> cache = cache(ModifiedExpiryPolicy.factoryOf(TEN_SECONDS));

        @Test
        void eachUpdateRestartsTheExpiry() {
            cache.put("k", "v");
            advance(5_000);
            cache.put("k", "v2");
            advance(9_999);
            assertThat(cache.containsKey("k")).isTrue();
            cache.replace("k", "v3");
            advance(9_999);
            assertThat(cache.containsKey("k")).isTrue();

            advance(1);

            assertGone(cache, "k");
        }

        @Test
        void aReadDoesNotExtendTheExpiry() {
            cache.put("k", "v");
            advance(5_000);
            assertThat(cache.get("k")).isEqualTo("v");
            advance(4_999);
            assertThat(cache.get("k")).isEqualTo("v");

            advance(1);

            assertGone(cache, "k");
        }
    }

    @Nested
    class TouchedPolicy {
        private final Cache<String, String> cache = cache(TouchedExpiryPolicy.factoryOf(TEN_SECONDS));

        @Test
        void readsAndUpdatesBothRestartTheExpiry() {
            cache.put("k", "v");
            advance(9_000);
            assertThat(cache.get("k")).isEqualTo("v");
            advance(9_000);
            cache.put("k", "v2");
            advance(9_999);
            assertThat(cache.containsKey("k")).isTrue();

            advance(1);

            assertGone(cache, "k");
        }
    }

    @Nested
    class Reclamation {
        private final Cache<String, String> cache = cache(CreatedExpiryPolicy.factoryOf(TEN_SECONDS));
        private final RecordingListener<String, String> withOld = new RecordingListener<>();
        private final RecordingListener<String, String> withoutOld = new RecordingListener<>();

        Reclamation() {
            cache.registerCacheEntryListener(listenerConfiguration(withOld, true, true));
            cache.registerCacheEntryListener(listenerConfiguration(withoutOld, false, true));
        }

        private void putTwoThatExpireAndOneThatDoesNot() {
            cache.put("a", "A");
            cache.put("b", "B");
            advance(5_000);
            cache.put("c", "C");
            advance(5_000);
        }

        @Test
        void evictExpiredRemovesExactlyTheExpiredEntriesAndReportsThem() {
            putTwoThatExpireAndOneThatDoesNot();
            assertThat(withOld.of(EventType.EXPIRED)).as("nothing reclaimed before the eviction").isEmpty();

            int evicted = documents(cache).evictExpired();

            assertThat(evicted).isEqualTo(2);
            assertThat(documents(cache).figures().documents()).isEqualTo(1);
            assertThat(cache.get("c")).isEqualTo("C");
            assertThat(withOld.of(EventType.EXPIRED)).extracting(Seen::key, Seen::value, Seen::oldValue,
                            Seen::oldValueAvailable)
                    .containsExactlyInAnyOrder(
                            tuple("a", "A", "A", true),
                            tuple("b", "B", "B", true));
            assertThat(withoutOld.of(EventType.EXPIRED)).extracting(Seen::key).containsExactlyInAnyOrder("a", "b");
            for (Seen<String, String> event : withoutOld.of(EventType.EXPIRED)) {
                // the spec lets a listener that did not ask for old values get both or neither
                assertThat(event.value()).isEqualTo(event.oldValue());
                assertThat(event.value()).isIn(null, event.key().toUpperCase());
            }
            assertThat(documents(cache).evictExpired()).isZero();
        }

        @Test
        void evictExpiredKeepsNoSnapshotOpenNorRemovedVersionsHeld() {
            putTwoThatExpireAndOneThatDoesNot();

            documents(cache).evictExpired();

            StoreFigures figures = documents(cache).figures();
            assertThat(figures.openSnapshots()).as("snapshots the sweep left open: %s", figures).isZero();
            assertThat(figures.retainedVersions()).as("removed versions still held: %s", figures).isZero();
        }

        @Test
        void aReadOfAnExpiredEntryReclaimsItAndReportsItOnTheReadersThread() {
            cache.put("k", "v");
            advance(10_000);

            assertThat(cache.get("k")).isNull();

            assertThat(documents(cache).figures().documents()).isZero();
            assertThat(withOld.of(EventType.EXPIRED)).singleElement().satisfies(event -> {
                assertThat(event.key()).isEqualTo("k");
                assertThat(event.oldValue()).isEqualTo("v");
                assertThat(event.thread()).isEqualTo(Thread.currentThread().getName());
            });
        }

        @Test
        void expiredEntriesAreNotRemovalsAndFireNoRemovedEvent() {
            putTwoThatExpireAndOneThatDoesNot();

            cache.removeAll();

            assertThat(withOld.of(EventType.REMOVED)).extracting(Seen::key).containsExactly("c");
            assertThat(withOld.of(EventType.EXPIRED)).extracting(Seen::key).containsExactlyInAnyOrder("a", "b");
        }
    }

    @Nested
    class BackgroundSweeper {
        @Test
        void reclaimsAnExpiredEntryThatNobodyReadsAndReportsIt() {
            Cache<String, String> cache = cache(CreatedExpiryPolicy.factoryOf(TEN_SECONDS), clock);
            RecordingListener<String, String> synchronous = new RecordingListener<>();
            RecordingListener<String, String> asynchronous = new RecordingListener<>();
            cache.registerCacheEntryListener(listenerConfiguration(synchronous, true, true));
            cache.registerCacheEntryListener(listenerConfiguration(asynchronous, true, false));
            cache.put("k", "v");
            DocumentCache<String, String> documents = documents(cache);

            advance(10_001);

            await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(documents.figures().documents()).isZero();
                assertThat(synchronous.of(EventType.EXPIRED)).hasSize(1);
                assertThat(asynchronous.of(EventType.EXPIRED)).hasSize(1);
            });
            Seen<String, String> expired = synchronous.of(EventType.EXPIRED).get(0);
            assertThat(expired.key()).isEqualTo("k");
            assertThat(expired.oldValue()).isEqualTo("v");
            assertThat(expired.thread()).as("reclaimed by the sweeper, not by a read of this test")
                    .isNotEqualTo(Thread.currentThread().getName());
            assertThat(asynchronous.of(EventType.EXPIRED).get(0).oldValue()).isEqualTo("v");
        }

        /**
         * A synchronous EXPIRED listener that throws once must not end background reclamation for good (an exception
         * escaping a task of a ScheduledExecutorService cancels all its later runs).
         */
        @Test
        void keepsSweepingAfterAListenerThrew() {
            Cache<String, String> cache = cache(CreatedExpiryPolicy.factoryOf(TEN_SECONDS), clock);
            AtomicInteger failures = new AtomicInteger();
            RecordingListener<String, String> throwsOnce = new RecordingListener<>() {
                @Override
                public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
                    super.onExpired(batch);
                    if (failures.getAndIncrement() == 0) {
                        throw new IllegalStateException("a listener failing once");
                    }
                }
            };
            cache.registerCacheEntryListener(listenerConfiguration(throwsOnce, true, true));
            DocumentCache<String, String> documents = documents(cache);
            cache.put("first", "v");
            advance(10_001);
            await().atMost(java.time.Duration.ofSeconds(60))
                    .until(() -> throwsOnce.of(EventType.EXPIRED).size() == 1);
            assertThat(documents.figures().documents()).isZero();

            cache.put("second", "v");
            advance(10_001);

            await().atMost(java.time.Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(throwsOnce.of(EventType.EXPIRED)).extracting(Seen::key).containsExactly("first", "second");
                assertThat(documents.figures().documents()).isZero();
            });
        }

        @Test
        void leavesEntriesThatHaveNotExpired() {
            Cache<String, String> cache = cache(CreatedExpiryPolicy.factoryOf(TEN_SECONDS), clock);
            RecordingListener<String, String> listener = new RecordingListener<>();
            cache.registerCacheEntryListener(listenerConfiguration(listener, true, true));
            cache.put("expires", "v");
            advance(5_000);
            cache.put("stays", "v");
            advance(5_000);

            await().atMost(java.time.Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(listener.of(EventType.EXPIRED)).hasSize(1));

            assertThat(listener.of(EventType.EXPIRED).get(0).key()).isEqualTo("expires");
            assertThat(documents(cache).figures().documents()).isEqualTo(1);
            assertThat(cache.containsKey("stays")).isTrue();
        }
    }

    @Nested
    class ZeroAndNullDurations {
        @Test
        void zeroOnCreationNeverStores() {
            Cache<String, String> cache = cache(CreatedExpiryPolicy.factoryOf(Duration.ZERO));
            RecordingListener<String, String> listener = new RecordingListener<>();
            cache.registerCacheEntryListener(listenerConfiguration(listener, true, true));

            cache.put("put", "v");
            assertThat(cache.getAndPut("getAndPut", "v")).isNull();
            cache.putIfAbsent("putIfAbsent", "v");
            Map<String, String> batch = new LinkedHashMap<>();
            batch.put("putAll", "v");
            cache.putAll(batch);
            cache.invoke("invoke", (entry, arguments) -> {
                entry.setValue("v");
                return null;
            });

            assertThat(documents(cache).figures().documents()).isZero();
            assertThat(listener.events).isEmpty();
            for (String key : List.of("put", "getAndPut", "putIfAbsent", "putAll", "invoke")) {
                assertThat(cache.get(key)).as(key).isNull();
            }
        }

        @Test
        void zeroOnAccessReturnsTheValueOnceThenTheEntryIsGone() {
            Cache<String, String> cache = cache(factoryOf(new ScriptedExpiry(() -> Duration.ETERNAL,
                    () -> Duration.ZERO, () -> null)));
            cache.put("get", "v");
            cache.put("getAll", "v");
            cache.put("iterated", "v");

            assertThat(cache.get("get")).isEqualTo("v");
            assertThat(cache.getAll(Set.of("getAll"))).containsEntry("getAll", "v");
            assertThat(cache.containsKey("get")).isFalse();
            assertThat(cache.get("getAll")).isNull();

            assertThat(iteratedKeys(cache)).containsExactly("iterated");
            assertThat(iteratedKeys(cache)).isEmpty();
            assertThat(cache.get("iterated")).isNull();
        }

        @Test
        void nullForAnUpdateKeepsThePreviousExpiry() {
            Cache<String, String> cache = cache(factoryOf(new ScriptedExpiry(() -> TEN_SECONDS, () -> null,
                    () -> null)));
            cache.put("k", "v");
            advance(6_000);
            cache.put("k", "v2");
            cache.replace("k", "v3");
            advance(3_999);
            assertThat(cache.get("k")).isEqualTo("v3");

            advance(1);

            assertGone(cache, "k");
        }

        @Test
        void nullForAnAccessKeepsThePreviousExpiry() {
            Cache<String, String> cache = cache(factoryOf(new ScriptedExpiry(() -> TEN_SECONDS, () -> null,
                    () -> null)));
            cache.put("k", "v");
            advance(9_999);
            assertThat(cache.get("k")).isEqualTo("v");

            advance(1);

            assertGone(cache, "k");
        }
    }

    @Nested
    class PoliciesThatThrow {
        @Test
        void onCreationTheEntryIsEternal() {
            ScriptedExpiry policy = new ScriptedExpiry(fails(), () -> null, () -> null);
            Cache<String, String> cache = cache(factoryOf(policy));

            cache.put("k", "v");
            advance(TimeUnit.DAYS.toMillis(3650));

            assertThat(policy.calls).hasPositiveValue();
            assertThat(documents(cache).evictExpired()).isZero();
            assertThat(cache.get("k")).isEqualTo("v");
        }

        @Test
        void onAccessTheExpiryIsUnchanged() {
            ScriptedExpiry policy = new ScriptedExpiry(() -> TEN_SECONDS, fails(), () -> null);
            Cache<String, String> cache = cache(factoryOf(policy));
            cache.put("k", "v");
            advance(5_000);

            assertThat(cache.get("k")).isEqualTo("v");
            advance(4_999);
            assertThat(cache.get("k")).isEqualTo("v");
            assertThat(policy.calls).hasValue(3);

            advance(1);

            assertGone(cache, "k");
        }

        @Test
        void onUpdateTheExpiryIsUnchangedAndTheUpdateStands() {
            ScriptedExpiry policy = new ScriptedExpiry(() -> TEN_SECONDS, () -> null, fails());
            Cache<String, String> cache = cache(factoryOf(policy));
            cache.put("k", "v");
            advance(5_000);

            cache.put("k", "v2");
            advance(4_999);
            assertThat(cache.get("k")).isEqualTo("v2");

            advance(1);

            assertGone(cache, "k");
        }

        /** An Error is the policy's failure like an exception (a VirtualMachineError alone is let through). */
        @Test
        void anErrorOnCreationMakesTheEntryEternalAndTheWriteStandsInTheCache() {
            ScriptedExpiry policy = new ScriptedExpiry(failsWithAnError(), () -> null, () -> null);
            Cache<String, String> cache = cache(factoryOf(policy));

            cache.put("k", "v");
            advance(TimeUnit.DAYS.toMillis(3650));

            assertThat(cache.get("k")).isEqualTo("v");
        }

        @Test
        void anErrorOnAccessLeavesTheExpiryUnchangedAndTheReadAnswers() {
            ScriptedExpiry policy = new ScriptedExpiry(() -> TEN_SECONDS, failsWithAnError(), () -> null);
            Cache<String, String> cache = cache(factoryOf(policy));
            cache.put("k", "v");
            advance(9_999);

            assertThat(cache.get("k")).isEqualTo("v");
            advance(1);
            assertGone(cache, "k");
        }

        @Test
        void anErrorOnUpdateLeavesTheExpiryUnchangedAndTheUpdateStands() {
            ScriptedExpiry policy = new ScriptedExpiry(() -> TEN_SECONDS, () -> null, failsWithAnError());
            Cache<String, String> cache = cache(factoryOf(policy));
            cache.put("k", "v");
            advance(5_000);

            cache.put("k", "v2");
            advance(4_999);
            assertThat(cache.get("k")).isEqualTo("v2");
            advance(1);
            assertGone(cache, "k");
        }
    }
}
