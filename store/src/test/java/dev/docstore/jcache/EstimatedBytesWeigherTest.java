package dev.docstore.jcache;

import static dev.docstore.jcache.JCacheTesting.newManager;
import static dev.docstore.jcache.JCacheTesting.statistics;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.document.Documents;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.cache.Cache;
import javax.cache.CacheManager;
import org.junit.jupiter.api.Test;

/**
 * The built-in weigher against layouts worked out here, by hand, from the model its Javadoc documents (64-bit HotSpot,
 * compressed oops and class pointers) and the fields JDK 17 declares in each class; the figures agree with what JOL
 * prints for these classes (String 24, Integer 16, Long 24, BigInteger 40, HashMap 48, LinkedHashMap 56,
 * HashMap$Node 32, LinkedHashMap$Entry 40).
 */
class EstimatedBytesWeigherTest {
    private static final int HEADER = 12;
    private static final int ARRAY_HEADER = 16;
    private static final int REF = 4;
    private static final int LONG = 8;
    private static final int INT = 4;
    private static final int FLOAT = 4;
    private static final int SHORT = 2;
    private static final int BYTE = 1;
    private static final int BOOLEAN = 1;

    /** java.lang.String: byte[] value, byte coder, int hash, boolean hashIsZero. */
    private static final long STRING = align(HEADER + REF + BYTE + INT + BOOLEAN);
    /** java.lang.Integer: int value. */
    private static final long INTEGER = align(HEADER + INT);
    /** java.util.HashMap: AbstractMap's keySet and values; table, entrySet; size, modCount, threshold; loadFactor. */
    private static final long HASH_MAP = align(HEADER + 2 * REF + 2 * REF + 3 * INT + FLOAT);
    /** java.util.LinkedHashMap: a HashMap, and head, tail, boolean accessOrder. */
    private static final long LINKED_HASH_MAP = align(HEADER + 2 * REF + 2 * REF + 3 * INT + FLOAT + 2 * REF + BOOLEAN);
    /** HashMap$Node: int hash, key, value, next. */
    private static final long HASH_NODE = align(HEADER + INT + 3 * REF);
    /** LinkedHashMap$Entry: a HashMap$Node, and before, after. */
    private static final long LINKED_ENTRY = align(HEADER + INT + 3 * REF + 2 * REF);
    /** docstore's FrozenMap: AbstractMap's keySet and values, and its fields map. */
    private static final long FROZEN_MAP = align(HEADER + 2 * REF + REF);
    /** Collections$UnmodifiableMap: m, and its keySet, entrySet and values views. */
    private static final long UNMODIFIABLE_MAP = align(HEADER + 4 * REF);
    /** docstore's FrozenList: AbstractList's int modCount, and its elements array. */
    private static final long FROZEN_LIST = align(HEADER + INT + REF);

    private final EstimatedBytesWeigher<Object, Object> weigher = new EstimatedBytesWeigher<>();

    private static long align(long bytes) {
        return (bytes + 7) / 8 * 8;
    }

    private static long string(int bytesOfCharacters) {
        return STRING + align(ARRAY_HEADER + bytesOfCharacters);
    }

    private static long referenceArray(int length) {
        return align(ARRAY_HEADER + (long) length * REF);
    }

    private long estimate(Object value) {
        return weigher.weigh(null, value);
    }

    @Test
    void aStringIsItsObjectAndOneByteACharacterWhenLatin1ElseTwo() {
        assertThat(estimate("docstore")).isEqualTo(string(8));
        assertThat(estimate("Grüße")).as("ü and ß are Latin-1: a compact string").isEqualTo(string(5));
        assertThat(estimate("日本語")).as("beyond U+00FF: UTF-16").isEqualTo(string(3 * 2));
        assertThat(estimate("")).isEqualTo(string(0));
    }

    @Test
    void theKeyAndTheValueAreBothWeighed() {
        assertThat(weigher.weigh("k-1", 7)).isEqualTo(string(3) + INTEGER);
    }

