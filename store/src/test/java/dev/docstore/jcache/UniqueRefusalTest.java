package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.docstore.index.IndexDefinition;
import dev.docstore.index.UniqueConstraintException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.cache.processor.MutableEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a unique index's refusal looks like through each method of the Cache API, as documented on
 * {@link DocumentCache}: single-key writes and {@code putAll} throw a {@link CacheException} caused by the
 * {@link UniqueConstraintException}; entry processors an {@link EntryProcessorException} caused by it (per key in
 * {@code invokeAll}); read-through of a refused value a {@link CacheException} (a {@link CacheLoaderException} to a
 * {@code loadAll} listener). In every case the refused value is not stored, nothing else changes, and the writer is
 * never called with it.
 */
class UniqueRefusalTest {
    private static final String TAKEN = "ana@example.org";

    private final CacheManager manager = newManager("unique-refusal");
    private final List<String> written = new CopyOnWriteArrayList<>();
    private final Map<String, Map<String, Object>> source = new HashMap<>();
    private final Cache<String, Map<String, Object>> cache;

    UniqueRefusalTest() {
        DocstoreConfiguration<String, Map<String, Object>> configuration =
                new DocstoreConfiguration<String, Map<String, Object>>()
                        .addIndex(IndexDefinition.of("byEmail", "email").asUnique());
        configuration.setCacheWriterFactory(JCacheTesting.factoryOf(new RecordingWriter()))
                .setCacheLoaderFactory(JCacheTesting.factoryOf(new SourceLoader()))
                .setWriteThrough(true).setReadThrough(true);
        cache = manager.createCache("people", configuration);
        cache.put("ana", person(TAKEN));
        cache.put("bia", person("bia@example.org"));
        written.clear();
        source.put("eve", person(TAKEN));
        source.put("gil", person("gil@example.org"));
    }

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private static Map<String, Object> person(String email) {
        return Map.of("email", email);
    }

    /** Every single-key write of a value another key holds. */
    static Stream<Arguments> singleKeyWrites() {
        return Stream.of(
                write("put", cache -> cache.put("eve", person(TAKEN))),
                write("getAndPut", cache -> cache.getAndPut("eve", person(TAKEN))),
                write("putIfAbsent", cache -> cache.putIfAbsent("eve", person(TAKEN))),
                write("replace(k, v)", cache -> cache.replace("bia", person(TAKEN))),
                write("replace(k, old, new)", cache -> cache.replace("bia", person("bia@example.org"), person(TAKEN))),
                write("getAndReplace", cache -> cache.getAndReplace("bia", person(TAKEN))));
    }

