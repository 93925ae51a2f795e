package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.documents;
import static dev.docstore.jcache.JCacheTesting.newManager;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import dev.docstore.engine.StoreFigures;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexInfo;
import dev.docstore.index.IndexRange;
import dev.docstore.index.QueryPlan;
import dev.docstore.jcache.JCacheTesting.SweeperBlindClock;
import dev.docstore.jcache.JCacheTesting.TestClockFactory;
import dev.docstore.testing.MutableClock;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The index-aware side of a cache ({@code unwrap(DocumentCache.class)}): indexes declared in the configuration or
 * created at runtime over documents, plain objects and records; lookups, ranges, scans, counts and queries that follow
 * the Cache API's writes, leave expired entries out and hand out copies as {@code get} does.
 */
class IndexedCacheTest {
    private final CacheManager manager = newManager("indexed");

    @AfterEach
    void closeManager() {
        manager.close();
    }

    private static <K, V> List<K> keys(List<DocstoreCacheEntry<K, V>> entries) {
        return entries.stream().map(DocstoreCacheEntry::getKey).toList();
    }

    static Map<String, Object> person(String name, String city, int age) {
        return Map.of("name", name, "age", age, "address", Map.of("city", city));
    }

    @Nested
    class Documents {
        private final Cache<String, Map<String, Object>> cache = manager.createCache("documents",
                new DocstoreConfiguration<String, Map<String, Object>>()
                        .addIndex(IndexDefinition.of("byCity", "address.city"))
                        .addIndex(IndexDefinition.of("byAge", "age")));
        private final DocumentCache<String, Map<String, Object>> documents = documents(cache);

        Documents() {
            cache.put("ana", person("Ana", "Porto", 31));
            cache.put("bia", person("Bia", "Lisboa", 25));
            cache.put("caio", person("Caio", "Porto", 40));
            cache.put("duda", person("Duda", "Faro", 19));
        }

        @Test
        void indexesDeclaredInTheConfigurationExistAndAreReady() {
            assertThat(documents.getName()).isEqualTo("documents");
            assertThat(documents.indexes()).extracting(IndexInfo::name, IndexInfo::ready, IndexInfo::entries)
                    .containsExactlyInAnyOrder(
                            tuple("byCity", true, 4L),
                            tuple("byAge", true, 4L));
        }

        @Test
        void lookupReturnsCacheEntriesWithKeyValueAndVersion() {
            List<DocstoreCacheEntry<String, Map<String, Object>>> porto = documents.lookup("byCity", "Porto");

            assertThat(keys(porto)).containsExactlyInAnyOrder("ana", "caio");
            DocstoreCacheEntry<String, Map<String, Object>> ana = porto.stream()
                    .filter(entry -> entry.getKey().equals("ana")).findFirst().orElseThrow();
            assertThat(ana.getValue()).isEqualTo(person("Ana", "Porto", 31)).isSameAs(cache.get("ana"));
            assertThat(ana.version()).isPositive();
            assertThat(ana.unwrap(DocstoreCacheEntry.class)).isSameAs(ana);
            assertThat(documents.lookup("byCity", "Braga")).isEmpty();
        }

        @Test
        void rangesScansAndCountsFollowTheIndexOrder() {
            assertThat(keys(documents.range("byAge", 20, 40))).containsExactly("bia", "ana");
            assertThat(keys(documents.range("byAge", null, 26))).containsExactly("duda", "bia");
            assertThat(keys(documents.scan("byAge", IndexRange.all(), true, 2))).containsExactly("caio", "ana");
            assertThat(keys(documents.scan("byAge", IndexRange.between(20, null), false, 10)))
                    .containsExactly("bia", "ana", "caio");
            assertThat(documents.count("byAge", IndexRange.between(20, 40))).isEqualTo(2);
            assertThat(documents.count("byCity", IndexRange.exact("Porto"))).isEqualTo(2);
            assertThat(documents.count("byCity", IndexRange.all())).isEqualTo(4);
        }

