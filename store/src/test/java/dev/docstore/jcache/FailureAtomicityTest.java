package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.factoryOf;
import static dev.docstore.jcache.JCacheTesting.listenerConfiguration;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static dev.docstore.jcache.JCacheTesting.statistics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.docstore.jcache.JCacheTesting.RecordingListener;
import dev.docstore.jcache.JCacheTesting.Seen;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListenerFuture;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * What a failing loader, writer, listener or entry processor leaves behind: the cache as it was (or exactly the part
 * the writer handled), the right exception, the right events and the right statistics.
 */
class FailureAtomicityTest {
    private final CacheManager manager = newManager("failure-atomicity");
    private final RecordingListener<String, String> events = new RecordingListener<>();
    private final ScriptedLoader loader = new ScriptedLoader();
    private final ScriptedWriter writer = new ScriptedWriter();

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private Cache<String, String> cache(String name, boolean readThrough, boolean writeThrough) {
        DocstoreConfiguration<String, String> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(String.class, String.class).setStatisticsEnabled(true)
                .setCacheLoaderFactory(factoryOf(loader)).setReadThrough(readThrough)
                .setCacheWriterFactory(factoryOf(writer)).setWriteThrough(writeThrough)
                .addCacheEntryListenerConfiguration(listenerConfiguration(events, true, true));
        return manager.createCache(name, configuration);
    }

    /** Starts the interesting part: statistics, events and writer calls so far are forgotten. */
    private static void forgetSetUp(Cache<String, String> cache, RecordingListener<?, ?> events, ScriptedWriter writer) {
        statistics(cache).clear();
        events.events.clear();
        writer.written.clear();
        writer.deleted.clear();
    }

    private static Map<String, String> contents(Cache<String, String> cache) {
        Map<String, String> contents = new TreeMap<>();
        for (Cache.Entry<String, String> entry : cache) {
            contents.put(entry.getKey(), entry.getValue());
        }
        return contents;
    }

    /** Loads "loaded-key", except the keys it is told to fail on. */
    static final class ScriptedLoader implements CacheLoader<String, String> {
        final Set<String> failing = ConcurrentHashMap.newKeySet();

        @Override
        public String load(String key) {
            if (failing.contains(key)) {
                throw new IllegalStateException("cannot load " + key);
            }
            return "loaded-" + key;
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            Map<String, String> loaded = new HashMap<>();
            for (String key : keys) {
                loaded.put(key, load(key));
            }
            return loaded;
        }
    }

    /**
     * Writes and deletes every key except the ones it is told to fail on; the bulk methods handle all the others,
     * remove them from the collection as the spec asks, and then throw if any was left.
     */
    static final class ScriptedWriter implements CacheWriter<String, String> {
        final Set<String> failing = ConcurrentHashMap.newKeySet();
        final Map<String, String> written = new ConcurrentHashMap<>();
        final List<String> deleted = new CopyOnWriteArrayList<>();

        @Override
        public void write(Cache.Entry<? extends String, ? extends String> entry) {
            if (failing.contains(entry.getKey())) {
                throw new IllegalStateException("cannot write " + entry.getKey());
            }
            written.put(entry.getKey(), entry.getValue());
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
            Iterator<Cache.Entry<? extends String, ? extends String>> iterator = entries.iterator();
            while (iterator.hasNext()) {
                Cache.Entry<? extends String, ? extends String> entry = iterator.next();
                if (!failing.contains(entry.getKey())) {
                    write(entry);
                    iterator.remove();
                }
            }
            if (!entries.isEmpty()) {
                throw new IllegalStateException("cannot write " + entries.size() + " entries");
            }
        }

        @Override
        public void delete(Object key) {
            if (failing.contains(key)) {
                throw new IllegalStateException("cannot delete " + key);
            }
            deleted.add((String) key);
        }

        @Override
        public void deleteAll(Collection<?> keys) {
            Iterator<?> iterator = keys.iterator();
            while (iterator.hasNext()) {
                Object key = iterator.next();
                if (!failing.contains(key)) {
                    delete(key);
                    iterator.remove();
                }
            }
            if (!keys.isEmpty()) {
                throw new IllegalStateException("cannot delete " + keys.size() + " keys");
            }
        }
    }

