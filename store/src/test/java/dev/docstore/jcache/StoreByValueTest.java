package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.factoryOf;
import static dev.docstore.jcache.JCacheTesting.listenerConfiguration;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static dev.docstore.jcache.JCacheTesting.statistics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.jcache.JCacheTesting.RecordingListener;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryEvent;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Store-by-value, the default: what goes in and what comes out are isolated from the cache, documents are frozen once
 * and shared, immutable values are shared, everything else is copied (by the configured {@link Copier}).
 */
class StoreByValueTest {
    private final CacheManager manager = newManager("store-by-value");

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private <K, V> Cache<K, V> byValue(String name) {
        return manager.createCache(name, new DocstoreConfiguration<K, V>());
    }

    enum Level { LOW, HIGH }

    record Money(BigDecimal amount, String currency, Level level, LocalDate due, long cents) {
    }

    /** A record with a mutable component: not provably immutable, so copied like any other value. */
    record Tagged(String name, List<String> tags) implements Serializable {
    }

    /** A mutable, serialisable value. */
    static final class Person implements Serializable {
        private static final long serialVersionUID = 1L;

        private String name;
        private final List<String> tags = new ArrayList<>();

        Person(String name, String... tags) {
            this.name = name;
            this.tags.addAll(List.of(tags));
        }

        String getName() {
            return name;
        }

        void setName(String name) {
            this.name = name;
        }

        List<String> getTags() {
            return tags;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Person that && that.name.equals(name) && that.tags.equals(tags);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, tags);
        }