    @Test
    void numbersAndTimesAreTheirObjectsAndWhatTheyHold() {
        assertThat(estimate(42)).isEqualTo(INTEGER);
        assertThat(estimate(42L)).as("long value").isEqualTo(align(HEADER + LONG));
        assertThat(estimate(4.2)).as("double value").isEqualTo(align(HEADER + LONG));
        assertThat(estimate(Boolean.TRUE)).as("shared by the JVM").isZero();
        assertThat(estimate(DayOfWeek.MONDAY)).as("an enum constant is shared").isZero();
        assertThat(estimate(Instant.EPOCH)).as("long seconds, int nanos").isEqualTo(align(HEADER + LONG + INT));

        long localDate = align(HEADER + INT + SHORT + SHORT);           // int year, short month, short day
        long localTime = align(HEADER + 3 * BYTE + INT);                 // byte hour, minute, second, int nano
        assertThat(estimate(LocalDateTime.of(2026, 12, 3, 10, 15)))
                .isEqualTo(align(HEADER + 2 * REF) + localDate + localTime);

        // int signum, int[] mag, and four cached ints (bitCount, bitLength, lowestSetBit, firstNonzeroIntNum)
        long bigInteger = align(HEADER + REF + 5 * INT);
        BigInteger twoTo100 = BigInteger.TWO.pow(100);                    // 101 bits: four ints of magnitude
        assertThat(estimate(twoTo100)).isEqualTo(bigInteger + align(ARRAY_HEADER + 4 * INT));
        assertThat(estimate(twoTo100.negate())).as("the magnitude of a negative number")
                .isEqualTo(bigInteger + align(ARRAY_HEADER + 4 * INT));

        // BigInteger intVal, int scale, int precision, String stringCache, long intCompact
        long bigDecimal = align(HEADER + REF + INT + INT + REF + LONG);
        assertThat(estimate(new BigDecimal("12.50"))).as("the unscaled value fits in intCompact").isEqualTo(bigDecimal);
        assertThat(estimate(new BigDecimal(twoTo100, 2))).as("an unscaled value beyond a long is a BigInteger")
                .isEqualTo(bigDecimal + bigInteger + align(ARRAY_HEADER + 4 * INT));
    }

    @Test
    void aFrozenDocumentIsItsMapAsDocstoreBuildsItAndItsFields() {
        Map<String, Object> document = Documents.freeze(Map.of("name", "ada", "tags", List.of("x", "yz")));

        // Documents.freeze sizes the LinkedHashMap to max(4, 2 / 0.75 + 1) = 4 buckets, so it never resizes
        long map = FROZEN_MAP + UNMODIFIABLE_MAP + LINKED_HASH_MAP + referenceArray(4) + 2 * LINKED_ENTRY;
        long fields = string(4) + string(3) + string(4);                 // "name" "ada" "tags"
        long tags = FROZEN_LIST + referenceArray(2) + string(1) + string(2);
        assertThat(estimate(document)).isEqualTo(map + fields + tags);
    }

    @Test
    void otherMapsAreCountedAsAHashMapFilledOneEntryAtATime() {
        Map<String, Object> one = new HashMap<>(Map.of("a", 1));
        assertThat(estimate(one)).isEqualTo(HASH_MAP + referenceArray(16) + HASH_NODE + string(1) + INTEGER);

        Map<String, Object> thirteen = new LinkedHashMap<>();
        for (int i = 10; i < 23; i++) {
            thirteen.put("k" + i, i);                                     // Integer.valueOf(10..22): boxes, 16 each
        }
        // the 13th entry passes 16 * 0.75, so the table doubled to 32
        assertThat(estimate(thirteen)).isEqualTo(LINKED_HASH_MAP + referenceArray(32) + 13 * LINKED_ENTRY
                + 13 * (string(3) + INTEGER));
        assertThat(estimate(new HashMap<>())).as("no table until the first entry").isEqualTo(HASH_MAP);
    }

    @Test
    void arraysAreTheirSlotsAndTheirElements() {
        assertThat(estimate(new int[10])).isEqualTo(align(ARRAY_HEADER + 10 * INT));
        assertThat(estimate(new byte[3])).isEqualTo(align(ARRAY_HEADER + 3));
        assertThat(estimate(new Object[] {"a", null})).isEqualTo(referenceArray(2) + string(1));
    }

    record Author(String name, int born) {
    }

    record Book(String title, Author author, long isbn) {
    }

    /** A plain object whose secret is a field but not a property: its slot counts, what it points to does not. */
    static final class Account {
        private final String id;
        @SuppressWarnings("unused") // held to show that a field which is not a property is not followed
        private final String secret;

        Account(String id, String secret) {
            this.id = id;
            this.secret = secret;
        }

        public String getId() {
            return id;
        }
    }

    @Test
    void aRecordOrPlainObjectIsItsFieldsAndItsPropertiesValues() {
        long author = align(HEADER + REF + INT);
        long book = align(HEADER + REF + REF + LONG);
        assertThat(estimate(new Book("Notes", new Author("Ada", 1815), 9_780_000_000_000L)))
                .isEqualTo(book + string(5) + author + string(3));

        assertThat(estimate(new Account("acc-1", "a long secret that is not a property")))
                .isEqualTo(align(HEADER + 2 * REF) + string(5));
    }

    /** A mutable node: a cycle is possible, as in real object graphs (documents cannot have one: freeze refuses). */
    static final class Link {
        private final String name;
        private Link next;

        Link(String name) {
            this.name = name;
        }

        public String getName() {
            return name;
        }

        public Link getNext() {
            return next;
        }
    }

    @Test
    void aCycleIsCountedOnceAndTheReferenceClosingItAsAReference() {
        long link = align(HEADER + 2 * REF);
        Link a = new Link("a");
        Link b = new Link("b");
        a.next = b;
        b.next = a;
        assertThat(estimate(a)).isEqualTo(2 * link + 2 * string(1));

        List<Object> selfContaining = new ArrayList<>();
        selfContaining.add(selfContaining);
        // ArrayList: AbstractList's int modCount, Object[] elementData, int size; its array counted at its size
        assertThat(estimate(selfContaining)).isEqualTo(align(HEADER + INT + REF + INT) + referenceArray(1));
    }