    @Nested
    class LoaderFailures {
        private final Cache<String, String> cache = cache("loader", true, false);

        @Test
        void aFailedReadThroughGetThrowsCacheLoaderExceptionAndCountsOnlyTheMiss() {
            loader.failing.add("k");

            Throwable thrown = catchThrowable(() -> cache.get("k"));

            assertThat(thrown).isInstanceOf(CacheLoaderException.class)
                    .hasRootCauseInstanceOf(IllegalStateException.class).hasRootCauseMessage("cannot load k");
            CacheStatistics statistics = statistics(cache);
            assertThat(statistics.getCacheMisses()).isEqualTo(1);
            assertThat(statistics.getCacheHits()).isZero();
            assertThat(statistics.getCacheGets()).isEqualTo(1);
            assertThat(statistics.getCachePuts()).isZero();
            assertThat(events.events).isEmpty();
            assertThat(cache.containsKey("k")).isFalse();
        }

        @Test
        void aFailedReadThroughGetAllStoresNothingAndKeepsWhatWasThere() {
            cache.put("present", "p");
            forgetSetUp(cache, events, writer);
            loader.failing.add("k");

            assertThatThrownBy(() -> cache.getAll(Set.of("present", "k", "other")))
                    .isInstanceOf(CacheLoaderException.class);

            assertThat(statistics(cache).getCachePuts()).isZero();
            assertThat(events.events).isEmpty();
            assertThat(contents(cache)).containsExactly(Map.entry("present", "p"));
        }

        @Test
        void aFailedLoadAllIsReportedToTheCompletionListenerAndStoresNothing() throws Exception {
            loader.failing.add("k");
            CompletionListenerFuture completion = new CompletionListenerFuture();

            cache.loadAll(Set.of("k", "other"), true, completion);

            Throwable thrown = catchThrowable(() -> completion.get(30, TimeUnit.SECONDS));
            assertThat(thrown).isInstanceOf(ExecutionException.class);
            assertThat(thrown.getCause()).isInstanceOf(CacheLoaderException.class);
            assertThat(contents(cache)).isEmpty();
        }
    }

    @Nested
    class WriterFailures {
        private final Cache<String, String> cache = cache("writer", false, true);

        WriterFailures() {
            cache.put("present", "old");
            forgetSetUp(cache, events, writer);
            writer.failing.addAll(Set.of("present", "absent"));
        }

        private void assertUnchanged() {
            assertThat(statistics(cache).getCachePuts()).as("puts").isZero();
            assertThat(statistics(cache).getCacheRemovals()).as("removals").isZero();
            assertThat(events.events).as("events").isEmpty();
            assertThat(writer.written).isEmpty();
            assertThat(writer.deleted).isEmpty();
            assertThat(contents(cache)).containsExactly(Map.entry("present", "old"));
        }