        @Override
        public String toString() {
            return "Person[" + name + ", " + tags + "]";
        }
    }

    /** A mutable, serialisable key. */
    static final class MutableKey implements Serializable {
        private static final long serialVersionUID = 1L;

        private String id;

        MutableKey(String id) {
            this.id = id;
        }

        void setId(String id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof MutableKey that && that.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }

        @Override
        public String toString() {
            return "MutableKey[" + id + "]";
        }
    }

    /** Mutable and not serialisable: the default copier cannot copy it. */
    static final class Unserializable {
        final List<String> items = new ArrayList<>();
    }

    @Nested
    class Documents {
        private final Cache<String, Map<String, Object>> cache = byValue("documents");

        private Map<String, Object> original() {
            Map<String, Object> address = new HashMap<>();
            address.put("city", "Porto");
            address.put("zip", "4000");
            List<Object> tags = new ArrayList<>(List.of("a", "b"));
            Map<String, Object> document = new HashMap<>();
            document.put("name", "Ana");
            document.put("age", 31);
            document.put("address", address);
            document.put("tags", tags);
            return document;
        }

        @Test
        void aDocumentReadsBackAsTheSameFrozenInstanceOnEveryRead() {
            Map<String, Object> original = original();
            cache.put("ana", original);

            Map<String, Object> first = cache.get("ana");
            Map<String, Object> second = cache.get("ana");
            Map<String, Object> viaGetAll = cache.getAll(Set.of("ana")).get("ana");
            Map<String, Object> viaIterator = cache.iterator().next().getValue();

            assertThat(first).isEqualTo(original).isNotSameAs(original);
            assertThat(second).isSameAs(first);
            assertThat(viaGetAll).isSameAs(first);
            assertThat(viaIterator).isSameAs(first);
            assertThat(cache.getAndPut("ana", Map.of("name", "Bea"))).isSameAs(first);
        }

        @Test
        void aStoredDocumentCannotBeMutatedAtAnyDepth() {
            cache.put("ana", original());
            Map<String, Object> read = cache.get("ana");
            Map<?, ?> address = (Map<?, ?>) read.get("address");
            List<?> tags = (List<?>) read.get("tags");

            assertThatThrownBy(() -> read.put("name", "Eve")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> read.remove("name")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(read::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> address.remove("city")).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(address::clear).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> tags.remove(0)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(() -> tags.removeIf(tag -> true)).isInstanceOf(UnsupportedOperationException.class);
            assertThatThrownBy(tags::clear).isInstanceOf(UnsupportedOperationException.class);

            assertThat(cache.get("ana")).isEqualTo(original());
        }

        @Test
        void mutatingTheCallersMapAfterPutChangesNothing() {
            Map<String, Object> address = new HashMap<>(Map.of("city", "Porto"));
            List<Object> tags = new ArrayList<>(List.of("a"));
            Map<String, Object> original = new HashMap<>(Map.of("name", "Ana", "address", address, "tags", tags));
            cache.put("ana", original);

            original.put("name", "Eve");
            original.remove("tags");
            address.put("city", "Faro");
            tags.add("c");

            assertThat(cache.get("ana"))
                    .isEqualTo(Map.of("name", "Ana", "address", Map.of("city", "Porto"), "tags", List.of("a")));
        }

        @Test
        void conditionalOperationsCompareDocumentsByValue() {
            cache.put("ana", original());

            assertThat(cache.replace("ana", Map.of("name", "nobody"), Map.of("name", "Eve"))).isFalse();
            assertThat(cache.replace("ana", original(), Map.of("name", "Bea"))).isTrue();
            assertThat(cache.remove("ana", new HashMap<>(Map.of("name", "Bea")))).isTrue();
            assertThat(cache.containsKey("ana")).isFalse();
        }

        @Test
        void putAllFreezesEveryDocument() {
            Map<String, Object> original = original();
            Map<String, Map<String, Object>> batch = new LinkedHashMap<>();
            batch.put("a", original);
            batch.put("b", original);
            cache.putAll(batch);
            original.put("name", "Eve");

            assertThat(cache.get("a")).isEqualTo(original()).isSameAs(cache.get("a"));
            assertThat(cache.get("b")).isEqualTo(original());
            assertThatThrownBy(() -> cache.get("b").put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
        }
    }

    @Nested
    class ImmutableValues {
        private final Cache<String, Object> cache = byValue("immutables");

        @Test
        void immutableValuesComeBackAsTheInstancePut() {
            Map<String, Object> values = new LinkedHashMap<>();
            values.put("string", new String("text"));
            values.put("long", Long.valueOf(1_234_567_890_123L));
            values.put("decimal", new BigDecimal("1.50"));
            values.put("uuid", UUID.randomUUID());
            values.put("date", LocalDate.of(2024, 2, 29));
            values.put("enum", Level.HIGH);
            values.put("jdk enum", DayOfWeek.FRIDAY);
            values.put("record", new Money(new BigDecimal("9.99"), "EUR", Level.LOW, LocalDate.of(2024, 1, 1), 999));
            cache.putAll(values);

            values.forEach((key, value) -> {
                assertThat(cache.get(key)).as(key).isSameAs(value);
                assertThat(cache.get(key)).as(key).isSameAs(value);
            });
            for (Cache.Entry<String, Object> entry : cache) {
                assertThat(entry.getValue()).as(entry.getKey()).isSameAs(values.get(entry.getKey()));
            }
        }

        @Test
        void aRecordWithAMutableComponentIsCopied() {
            Tagged original = new Tagged("t", new ArrayList<>(List.of("a")));
            cache.put("t", original);
            original.tags().add("b");

            Tagged read = (Tagged) cache.get("t");
            assertThat(read).isNotSameAs(original).isEqualTo(new Tagged("t", List.of("a")));
            read.tags().add("c");
            assertThat(cache.get("t")).isEqualTo(new Tagged("t", List.of("a"))).isNotSameAs(read);
        }
    }

    @Nested
    class MutableValues {
        private final Cache<String, Person> cache = byValue("pojos");

        @Test
        void mutatingTheOriginalAfterPutDoesNotReachTheCache() {
            Person ana = new Person("Ana", "a");
            cache.put("ana", ana);

            ana.setName("Eve");
            ana.getTags().add("b");

            assertThat(cache.get("ana")).isEqualTo(new Person("Ana", "a"));
        }

        @Test
        void eachReadIsADistinctCopyWhoseMutationDoesNotReachTheCache() {
            cache.put("ana", new Person("Ana", "a"));

            Person first = cache.get("ana");
            Person second = cache.get("ana");
            assertThat(first).isEqualTo(second).isNotSameAs(second);

            first.setName("Eve");
            first.getTags().add("b");
            assertThat(cache.get("ana")).isEqualTo(new Person("Ana", "a"));

            Person fromIterator = cache.iterator().next().getValue();
            fromIterator.getTags().clear();
            Person fromGetAll = cache.getAll(Set.of("ana")).get("ana");
            fromGetAll.setName("Zoe");
            Person fromGetAndPut = cache.getAndPut("ana", new Person("Ana", "a"));
            fromGetAndPut.setName("Zed");
            assertThat(cache.get("ana")).isEqualTo(new Person("Ana", "a"));
        }

        @Test
        void anEntryProcessorMutatingTheValueWithoutSetValueChangesNothing() {
            cache.put("ana", new Person("Ana", "a"));

            cache.invoke("ana", (entry, arguments) -> {
                entry.getValue().setName("Eve");
                entry.getValue().getTags().add("b");
                return null;
            });

            assertThat(cache.get("ana")).isEqualTo(new Person("Ana", "a"));
        }

        @Test
        void theValueSetByAnEntryProcessorIsCopiedIn() {
            Person eve = new Person("Eve");
            cache.invoke("eve", (entry, arguments) -> {
                entry.setValue(eve);
                return null;
            });
            eve.setName("changed after invoke");

            assertThat(cache.get("eve")).isEqualTo(new Person("Eve"));
        }

        @Test
        void listenersGetCopiesTheyCannotUseToChangeTheCache() {
            RecordingListener<String, Person> mutating = new RecordingListener<>() {
                @Override
                public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Person>> batch) {
                    super.onCreated(batch);
                    batch.forEach(event -> event.getValue().setName("changed by a listener"));
                }
            };
            cache.registerCacheEntryListener(listenerConfiguration(mutating, false, true));

            cache.put("ana", new Person("Ana"));

            assertThat(mutating.events).hasSize(1);
            assertThat(cache.get("ana")).isEqualTo(new Person("Ana"));
        }
    }

    @Nested
    class Keys {
        private final Cache<MutableKey, String> cache = byValue("mutable-keys");

        @Test
        void mutatingTheCallersKeyAfterPutDoesNotMoveTheEntry() {
            MutableKey key = new MutableKey("a");
            cache.put(key, "value");

            key.setId("b");

            assertThat(cache.get(new MutableKey("a"))).isEqualTo("value");
            assertThat(cache.containsKey(new MutableKey("b"))).isFalse();
            assertThat(cache.iterator().next().getKey()).isEqualTo(new MutableKey("a"));
        }

        @Test
        void keysHandedOutAreCopies() {
            cache.put(new MutableKey("a"), "value");

            MutableKey handedOut = cache.iterator().next().getKey();
            handedOut.setId("b");

            assertThat(cache.get(new MutableKey("a"))).isEqualTo("value");
            assertThat(cache.iterator().next().getKey()).isEqualTo(new MutableKey("a")).isNotSameAs(handedOut);
        }
    }

    @Nested
    class ValuesThatCannotBeCopied {
        private final Cache<String, Object> cache = byValue("unserializable");

        @Test
        void areRefusedWithACacheExceptionNamingTheClassAndChangeNothing() {
            RecordingListener<String, Object> listener = new RecordingListener<>();
            cache.registerCacheEntryListener(listenerConfiguration(listener, true, true));
            manager.enableStatistics(cache.getName(), true);
            cache.put("present", "old");
            statistics(cache).clear();
            listener.events.clear();

            assertThatThrownBy(() -> cache.put("absent", new Unserializable()))
                    .isInstanceOf(CacheException.class).hasMessageContaining(Unserializable.class.getName());
            assertThatThrownBy(() -> cache.put("present", new Unserializable()))
                    .isInstanceOf(CacheException.class).hasMessageContaining(Unserializable.class.getName());
            assertThatThrownBy(() -> cache.putAll(Map.of("absent", new Unserializable())))
                    .isInstanceOf(CacheException.class).hasMessageContaining(Unserializable.class.getName());
            assertThatThrownBy(() -> cache.replace("present", new Unserializable()))
                    .isInstanceOf(CacheException.class).hasMessageContaining(Unserializable.class.getName());

            assertThat(cache.containsKey("absent")).isFalse();
            assertThat(cache.get("present")).isEqualTo("old");
            assertThat(listener.events).isEmpty();
            assertThat(statistics(cache).getCachePuts()).isZero();
        }

        @Test
        void aKeyThatCannotBeCopiedIsRefusedToo() {
            Cache<Object, String> keyed = byValue("unserializable-keys");

            assertThatThrownBy(() -> keyed.put(new Unserializable(), "value"))
                    .isInstanceOf(CacheException.class).hasMessageContaining(Unserializable.class.getName());
            assertThat(keyed.iterator().hasNext()).isFalse();
        }

        /**
         * Failure atomicity with write-through: a value the cache cannot keep must be refused before the writer
         * stores it, or the system of record holds a value the cache reports as never written (for an update: the
         * cache goes on serving the old value while the writer has the new one).
         */
        @Test
        void areRefusedBeforeTheWriterSeesThem() {
            List<Object> written = new CopyOnWriteArrayList<>();
            CacheWriter<String, Object> writer = new CacheWriter<>() {
                @Override
                public void write(Cache.Entry<? extends String, ? extends Object> entry) {
                    written.add(entry.getValue());
                }

                @Override
                public void writeAll(Collection<Cache.Entry<? extends String, ? extends Object>> entries) {
                    Iterator<Cache.Entry<? extends String, ? extends Object>> it = entries.iterator();
                    while (it.hasNext()) {
                        written.add(it.next().getValue());
                        it.remove();
                    }
                }

                @Override
                public void delete(Object key) {
                }

                @Override
                public void deleteAll(Collection<?> keys) {
                    keys.clear();
                }
            };
            MutableConfiguration<String, Object> configuration = new DocstoreConfiguration<String, Object>()
                    .setCacheWriterFactory(factoryOf(writer)).setWriteThrough(true);
            Cache<String, Object> writeThrough = manager.createCache("unserializable-write-through", configuration);
            writeThrough.put("present", "old");
            written.clear();

            assertThatThrownBy(() -> writeThrough.put("present", new Unserializable()))
                    .isInstanceOf(CacheException.class).isNotInstanceOf(CacheWriterException.class);

            assertThat(writeThrough.get("present")).isEqualTo("old");
            assertThat(written).as("values the writer stored though the cache refused them").isEmpty();
        }
    }

    @Nested
    class StoreByReference {
        private final Cache<Object, Object> cache = manager.createCache("by-reference",
                new DocstoreConfiguration<>().setStoreByValue(false));

        @Test
        void returnsTheVeryInstancesPut() {
            Person ana = new Person("Ana");
            MutableKey key = new MutableKey("k");
            cache.put("person", ana);
            cache.put(key, "by key");

            assertThat(cache.get("person")).isSameAs(ana);
            assertThat(cache.getAll(Set.of("person")).get("person")).isSameAs(ana);
            assertThat(cache.getAndPut("person", ana)).isSameAs(ana);
            ana.setName("Eve");
            assertThat(cache.get("person")).isEqualTo(new Person("Eve"));
            for (Cache.Entry<Object, Object> entry : cache) {
                if (entry.getValue().equals("by key")) {
                    assertThat(entry.getKey()).isSameAs(key);
                }
            }
        }

        @Test
        void neverCopiesEvenWhatCannotBeCopied() {
            Unserializable value = new Unserializable();

            cache.put("k", value);

            assertThat(cache.get("k")).isSameAs(value);
        }

        /** Store-by-reference keeps references: a Map is a value like any other, not turned into a frozen copy. */
        @Test
        void aMapValueIsTheVeryInstancePutToo() {
            Map<String, Object> document = new HashMap<>(Map.of("name", "Ana"));

            cache.put("document", document);

            assertThat(cache.get("document")).isSameAs(document);
        }

        @Test
        void aMapThatIsNotADocumentCanBeStored() {
            Map<Integer, Person> byNumber = new HashMap<>(Map.of(1, new Person("Ana")));

            cache.put("numbers", byNumber);

            assertThat(cache.get("numbers")).isSameAs(byNumber);
        }
    }

    /**
     * Maps that are not documents (a non-string key, a value documents cannot hold) are ordinary mutable values: kept
     * as copies by value, as they are by reference. And a cache typed to a concrete map class must hand that class
     * back.
     */
    @Nested
    class MapsThatAreNotDocuments {
        @Test
        void aMapWithNonStringKeysIsKeptAsACopy() {
            Cache<String, Object> cache = byValue("map-integer-keys");
            Map<Integer, String> byNumber = new HashMap<>(Map.of(1, "one"));

            cache.put("numbers", byNumber);
            byNumber.put(2, "two");

            assertThat(cache.get("numbers")).isEqualTo(Map.of(1, "one"));
        }

        @Test
        void aMapHoldingAPlainObjectIsKeptAsACopy() {
            Cache<String, Object> cache = byValue("map-of-pojos");
            Map<String, Object> team = new HashMap<>(Map.of("lead", new Person("Ana")));

            cache.put("team", team);

            assertThat(cache.get("team")).isEqualTo(Map.of("lead", new Person("Ana")));
        }

        @Test
        void aCacheTypedToHashMapHandsBackHashMaps() {
            Cache<String, HashMap<String, Object>> cache = manager.createCache("typed-hash-map",
                    new DocstoreConfiguration<String, HashMap<String, Object>>().setTypes(String.class, hashMapClass()));
            cache.put("k", new HashMap<>(Map.of("name", "Ana")));

            Object read = cache.get("k");

            assertThat(read).isInstanceOf(HashMap.class).isEqualTo(Map.of("name", "Ana"));
        }

        @SuppressWarnings("unchecked") // HashMap.class can only be the raw class
        private Class<HashMap<String, Object>> hashMapClass() {
            return (Class<HashMap<String, Object>>) (Class<?>) HashMap.class;
        }
    }

    /** A copier that counts its calls and the classes it copied, copying by serialisation. */
    static final class CountingCopier implements Copier {
        final AtomicInteger calls = new AtomicInteger();
        final List<Class<?>> copied = new CopyOnWriteArrayList<>();

        @Override
        public <T> T copy(T value, ClassLoader classLoader) {
            calls.incrementAndGet();
            copied.add(value.getClass());
            return SerializingCopier.INSTANCE.copy(value, classLoader);
        }
    }

    @Nested
    class CustomCopier {
        private final CountingCopier copier = new CountingCopier();

        private <K, V> Cache<K, V> withCopier(String name, boolean byValue) {
            DocstoreConfiguration<K, V> configuration = new DocstoreConfiguration<K, V>()
                    .setCopierFactory(factoryOf(copier));
            configuration.setStoreByValue(byValue);
            return manager.createCache(name, configuration);
        }

        @Test
        void copiesEachMutableValueOnceInAndOncePerRead() {
            Cache<String, Person> cache = withCopier("copier-pojo", true);

            cache.put("ana", new Person("Ana"));
            assertThat(copier.calls).hasValue(1);
            cache.get("ana");
            cache.get("ana");
            assertThat(copier.calls).hasValue(3);
            assertThat(copier.copied).containsOnly(Person.class);
        }

        @Test
        void whatTheCopierReturnsIsWhatTheCacheKeepsAndHandsOut() {
            Copier renaming = new Copier() {
                @Override
                @SuppressWarnings("unchecked") // the test copies only Persons
                public <T> T copy(T value, ClassLoader classLoader) {
                    copier.calls.incrementAndGet();
                    Person person = (Person) value;
                    return (T) new Person(person.getName() + "'");
                }
            };
            Cache<String, Person> cache = manager.createCache("copier-renaming",
                    new DocstoreConfiguration<String, Person>().setCopierFactory(factoryOf(renaming)));

            cache.put("ana", new Person("Ana"));

            assertThat(cache.get("ana").getName()).isEqualTo("Ana''");
            assertThat(copier.calls).hasValue(2);
        }

        @Test
        void neverCopiesDocumentsNorImmutableValues() {
            Cache<String, Object> cache = withCopier("copier-immutables", true);

            cache.put("document", Map.of("name", "Ana", "tags", List.of("a")));
            cache.put("string", "text");
            cache.put("record", new Money(BigDecimal.ONE, "EUR", Level.LOW, LocalDate.of(2024, 1, 1), 100));
            cache.get("document");
            cache.get("string");
            cache.get("record");
            cache.iterator().forEachRemaining(entry -> { });

            assertThat(copier.calls).hasValue(0);
        }

        @Test
        void copiesMutableKeysButNotImmutableOnes() {
            Cache<Object, String> cache = withCopier("copier-keys", true);

            cache.put("string key", "v");
            assertThat(copier.calls).hasValue(0);
            cache.put(new MutableKey("k"), "v");
            assertThat(copier.calls).hasValue(1);
            assertThat(copier.copied).containsExactly(MutableKey.class);
        }

        @Test
        void isNotUsedByReference() {
            Cache<String, Person> cache = withCopier("copier-by-reference", false);

            cache.put("ana", new Person("Ana"));
            cache.get("ana");

            assertThat(copier.calls).hasValue(0);
        }
    }
}