        @Test
        void scanPagesConcatenateToTheWholeScan() {
            List<String> whole = keys(documents.scan("byAge", IndexRange.all(), true, 10));
            for (int size = 1; size <= 3; size++) {
                List<String> paged = new ArrayList<>();
                for (long offset = 0; offset <= whole.size(); offset += size) {
                    paged.addAll(keys(documents.scan("byAge", IndexRange.all(), true, offset, size)));
                }
                assertThat(paged).as("pages of %d", size).containsExactlyElementsOf(whole);
            }
            assertThatThrownBy(() -> documents.scan("byAge", IndexRange.all(), true, -1, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
        }

        @Test
        void queriesPickAnIndexAndExplainWhich() {
            assertThat(keys(documents.query(q -> q.where("address.city").eq("Porto").and("age").gt(35))))
                    .containsExactly("caio");
            QueryPlan plan = documents.explain(q -> q.where("address.city").eq("Porto"));
            assertThat(plan.index()).isEqualTo("byCity");
            assertThat(plan.isScan()).isFalse();
            QueryPlan scan = documents.explain(q -> q.where("name").eq("Ana"));
            assertThat(scan.isScan()).isTrue();
            assertThat(keys(documents.query(q -> q.where("name").eq("Ana")))).containsExactly("ana");
            assertThat(keys(documents.query(q -> q.where("age").gte(19).orderByDescending("age").limit(2))))
                    .containsExactly("caio", "ana");
        }

        @Test
        void anIndexCreatedAtRuntimeCoversTheEntriesAlreadyThere() {
            IndexInfo created = documents.createIndex(IndexDefinition.of("byName", "name"));

            assertThat(created.ready()).isTrue();
            assertThat(created.entries()).isEqualTo(4);
            assertThat(keys(documents.lookup("byName", "Bia"))).containsExactly("bia");
            assertThat(documents.explain(q -> q.where("name").eq("Bia")).index()).isEqualTo("byName");
            documents.dropIndex("byName");
            assertThat(documents.indexes()).extracting(IndexInfo::name).containsExactlyInAnyOrder("byCity", "byAge");
        }

        @Test
        void writesThroughTheCacheApiAreReflected() {
            long before = documents.lookup("byCity", "Porto").stream()
                    .filter(entry -> entry.getKey().equals("ana")).findFirst().orElseThrow().version();

            cache.put("ana", person("Ana", "Braga", 32));
            cache.replace("bia", person("Bia", "Porto", 26));
            cache.getAndPut("eva", person("Eva", "Porto", 50));
            cache.invoke("duda", (entry, arguments) -> {
                entry.setValue(person("Duda", "Porto", 20));
                return null;
            });
            cache.remove("caio");

            assertThat(keys(documents.lookup("byCity", "Porto"))).containsExactlyInAnyOrder("bia", "duda", "eva");
            DocstoreCacheEntry<String, Map<String, Object>> ana = documents.lookup("byCity", "Braga").get(0);
            assertThat(ana.getKey()).isEqualTo("ana");
            assertThat(ana.version()).isGreaterThan(before);
            assertThat(keys(documents.range("byAge", 30, null))).containsExactly("ana", "eva");

            cache.getAndRemove("eva");
            cache.removeAll(Set.of("bia"));
            Iterator<Cache.Entry<String, Map<String, Object>>> iterator = cache.iterator();
            while (iterator.hasNext()) {
                if (iterator.next().getKey().equals("duda")) {
                    iterator.remove();
                }
            }
            assertThat(keys(documents.lookup("byCity", "Porto"))).isEmpty();
            assertThat(documents.count("byCity", IndexRange.all())).isEqualTo(1);

            cache.removeAll();
            assertThat(keys(documents.scan("byAge", IndexRange.all(), false, 100))).isEmpty();
            cache.put("fia", person("Fia", "Porto", 22));
            assertThat(keys(documents.lookup("byCity", "Porto"))).containsExactly("fia");
        }

        @Test
        void clearEmptiesTheIndexes() {
            cache.clear();

            assertThat(documents.count("byCity", IndexRange.all())).isZero();
            assertThat(documents.query(q -> q.where("age").gte(0))).isEmpty();
        }

        /** Removed versions go from the indexes once no snapshot needs them; removeAll must not keep one open. */
        @Test
        void removeAllLeavesNoSnapshotOpenAndNoRemovedVersionIndexed() {
            cache.removeAll();

            StoreFigures figures = documents.figures();
            assertThat(figures.openSnapshots()).as("snapshots removeAll left open: %s", figures).isZero();
            assertThat(figures.retainedVersions()).as("removed versions held: %s", figures).isZero();
            assertThat(documents.indexes()).extracting(IndexInfo::entries).as("index entries of removed versions")
                    .containsOnly(0L);
        }
    }

    /** A mutable value class read through its getters, with a nested object. */
    static final class Customer implements Serializable {
        private static final long serialVersionUID = 1L;

        private String name;
        private int age;
        private Address address;

        Customer(String name, int age, Address address) {
            this.name = name;
            this.age = age;
            this.address = address;
        }

        public String getName() {
            return name;
        }

        public int getAge() {
            return age;
        }

        public Address getAddress() {
            return address;
        }

        public void setName(String name) {
            this.name = name;
        }

        public void setAddress(Address address) {
            this.address = address;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Customer that && that.name.equals(name) && that.age == age
                    && that.address.equals(address);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, age, address);
        }

        @Override
        public String toString() {
            return "Customer[" + name + ", " + age + ", " + address + "]";
        }
    }