    private static Arguments write(String what, Consumer<Cache<String, Map<String, Object>>> call) {
        return Arguments.of(what, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleKeyWrites")
    void aSingleKeyWriteIsRefusedWithACacheExceptionBeforeTheWriter(String what,
            Consumer<Cache<String, Map<String, Object>>> call) {
        Map<String, Map<String, Object>> before = contents();

        Throwable thrown = catchThrowable(() -> call.accept(cache));

        assertRefusal(thrown, CacheException.class);
        assertThat(thrown).isNotInstanceOf(EntryProcessorException.class);
        assertThat(contents()).isEqualTo(before);
        assertThat(written).as("written through").isEmpty();
    }

    @Test
    void putAllIsRefusedWholeWhenOneEntryConflictsWithTheCache() {
        Map<String, Map<String, Object>> before = contents();
        Map<String, Map<String, Object>> batch = new LinkedHashMap<>();
        batch.put("gil", person("gil@example.org"));
        batch.put("eve", person(TAKEN));

        assertRefusal(catchThrowable(() -> cache.putAll(batch)), CacheException.class);
        assertThat(contents()).as("nothing of the batch stored").isEqualTo(before);
        assertThat(written).isEmpty();
    }

    @Test
    void putAllIsRefusedWholeWhenTwoOfItsEntriesShareAValue() {
        Map<String, Map<String, Object>> before = contents();
        Map<String, Map<String, Object>> batch = new LinkedHashMap<>();
        batch.put("gil", person("same@example.org"));
        batch.put("hal", person("same@example.org"));

        Throwable thrown = catchThrowable(() -> cache.putAll(batch));

        assertRefusal(thrown, CacheException.class);
        assertThat(thrown).hasMessageContaining("hal").hasMessageContaining("gil");
        assertThat(contents()).isEqualTo(before);
        assertThat(written).isEmpty();
    }

    @Test
    void putAllThatMovesAValueBetweenKeysOfTheBatchIsRefusedAsPutsInAnyOrderWouldBe() {
        Map<String, Map<String, Object>> batch = new LinkedHashMap<>();
        batch.put("eve", person(TAKEN));
        batch.put("ana", person("ana@new.example.org"));
        Map<String, Map<String, Object>> before = contents();

        assertRefusal(catchThrowable(() -> cache.putAll(batch)), CacheException.class);
        assertThat(contents()).isEqualTo(before);
    }

    @Test
    void putAllOfCompatibleValuesIsStoredAndWritten() {
        Map<String, Map<String, Object>> batch = new LinkedHashMap<>();
        batch.put("gil", person("gil@example.org"));
        batch.put("ana", person(TAKEN));

        cache.putAll(batch);

        assertThat(cache.get("gil")).isEqualTo(person("gil@example.org"));
        assertThat(written).containsExactlyInAnyOrder("gil", "ana");
    }

    @Test
    void invokeIsRefusedWithAnEntryProcessorExceptionCausedByTheRefusal() {
        Map<String, Map<String, Object>> before = contents();

        Throwable thrown = catchThrowable(() -> cache.invoke("eve", UniqueRefusalTest::setTaken));

        assertRefusal(thrown, EntryProcessorException.class);
        assertThat(contents()).isEqualTo(before);
        assertThat(written).isEmpty();
    }

    @Test
    void invokeAllReportsTheRefusalForItsKeyAndAppliesTheOthers() {
        Map<String, EntryProcessorResult<Object>> results = cache.invokeAll(Set.of("eve", "bia"), (entry, args) -> {
            entry.setValue(person(entry.getKey().equals("eve") ? TAKEN : "bia@new.example.org"));
            return entry.getKey();
        });

        assertRefusal(catchThrowable(() -> results.get("eve").get()), EntryProcessorException.class);
        assertThat(results.get("bia").get()).isEqualTo("bia");
        assertThat(cache.containsKey("eve")).isFalse();
        assertThat(cache.get("bia")).isEqualTo(person("bia@new.example.org"));
        assertThat(written).containsExactly("bia");
    }

    private static Object setTaken(MutableEntry<String, Map<String, Object>> entry, Object... arguments) {
        entry.setValue(person(TAKEN));
        return null;
    }

    @Test
    void aReadThroughOfARefusedValueIsACacheExceptionAndStoresNothing() {
        Map<String, Map<String, Object>> before = contents();

        assertRefusal(catchThrowable(() -> cache.get("eve")), CacheException.class);
        assertThat(contents()).isEqualTo(before);
        assertThat(written).as("loaded values are never written back").isEmpty();
    }

    @Test
    void getAllStoresTheLoadedValuesTheIndexAcceptsAndThenReportsTheRefusal() {
        assertRefusal(catchThrowable(() -> cache.getAll(Set.of("eve", "gil"))), CacheException.class);
        assertThat(cache.containsKey("eve")).isFalse();
        assertThat(cache.containsKey("gil")).as("gil's value was loaded and accepted").isTrue();
    }

    @Test
    void loadAllTellsItsListenerOfTheRefusalAndStoresTheRest() throws Exception {
        CompletableFuture<Exception> outcome = new CompletableFuture<>();
        cache.loadAll(Set.of("eve", "gil"), false, new CompletionListener() {
            @Override
            public void onCompletion() {
                outcome.complete(null);
            }

            @Override
            public void onException(Exception e) {
                outcome.complete(e);
            }
        });

        Exception failure = outcome.get(30, TimeUnit.SECONDS);
        assertThat(failure).isInstanceOf(CacheLoaderException.class)
                .hasRootCauseInstanceOf(UniqueConstraintException.class);
        assertThat(cache.containsKey("eve")).isFalse();
        assertThat(cache.containsKey("gil")).isTrue();
    }

    @Test
    void theIndexStillHoldsExactlyTheOriginalOwner() {
        catchThrowable(() -> cache.put("eve", person(TAKEN)));
        catchThrowable(() -> cache.invoke("eve", UniqueRefusalTest::setTaken));
        catchThrowable(() -> cache.get("eve"));

        assertThat(documents(cache).lookup("byEmail", TAKEN)).extracting(DocstoreCacheEntry::getKey)
                .containsExactly("ana");
    }

    private static void assertRefusal(Throwable thrown, Class<? extends CacheException> type) {
        assertThat(thrown).isInstanceOf(type).hasCauseInstanceOf(UniqueConstraintException.class)
                .hasMessageContaining("unique index 'byEmail'");
    }

    private Map<String, Map<String, Object>> contents() {
        Map<String, Map<String, Object>> contents = new TreeMap<>();
        for (DocstoreCacheEntry<String, Map<String, Object>> entry : documents(cache).sample(100)) {
            contents.put(entry.getKey(), entry.getValue());
        }
        return contents;
    }

    /** Records the keys written through; deletes nothing that matters here. */
    private final class RecordingWriter implements CacheWriter<String, Map<String, Object>> {
        @Override
        public void write(Cache.Entry<? extends String, ? extends Map<String, Object>> entry) {
            written.add(entry.getKey());
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends String, ? extends Map<String, Object>>> entries) {
            List<Cache.Entry<? extends String, ? extends Map<String, Object>>> all = new ArrayList<>(entries);
            all.forEach(this::write);
            entries.clear();
        }

        @Override
        public void delete(Object key) {
        }

        @Override
        public void deleteAll(Collection<?> keys) {
            keys.clear();
        }
    }

    /** Loads from {@link #source}. */
    private final class SourceLoader implements CacheLoader<String, Map<String, Object>> {
        @Override
        public Map<String, Object> load(String key) {
            return source.get(key);
        }

        @Override
        public Map<String, Map<String, Object>> loadAll(Iterable<? extends String> keys) {
            Map<String, Map<String, Object>> loaded = new HashMap<>();
            keys.forEach(key -> {
                if (source.containsKey(key)) {
                    loaded.put(key, source.get(key));
                }
            });
            return loaded;
        }
    }
}