    @Test
    void aChainDeeperThanTheDepthGuardIsCutThereInsteadOfOverflowingTheStack() {
        long link = align(HEADER + 2 * REF);
        Link head = new Link("n");
        Link tail = head;
        for (int i = 1; i < 5_000; i++) {
            tail.next = new Link("n");
            tail = tail.next;
        }
        // the documented guard: 512 levels counted in full, the link at depth 512 by its own size, nothing beyond
        assertThat(estimate(head)).isEqualTo(512 * (link + string(1)) + link);
    }

    @Test
    void theDocumentedLimitASharedObjectIsCountedAtEachReference() {
        Author shared = new Author("Ada", 1815);
        long author = align(HEADER + REF + INT) + string(3);
        assertThat(estimate(new Object[] {shared, shared})).isEqualTo(referenceArray(2) + 2 * author);
    }

    @Test
    void aBiggerDocumentWeighsMore() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        for (int round = 0; round < 500; round++) {
            Map<String, Object> document = randomDocument(random, 2);
            long before = estimate(Documents.freeze(document));

            Map<String, Object> withField = new LinkedHashMap<>(document);
            withField.put("added-" + round, randomValue(random, 1));
            assertThat(estimate(Documents.freeze(withField))).as("seed %d: a field added to %s", seed, document)
                    .isGreaterThan(before);

            Map<String, Object> withLongerText = new LinkedHashMap<>(document);
            withLongerText.put("text", "t".repeat(random.nextInt(40)));
            long shorter = estimate(Documents.freeze(withLongerText));
            withLongerText.put("text", withLongerText.get("text") + "8 chars!");
            assertThat(estimate(Documents.freeze(withLongerText))).as("seed %d: a string 8 characters longer", seed)
                    .isGreaterThan(shorter);

            List<Object> list = new ArrayList<>(List.of(randomValue(random, 0)));
            long shorterList = estimate(Documents.freeze(Map.of("list", list)));
            list.add(random.nextInt());
            assertThat(estimate(Documents.freeze(Map.of("list", list)))).as("seed %d: an element appended", seed)
                    .isGreaterThan(shorterList);
        }
    }

    private static Map<String, Object> randomDocument(Random random, int depth) {
        Map<String, Object> document = new LinkedHashMap<>();
        int fields = random.nextInt(12);
        for (int i = 0; i < fields; i++) {
            document.put("f" + i, randomValue(random, depth));
        }
        return document;
    }

    private static Object randomValue(Random random, int depth) {
        switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0:
                return random.nextInt();
            case 1:
                return "v".repeat(random.nextInt(100)) + (random.nextBoolean() ? "" : "→");
            case 2:
                return random.nextBoolean();
            case 3:
                return BigDecimal.valueOf(random.nextLong(), random.nextInt(6));
            case 4:
                return Instant.ofEpochMilli(random.nextLong());
            case 5:
                return random.nextDouble();
            case 6:
                return randomDocument(random, depth - 1);
            default:
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    list.add(randomValue(random, depth - 1));
                }
                return list;
        }
    }

    @Test
    void aCacheBoundedByEstimatedBytesHoldsItsBoundWhileDocumentsOfVariedSizeArePut() {
        long maximum = 32 * 1024;
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        try (CacheManager manager = newManager("estimated-bytes")) {
            DocstoreConfiguration<String, Map<String, Object>> configuration = new DocstoreConfiguration<>();
            configuration.setMaximumWeight(maximum, new EstimatedBytesWeigher<>()).setStatisticsEnabled(true);
            Cache<String, Map<String, Object>> cache = manager.createCache("documents", configuration);

            for (int i = 0; i < 400; i++) {
                cache.put("doc-" + random.nextInt(600), randomDocument(random, 2));

                long resident = 0;
                for (Cache.Entry<String, Map<String, Object>> entry : cache) {
                    resident += weigher.weigh(entry.getKey(), entry.getValue());
                }
                assertThat(resident).as("seed %d, put %d: the weight of what the cache holds", seed, i)
                        .isLessThanOrEqualTo(maximum)
                        .isEqualTo(JCacheTesting.bound(cache).weightedSize());
            }
            assertThat(statistics(cache).getCacheEvictions()).as("seed %d", seed).isPositive();
            assertThat(cache.iterator().hasNext()).as("seed %d: the cache still holds documents", seed).isTrue();
        }
    }

    @Test
    void everyBuiltInWeigherIsEqualSoConfigurationsHoldingOneCompareEqual() {
        DocstoreConfiguration<String, Object> one = new DocstoreConfiguration<String, Object>()
                .setMaximumWeight(100, new EstimatedBytesWeigher<>());
        DocstoreConfiguration<String, Object> other = new DocstoreConfiguration<String, Object>()
                .setMaximumWeight(100, new EstimatedBytesWeigher<>());
        assertThat(one).isEqualTo(other).hasSameHashCodeAs(other);
    }
}