    static final class Address implements Serializable {
        private static final long serialVersionUID = 1L;

        private String city;

        Address(String city) {
            this.city = city;
        }

        public String getCity() {
            return city;
        }

        public void setCity(String city) {
            this.city = city;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Address that && that.city.equals(city);
        }

        @Override
        public int hashCode() {
            return city.hashCode();
        }

        @Override
        public String toString() {
            return "Address[" + city + "]";
        }
    }

    @Nested
    class PlainObjects {
        private final Cache<String, Customer> cache = manager.createCache("customers",
                new DocstoreConfiguration<String, Customer>().addIndex(IndexDefinition.of("byCity", "address.city")));
        private final DocumentCache<String, Customer> documents = documents(cache);

        PlainObjects() {
            cache.put("ana", new Customer("Ana", 31, new Address("Porto")));
            cache.put("bia", new Customer("Bia", 25, new Address("Lisboa")));
            cache.put("caio", new Customer("Caio", 40, new Address("Porto")));
        }

        @Test
        void nestedPropertiesAreIndexedThroughGetters() {
            assertThat(keys(documents.lookup("byCity", "Porto"))).containsExactlyInAnyOrder("ana", "caio");
            documents.createIndex(IndexDefinition.of("byAge", "age"));
            assertThat(keys(documents.range("byAge", 30, null))).containsExactly("ana", "caio");
            assertThat(keys(documents.query(q -> q.where("name").eq("Bia")))).containsExactly("bia");
            assertThat(documents.lookup("byCity", "Lisboa").get(0).getValue())
                    .isEqualTo(new Customer("Bia", 25, new Address("Lisboa")));
        }

        @Test
        void updatesAndRemovalsAreReflected() {
            cache.put("bia", new Customer("Bia", 25, new Address("Porto")));
            cache.remove("ana");

            assertThat(keys(documents.lookup("byCity", "Porto"))).containsExactlyInAnyOrder("bia", "caio");
            assertThat(documents.lookup("byCity", "Lisboa")).isEmpty();
        }

        @Test
        void mutatingTheCallersObjectAfterPutDoesNotMoveItInTheIndex() {
            Customer eva = new Customer("Eva", 50, new Address("Faro"));
            cache.put("eva", eva);

            eva.getAddress().setCity("Porto");

            assertThat(keys(documents.lookup("byCity", "Faro"))).containsExactly("eva");
            assertThat(keys(documents.lookup("byCity", "Porto"))).doesNotContain("eva");
        }

        @Test
        void resultsAreCopiesWhoseMutationChangesNeitherTheCacheNorTheIndex() {
            Customer first = documents.lookup("byCity", "Lisboa").get(0).getValue();
            Customer second = documents.lookup("byCity", "Lisboa").get(0).getValue();
            assertThat(first).isEqualTo(second).isNotSameAs(second);

            first.setName("Changed");
            first.getAddress().setCity("Porto");
            documents.query(q -> q.where("name").eq("Caio")).get(0).getValue().setAddress(new Address("Faro"));

            assertThat(cache.get("bia")).isEqualTo(new Customer("Bia", 25, new Address("Lisboa")));
            assertThat(keys(documents.lookup("byCity", "Lisboa"))).containsExactly("bia");
            assertThat(keys(documents.lookup("byCity", "Porto"))).containsExactlyInAnyOrder("ana", "caio");
        }