        @Test
        void failedWritesThrowCacheWriterExceptionAndLeaveTheCacheAsItWas() {
            assertThatThrownBy(() -> cache.put("absent", "new")).isInstanceOf(CacheWriterException.class)
                    .hasRootCauseMessage("cannot write absent");
            assertThatThrownBy(() -> cache.put("present", "new")).isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.getAndPut("present", "new")).isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.putIfAbsent("absent", "new")).isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.replace("present", "new")).isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.replace("present", "old", "new"))
                    .isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.getAndReplace("present", "new")).isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.putAll(Map.of("present", "new", "absent", "new")))
                    .isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.invoke("present", (entry, arguments) -> {
                entry.setValue("new");
                return null;
            })).isInstanceOf(CacheException.class).hasRootCauseMessage("cannot write present");

            assertUnchanged();
        }

        @Test
        void failedDeletesThrowCacheWriterExceptionAndLeaveTheEntry() {
            assertThatThrownBy(() -> cache.remove("present")).isInstanceOf(CacheWriterException.class)
                    .hasRootCauseMessage("cannot delete present");
            assertThatThrownBy(() -> cache.remove("present", "old")).isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.getAndRemove("present")).isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.removeAll(Set.of("present"))).isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(cache::removeAll).isInstanceOf(CacheWriterException.class);
            assertThatThrownBy(() -> cache.invoke("present", (entry, arguments) -> {
                entry.remove();
                return null;
            })).isInstanceOf(CacheException.class).hasRootCauseMessage("cannot delete present");
            Iterator<Cache.Entry<String, String>> iterator = cache.iterator();
            iterator.next();
            assertThatThrownBy(iterator::remove).isInstanceOf(CacheWriterException.class);

            statistics(cache).clear(); // the iteration above was a hit
            assertUnchanged();
        }

        @Test
        void aFailedPutAllAppliesExactlyTheEntriesTheWriterWrote() {
            Map<String, String> batch = new LinkedHashMap<>();
            for (String key : List.of("a", "b", "absent", "c", "present", "d")) {
                batch.put(key, "new-" + key);
            }

            assertThatThrownBy(() -> cache.putAll(batch)).isInstanceOf(CacheWriterException.class);

            assertThat(writer.written.keySet()).containsExactlyInAnyOrder("a", "b", "c", "d");
            assertThat(contents(cache)).containsExactly(Map.entry("a", "new-a"), Map.entry("b", "new-b"),
                    Map.entry("c", "new-c"), Map.entry("d", "new-d"), Map.entry("present", "old"));
            assertThat(statistics(cache).getCachePuts()).isEqualTo(4);
            assertThat(events.events).extracting(Seen::type).containsOnly(EventType.CREATED);
            assertThat(events.events).extracting(Seen::key).containsExactlyInAnyOrder("a", "b", "c", "d");
        }

        @Test
        void aFailedRemoveAllOfKeysRemovesExactlyTheKeysTheWriterDeleted() {
            writer.failing.clear();
            cache.putAll(Map.of("a", "A", "b", "B", "c", "C", "d", "D"));
            forgetSetUp(cache, events, writer);
            writer.failing.addAll(Set.of("b", "present"));

            assertThatThrownBy(() -> cache.removeAll(Set.of("a", "b", "c", "present", "never-there")))
                    .isInstanceOf(CacheWriterException.class);

            assertThat(writer.deleted).containsExactlyInAnyOrder("a", "c", "never-there");
            assertThat(contents(cache)).containsOnlyKeys("b", "d", "present");
            assertThat(statistics(cache).getCacheRemovals()).isEqualTo(2);
            assertThat(events.events).extracting(Seen::type, Seen::key).containsExactlyInAnyOrder(
                    tuple(EventType.REMOVED, "a"),
                    tuple(EventType.REMOVED, "c"));
        }

        @Test
        void aFailedRemoveAllRemovesExactlyTheKeysTheWriterDeleted() {
            writer.failing.clear();
            cache.putAll(Map.of("a", "A", "b", "B", "c", "C"));
            forgetSetUp(cache, events, writer);
            writer.failing.addAll(Set.of("b", "present"));

            assertThatThrownBy(cache::removeAll).isInstanceOf(CacheWriterException.class);

            assertThat(writer.deleted).containsExactlyInAnyOrder("a", "c");
            assertThat(contents(cache)).containsOnlyKeys("b", "present");
            assertThat(statistics(cache).getCacheRemovals()).isEqualTo(2);
            assertThat(events.events).extracting(Seen::key).containsExactlyInAnyOrder("a", "c");
        }
    }

    /** Throws on every event of a key starting with "boom". */
    static final class ThrowingListener extends RecordingListener<String, String> {
        private final RuntimeException failure;

        ThrowingListener(RuntimeException failure) {
            this.failure = failure;
        }

        @Override
        void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            super.record(batch);
            for (CacheEntryEvent<? extends String, ? extends String> event : batch) {
                if (event.getKey().startsWith("boom")) {
                    throw failure;
                }
            }
        }
    }

    @Nested
    class ListenerFailures {
        private final Cache<String, String> cache = cache("listener", false, true);
        private final RecordingListener<String, String> asynchronous = new RecordingListener<>();
        private final ThrowingListener throwing = new ThrowingListener(new IllegalStateException("listener broke"));

        ListenerFailures() {
            cache.registerCacheEntryListener(listenerConfiguration(throwing, true, true));
            cache.registerCacheEntryListener(listenerConfiguration(asynchronous, true, false));
        }

        @Test
        void theMutationStandsTheCallerGetsTheFailureAndTheOtherListenersTheEvent() {
            assertThatThrownBy(() -> cache.put("boom", "v1")).isInstanceOf(CacheEntryListenerException.class)
                    .hasRootCauseMessage("listener broke");
            assertThat(contents(cache)).containsExactly(Map.entry("boom", "v1"));
            assertThatThrownBy(() -> cache.put("boom", "v2")).isInstanceOf(CacheEntryListenerException.class);
            assertThat(contents(cache)).containsExactly(Map.entry("boom", "v2"));
            assertThatThrownBy(() -> cache.remove("boom")).isInstanceOf(CacheEntryListenerException.class);
            assertThat(contents(cache)).isEmpty();

            assertThat(writer.written).containsExactly(Map.entry("boom", "v2"));
            assertThat(writer.deleted).containsExactly("boom");
            assertThat(events.events).extracting(Seen::type, Seen::value).containsExactly(
                    tuple(EventType.CREATED, "v1"),
                    tuple(EventType.UPDATED, "v2"),
                    tuple(EventType.REMOVED, "v2"));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(asynchronous.events).extracting(Seen::type)
                            .containsExactly(EventType.CREATED, EventType.UPDATED, EventType.REMOVED));

            cache.put("fine", "v");
            assertThat(cache.get("fine")).isEqualTo("v");
        }

        @Test
        void aCacheEntryListenerExceptionReachesTheCallerUnwrapped() {
            CacheEntryListenerException failure = new CacheEntryListenerException("as thrown");
            Cache<String, String> other = cache("listener-own-exception", false, false);
            other.registerCacheEntryListener(listenerConfiguration(new ThrowingListener(failure), false, true));

            assertThat(catchThrowable(() -> other.put("boom", "v"))).isSameAs(failure);
            assertThat(other.get("boom")).isEqualTo("v");
        }

        @Test
        void aPutWhoseListenerFailedIsStillCountedAsAPut() {
            statistics(cache).clear();

            assertThatThrownBy(() -> cache.put("boom", "v")).isInstanceOf(CacheEntryListenerException.class);

            assertThat(cache.containsKey("boom")).isTrue();
            assertThat(statistics(cache).getCachePuts()).as("puts").isEqualTo(1);
        }

        @Test
        void aRemoveWhoseListenerFailedIsStillCountedAsARemoval() {
            assertThatThrownBy(() -> cache.put("boom", "v")).isInstanceOf(CacheEntryListenerException.class);
            statistics(cache).clear();

            assertThatThrownBy(() -> cache.remove("boom")).isInstanceOf(CacheEntryListenerException.class);

            assertThat(cache.containsKey("boom")).isFalse();
            assertThat(statistics(cache).getCacheRemovals()).as("removals").isEqualTo(1);
        }

        /** The listener's failure is reported once the whole operation is done: it does not cut a putAll short. */
        @Test
        void aFailedListenerDoesNotCutAPutAllShort() {
            Map<String, String> batch = new LinkedHashMap<>();
            for (String key : List.of("a", "boom", "b", "c")) {
                batch.put(key, "v-" + key);
            }

            assertThatThrownBy(() -> cache.putAll(batch)).isInstanceOf(CacheEntryListenerException.class);

            assertThat(writer.written.keySet()).as("written through").containsExactlyInAnyOrder("a", "boom", "b", "c");
            assertThat(contents(cache)).as("cached").containsOnlyKeys("a", "boom", "b", "c");
        }

        @Test
        void aFailedListenerDoesNotCutARemoveAllShort() {
            Map<String, String> batch = new LinkedHashMap<>();
            for (String key : List.of("a", "b", "c", "d", "e", "f", "g", "h")) {
                batch.put(key, "v-" + key);
            }
            cache.putAll(batch);
            assertThatThrownBy(() -> cache.put("boom", "v")).isInstanceOf(CacheEntryListenerException.class);

            assertThatThrownBy(cache::removeAll).isInstanceOf(CacheEntryListenerException.class);

            assertThat(writer.deleted).as("deleted through").hasSize(9);
            assertThat(contents(cache)).as("left in the cache").isEmpty();
        }
    }

    @Nested
    class ProcessorFailures {
        private final Cache<String, String> cache = cache("processor", false, true);
        private final IllegalStateException failure = new IllegalStateException("processor broke");

        ProcessorFailures() {
            cache.put("present", "old");
            forgetSetUp(cache, events, writer);
        }

        private EntryProcessor<String, String, String> setsThenThrows() {
            return (entry, arguments) -> {
                entry.setValue("new");
                throw failure;
            };
        }

        private void assertNothingApplied() {
            assertThat(events.events).as("events").isEmpty();
            assertThat(writer.written).as("written").isEmpty();
            assertThat(writer.deleted).as("deleted").isEmpty();
            assertThat(statistics(cache).getCachePuts()).as("puts").isZero();
            assertThat(statistics(cache).getCacheRemovals()).as("removals").isZero();
        }

        @Test
        void aProcessorThatThrowsAfterSetValueOnAPresentEntryChangesNothing() {
            Throwable thrown = catchThrowable(() -> cache.invoke("present", setsThenThrows()));

            assertThat(thrown).isInstanceOf(EntryProcessorException.class).hasCause(failure);
            assertThat(thrown.getCause()).isSameAs(failure);
            assertNothingApplied();
            assertThat(contents(cache)).containsExactly(Map.entry("present", "old"));
        }

        @Test
        void aProcessorThatThrowsAfterSetValueOnAnAbsentEntryCreatesNothing() {
            Throwable thrown = catchThrowable(() -> cache.invoke("absent", setsThenThrows()));

            assertThat(thrown).isInstanceOf(EntryProcessorException.class);
            assertThat(thrown.getCause()).isSameAs(failure);
            assertNothingApplied();
            assertThat(contents(cache)).containsOnlyKeys("present");
        }

        @Test
        void aProcessorThatThrowsAfterRemoveRemovesNothing() {
            Throwable thrown = catchThrowable(() -> cache.invoke("present", (entry, arguments) -> {
                entry.remove();
                throw failure;
            }));

            assertThat(thrown).isInstanceOf(EntryProcessorException.class);
            assertThat(thrown.getCause()).isSameAs(failure);
            assertNothingApplied();
            assertThat(contents(cache)).containsExactly(Map.entry("present", "old"));
        }

        /** As for any invoke, looking the key up is a hit or a miss, whatever the processor then does. */
        @Test
        void theLookupOfAFailedProcessorIsCountedAsAHitOrAMiss() {
            catchThrowable(() -> cache.invoke("present", setsThenThrows()));
            catchThrowable(() -> cache.invoke("absent", setsThenThrows()));

            assertThat(statistics(cache).getCacheHits()).as("hits").isEqualTo(1);
            assertThat(statistics(cache).getCacheMisses()).as("misses").isEqualTo(1);
            assertThat(statistics(cache).getCachePuts()).as("puts").isZero();
        }

        @Test
        void invokeAllReportsAFailureOnlyForTheKeyWhoseProcessorFailed() {
            cache.putAll(Map.of("a", "A", "b", "B", "c", "C"));
            forgetSetUp(cache, events, writer);

            Map<String, EntryProcessorResult<String>> results = cache.invokeAll(Set.of("a", "b", "c"),
                    (entry, arguments) -> {
                        entry.setValue(entry.getValue() + "!");
                        if (entry.getKey().equals("b")) {
                            throw failure;
                        }
                        return "ok:" + entry.getKey();
                    });

            assertThat(results).containsOnlyKeys("a", "b", "c");
            assertThat(results.get("a").get()).isEqualTo("ok:a");
            assertThat(results.get("c").get()).isEqualTo("ok:c");
            Throwable thrown = catchThrowable(() -> results.get("b").get());
            assertThat(thrown).isInstanceOf(EntryProcessorException.class);
            assertThat(thrown.getCause()).isSameAs(failure);
            assertThat(contents(cache)).containsExactly(Map.entry("a", "A!"), Map.entry("b", "B"),
                    Map.entry("c", "C!"), Map.entry("present", "old"));
            assertThat(events.events).extracting(Seen::type, Seen::key).containsExactlyInAnyOrder(
                    tuple(EventType.UPDATED, "a"),
                    tuple(EventType.UPDATED, "c"));
            assertThat(writer.written).containsOnlyKeys("a", "c");
            assertThat(statistics(cache).getCachePuts()).isEqualTo(2);
        }
    }
}