        @Test
        void aFieldHoldingObjectsWithoutAnOrderCountsThemAsUnindexable() {
            IndexInfo byAddress = documents.createIndex(IndexDefinition.of("byAddress", "address"));

            assertThat(byAddress.unindexable()).isEqualTo(3);
            assertThat(byAddress.entries()).isZero();

            cache.put("eva", new Customer("Eva", 50, new Address("Faro")));

            IndexInfo after = documents.indexes().stream().filter(info -> info.name().equals("byAddress"))
                    .findFirst().orElseThrow();
            assertThat(after.unindexable()).isEqualTo(4);
            assertThat(documents.count("byAddress", IndexRange.all())).isZero();
            assertThat(keys(documents.lookup("byCity", "Faro"))).containsExactly("eva");
        }
    }

    record Order(String customer, String city, int amount) {
    }

    @Nested
    class Records {
        private final Cache<String, Order> cache = manager.createCache("orders",
                new DocstoreConfiguration<String, Order>().addIndex(IndexDefinition.of("byCity", "city")));
        private final DocumentCache<String, Order> documents = documents(cache);

        @Test
        void recordComponentsAreIndexed() {
            Order first = new Order("ana", "Porto", 120);
            cache.put("o1", first);
            cache.put("o2", new Order("bia", "Lisboa", 80));
            cache.put("o3", new Order("caio", "Porto", 300));
            documents.createIndex(IndexDefinition.of("byAmount", "amount"));

            assertThat(keys(documents.lookup("byCity", "Porto"))).containsExactlyInAnyOrder("o1", "o3");
            assertThat(keys(documents.range("byAmount", 100, null))).containsExactly("o1", "o3");
            assertThat(keys(documents.scan("byAmount", IndexRange.all(), true, 1))).containsExactly("o3");
            assertThat(documents.count("byAmount", IndexRange.between(0, 200))).isEqualTo(2);
            assertThat(keys(documents.query(q -> q.where("customer").eq("bia")))).containsExactly("o2");
            // an immutable record is shared, not copied
            assertThat(documents.lookup("byAmount", 120).get(0).getValue()).isSameAs(first);

            cache.put("o1", new Order("ana", "Faro", 120));
            assertThat(keys(documents.lookup("byCity", "Porto"))).containsExactly("o3");
        }
    }

    @Nested
    class Expiry {
        private final MutableClock clock = MutableClock.startingAt("2024-05-01T10:00:00Z");
        private final Cache<String, Map<String, Object>> cache;
        private final DocumentCache<String, Map<String, Object>> documents;

        Expiry() {
            DocstoreConfiguration<String, Map<String, Object>> configuration =
                    new DocstoreConfiguration<String, Map<String, Object>>()
                            .setClockFactory(TestClockFactory.of(new SweeperBlindClock(clock)))
                            .addIndex(IndexDefinition.of("byCity", "address.city"))
                            .addIndex(IndexDefinition.of("byAge", "age"));
            configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.SECONDS, 10)));
            cache = manager.createCache("expiring", configuration);
            documents = documents(cache);
            // the two youngest expire first; the two oldest stay
            cache.put("duda", person("Duda", "Porto", 19));
            cache.put("bia", person("Bia", "Porto", 25));
            clock.advance(java.time.Duration.ofSeconds(5));
            cache.put("ana", person("Ana", "Porto", 31));
            cache.put("caio", person("Caio", "Porto", 40));
            clock.advance(java.time.Duration.ofSeconds(5));
        }

        @Test
        void expiredEntriesAreLeftOutOfLookupsRangesScansAndQueries() {
            assertThat(keys(documents.lookup("byCity", "Porto"))).containsExactlyInAnyOrder("ana", "caio");
            assertThat(keys(documents.range("byAge", null, null))).containsExactly("ana", "caio");
            assertThat(keys(documents.scan("byAge", IndexRange.all(), true, 10))).containsExactly("caio", "ana");
            assertThat(keys(documents.query(q -> q.where("address.city").eq("Porto"))))
                    .containsExactlyInAnyOrder("ana", "caio");
            assertThat(keys(documents.query(q -> q.where("name").startsWith(""))))
                    .containsExactlyInAnyOrder("ana", "caio");
        }

        @Test
        void countLeavesExpiredEntriesOutToo() {
            assertThat(documents.count("byCity", IndexRange.exact("Porto")))
                    .as("count agrees with lookup: %s", keys(documents.lookup("byCity", "Porto")))
                    .isEqualTo(2);
        }

        @Test
        void aScanLimitCountsOnlyLiveEntries() {
            assertThat(keys(documents.scan("byAge", IndexRange.all(), false, 2))).containsExactly("ana", "caio");
        }

        @Test
        void aScanOffsetSkipsOnlyLiveEntries() {
            assertThat(keys(documents.scan("byAge", IndexRange.all(), false, 1, 10))).containsExactly("caio");
            assertThat(keys(documents.scan("byAge", IndexRange.all(), false, 2, 10))).isEmpty();
            assertThatThrownBy(() -> documents.scan("byAge", IndexRange.all(), false, -1, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("offset");
        }

        @Test
        void aQueryLimitCountsOnlyLiveEntries() {
            assertThat(keys(documents.query(q -> q.where("address.city").eq("Porto").orderBy("age").limit(2))))
                    .containsExactly("ana", "caio");
        }

        @Test
        void evictionRemovesExpiredEntriesFromTheIndexes() {
            assertThat(documents.evictExpired()).isEqualTo(2);

            assertThat(documents.count("byCity", IndexRange.all())).isEqualTo(2);
        }
    }

    /**
     * A unique index makes some puts impossible. The Cache API must refuse them as JCache does every provider failure,
     * with a {@link CacheException}, and before write-through, so the writer never stores what the cache refused.
     */
    @Nested
    class UniqueIndex {
        private final List<String> written = new CopyOnWriteArrayList<>();
        private final Cache<String, Map<String, Object>> cache;

        UniqueIndex() {
            CacheWriter<String, Map<String, Object>> writer = new CacheWriter<>() {
                @Override
                public void write(Cache.Entry<? extends String, ? extends Map<String, Object>> entry) {
                    written.add(entry.getKey());
                }

                @Override
                public void writeAll(Collection<Cache.Entry<? extends String, ? extends Map<String, Object>>> entries) {
                    entries.forEach(entry -> written.add(entry.getKey()));
                    entries.clear();
                }

                @Override
                public void delete(Object key) {
                }

                @Override
                public void deleteAll(Collection<?> keys) {
                    keys.clear();
                }
            };
            DocstoreConfiguration<String, Map<String, Object>> configuration =
                    new DocstoreConfiguration<String, Map<String, Object>>()
                            .addIndex(IndexDefinition.of("byEmail", "email").asUnique());
            configuration.setCacheWriterFactory(JCacheTesting.factoryOf(writer)).setWriteThrough(true);
            cache = manager.createCache("unique", configuration);
            cache.put("ana", Map.of("email", "a@example.org"));
            written.clear();
        }

        @Test
        void aPutThatBreaksItIsACacheExceptionAndChangesNothingInTheCache() {
            Throwable thrown = catchThrowable(() -> cache.put("eve", Map.of("email", "a@example.org")));

            assertThat(thrown).isInstanceOf(CacheException.class);
            assertThat(cache.containsKey("eve")).isFalse();
            assertThat(keys(documents(cache).lookup("byEmail", "a@example.org"))).containsExactly("ana");
        }

        @Test
        void aPutThatBreaksItNeverReachesTheWriter() {
            catchThrowable(() -> cache.put("eve", Map.of("email", "a@example.org")));

            assertThat(cache.containsKey("eve")).isFalse();
            assertThat(written).as("written through though the cache refused it").isEmpty();
        }
    }

    @Test
    void aClosedCachesDocumentViewRefusesToWork() {
        Cache<String, Map<String, Object>> cache = manager.createCache("closing",
                new DocstoreConfiguration<String, Map<String, Object>>().addIndex(IndexDefinition.of("byAge", "age")));
        DocumentCache<String, Map<String, Object>> documents = documents(cache);
        cache.close();

        assertThatThrownBy(() -> documents.lookup("byAge", 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> documents.createIndex(IndexDefinition.of("x", "x")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> documents(cache)).isInstanceOf(IllegalStateException.class);
    }
}
