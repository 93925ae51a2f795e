package dev.docstore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.engine.Change;
import dev.docstore.engine.DocumentNotFoundException;
import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import dev.docstore.engine.VersionConflictException;
import dev.docstore.engine.WriteResult;
import dev.docstore.index.IndexOracle.Cond;
import dev.docstore.index.IndexOracle.ScanSpec;
import dev.docstore.index.IndexOracle.Side;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded model-based test of indexes and queries: random writes, index definitions created, dropped and rebuilt at
 * random moments, and queries of every kind, each compared with {@link IndexOracle} over a plain map of what the store
 * should hold (or held, for a snapshot opened earlier). Values of the indexed fields are deliberately mixed: numbers of
 * every width around 2^53, NaN, signed zeros, infinities, BigDecimal scales, supplementary characters, booleans,
 * nested maps, lists with duplicates, missing fields and explicit nulls.
 *
 * <p>Replay one seed with {@code -Ddocstore.seed=N} (and {@code -Ddocstore.steps=N} for a longer run); a failure names
 * its seed and step.
 */
class IndexModelTest {
    private static final long[] SEEDS = {0x5EED_0001L, 0x5EED_0002L, 0x5EED_0003L, 0x5EED_0004L, 0x5EED_0005L};
    private static final int STEPS = Integer.getInteger("docstore.steps", 5_000);

    private static final List<Object> SCALARS = List.of(
            0, 1, -1, 5, 7, Integer.MAX_VALUE,
            5L, 9007199254740992L, 9007199254740993L, -9007199254740993L, Long.MAX_VALUE, Long.MIN_VALUE,
            5.0, 0.0, -0.0, 1.5, -1.5, 0.1, 9007199254740992.0, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 1.5f,
            new BigDecimal("5.00"), new BigDecimal("5"), new BigDecimal("0.1"), new BigDecimal("1.50"),
            new BigDecimal("9007199254740993"), new BigDecimal("1E+400"),
            BigInteger.valueOf(5), new BigInteger("9007199254740993"), BigInteger.ONE.shiftLeft(64),
            "", "a", "ab", "b", "A", "Lisbon", "Lis", "\uD83D\uDE00", "\uFFFF", "\uFFFFz", "a\uD83D\uDE00", "\uE000",
            true, false,
            UUID.fromString("00000000-0000-0001-0000-000000000000"), LocalDate.of(2020, 1, 1),
            List.of(1, "x"), Map.of("z", 1));
    private static final List<Object> SMALL = List.of(1, 1L, 1.0, 2, new BigDecimal("2.0"), "x", "y", true, -0.0,
            0.0, Double.NaN, 9007199254740993L, 9007199254740992.0);
    private static final List<Object> CITIES = List.of("Lisbon", "Porto", "Lis", "", "\uD83D\uDE00", "\uFFFF", 5, 5.0,
            new BigDecimal("5.00"));
    private static final List<Object> TAGS = List.of("a", "b", "c", "\uD83D\uDE00", "\uFFFF", 5, 5L, 5.0,
            new BigDecimal("5.00"), Double.NaN, -0.0, 0.0, true);
    private static final List<String> PREFIXES = List.of("", "a", "A", "L", "Lis", "\uFFFF", "\uD83D",
            "\uD83D\uDE00", "\uE000", "b", "x", "P");

    private static final List<List<String>> SHAPES = List.of(
            List.of("a"), List.of("b"), List.of("address.city"), List.of("tags[]"), List.of("items[].k"),
            List.of("u"), List.of("a", "b"), List.of("b", "a"), List.of("address.city", "b"), List.of("b", "tags[]"),
            List.of("tags[]", "b"), List.of("b", "u"));
    private static final List<List<String>> UNIQUE_SHAPES = List.of(
            List.of("u"), List.of("b", "u"), List.of("tags[]"), List.of("u", "tags[]"), List.of("a"));
    private static final List<String> QUERY_PATHS = List.of("a", "b", "address.city", "tags[]", "items[].k", "u");
    private static final List<String> ORDER_PATHS = List.of("a", "b", "address.city", "u");

    enum Mode { SCANS, QUERIES }

    static LongStream seeds() {
        String one = System.getProperty("docstore.seed");
        return one != null ? LongStream.of(Long.decode(one)) : LongStream.of(SEEDS);
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void indexScansAgreeWithTheModel(long seed) {
        new Run(seed, Mode.SCANS).run();
    }

    @ParameterizedTest(name = "seed={0}")
    @MethodSource("seeds")
    void queriesAgreeWithTheModel(long seed) {
        new Run(seed, Mode.QUERIES).run();
    }

    /** U+F83D and U+1F600 are different strings; an exact lookup of one must not return the other. */
    @Test
    void anExactLookupDoesNotConfuseABmpCharacterWithASupplementaryOne() {
        try (DocumentStore<String, Map<String, Object>> store = DocumentStore.create()) {
            Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);
            store.put("grinning", Map.of("name", "\uD83D\uDE00"));
            store.put("private-use", Map.of("name", "\uF83D"));
            indexes.create(IndexDefinition.of("byName", "name"));

            assertThat(indexes.lookup("byName", "\uF83D")).extracting(Entry::key).containsExactly("private-use");
            assertThat(indexes.lookup("byName", "\uD83D\uDE00")).extracting(Entry::key).containsExactly("grinning");
            assertThat(indexes.scan("byName").list()).extracting(Entry::key)
                    .as("U+F83D sorts before U+1F600").containsExactly("private-use", "grinning");
        }
    }

    /** The corners the random runs reach only now and then, spelled out once. */
    @Test
    void scanCornersHoldExactly() {
        try (DocumentStore<String, Map<String, Object>> store = DocumentStore.create()) {
            Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);
            for (int i = 0; i < 10; i++) {
                store.put("same" + i, Map.of("city", "Lisbon", "age", 30, "tags", List.of("x", "x", "y")));
            }
            store.put("empty", Map.of("city", "", "age", -0.0, "tags", List.of()));
            store.put("zero", Map.of("city", "Porto", "age", 0.0, "tags", List.of("y", "y")));
            indexes.create(IndexDefinition.of("byCityAge", "city", "age"));
            indexes.create(IndexDefinition.of("byTag", "tags[]"));
            indexes.create(IndexDefinition.of("byCode", "code").asUnique());

            IndexScan<String, Map<String, Object>> all = indexes.scan("byCityAge");
            assertThat(all.limit(0).list()).isEmpty();
            assertThat(all.limit(0).page().hasNext()).isFalse();
            assertThat(all.limit(0).count()).isZero();
            assertThat(all.offset(12).list()).isEmpty();
            assertThat(all.offset(12).count()).isZero();
            assertThat(all.offset(11).list()).extracting(Entry::key).containsExactly("zero");
            assertThat(indexes.lookup("byCityAge", "", 0)).extracting(Entry::key).containsExactly("empty");

            List<String> pagedOneByOne = new ArrayList<>();
            IndexScan<String, Map<String, Object>> pages = all.range(IndexRange.prefix("Lisbon", 30)).limit(1);
            for (Page<String, Map<String, Object>> page = pages.page(); ; page = pages.after(page.next()).page()) {
                pagedOneByOne.addAll(page.entries().stream().map(Entry::key).toList());
                if (!page.hasNext()) {
                    break;
                }
            }
            assertThat(pagedOneByOne).containsExactly("same0", "same1", "same2", "same3", "same4", "same5", "same6",
                    "same7", "same8", "same9");

            IndexScan<String, Map<String, Object>> exclusive = all.range(new IndexRange(Bound.exclusive(""),
                    Bound.exclusive("Porto", 0))).descending();
            assertThat(exclusive.list()).extracting(Entry::key).containsExactly("same9", "same8", "same7", "same6",
                    "same5", "same4", "same3", "same2", "same1", "same0");
            assertThat(all.range(new IndexRange(Bound.exclusive("Lisbon"), Bound.inclusive("Porto"))).descending()
                    .list()).extracting(Entry::key).containsExactly("zero");
            assertThat(all.range(new IndexRange(Bound.exclusive("Lisbon", 30), Bound.inclusive("Lisbon"))).list())
                    .isEmpty();

            assertThat(indexes.lookup("byTag", "x")).hasSize(10);
            assertThat(indexes.scan("byTag").list()).extracting(Entry::key).as("each document once")
                    .doesNotHaveDuplicates().hasSize(11);
            assertThat(indexes.scan("byTag").descending().limit(3).list()).extracting(Entry::key)
                    .containsExactly("zero", "same9", "same8");
            assertThat(indexes.info("byTag").entries()).isEqualTo(21);

            store.put("first", Map.of("code", 7));
            assertThatThrownBy(() -> store.put("second", Map.of("code", 7.0)))
                    .isInstanceOf(UniqueConstraintException.class);
            store.remove("first");
            assertThat(store.put("second", Map.of("code", new BigDecimal("7.00"))).key()).isEqualTo("second");
            assertThatThrownBy(() -> store.put("first", Map.of("code", 7L))).isInstanceOf(UniqueConstraintException.class);
            assertThat(indexes.lookup("byCode", 7)).extracting(Entry::key).containsExactly("second");
        }
    }

    /** A snapshot and what the model held when it opened. */
    private record Held(Snapshot<String, Map<String, Object>> snapshot, Map<String, Entry<String, Map<String, Object>>> docs) {
    }

    private static final class Run {
        private final long seed;
        private final Mode mode;
        private final Random random;
        private final DocumentStore<String, Map<String, Object>> store = DocumentStore.create();
        private final Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);
        private final Map<String, Entry<String, Map<String, Object>>> live = new HashMap<>();
        private final Map<String, IndexDefinition> ready = new LinkedHashMap<>();
        private final List<Held> held = new ArrayList<>();
        private final List<String> keys = new ArrayList<>();
        private final Map<String, Integer> counts = new TreeMap<>();
        private int nextIndex;
        private int step;
        private String op = "";

        Run(long seed, Mode mode) {
            this.seed = seed;
            this.mode = mode;
            this.random = new Random(seed * 31 + mode.ordinal());
            for (int i = 0; i < 56; i++) {
                keys.add(String.format("k%02d", i));
            }
            keys.addAll(List.of("k\uD83D\uDE00", "k\uFFFF", "K", "k"));
        }

        void run() {
            long started = System.nanoTime();
            try {
                for (step = 0; step < STEPS; step++) {
                    step();
                }
                step = STEPS;
                op = "final check";
                for (Held h : held) {
                    h.snapshot().close();
                }
                held.clear();
                verifyEveryIndexAgainstARebuild();
            } catch (Throwable failure) {
                throw new AssertionError("seed=" + seed + " step=" + step + " mode=" + mode + " op=" + op
                        + " (replay: -Ddocstore.seed=" + seed + ")", failure);
            } finally {
                store.close();
            }
            System.out.printf("IndexModelTest %s seed=%d: %d steps in %d ms, %s%n", mode, seed, STEPS,
                    (System.nanoTime() - started) / 1_000_000, counts);
        }

        private void step() {
            int dice = random.nextInt(100);
            if (dice < 40) {
                write();
            } else if (dice < 42) {
                openSnapshot();
            } else if (dice < 44) {
                closeSnapshot();
            } else if (dice < 47) {
                createIndex();
            } else if (dice < 48) {
                dropIndex();
            } else if (dice < 49) {
                rebuildIndex();
            } else if (mode == Mode.SCANS) {
                scan();
            } else {
                query();
            }
            if (step % 500 == 499 && held.isEmpty()) {
                op = "periodic entries check";
                verifyEntryCounts();
            }
            verifyFiguresAgainstARecount();
        }

        /** The figures an index keeps as it changes equal a walk of it, after every step. */
        private void verifyFiguresAgainstARecount() {
            for (String name : ready.keySet()) {
                OrderedIndex<String, Map<String, Object>> index = indexes.ready(name);
                long[] recounted = index.recount();
                IndexInfo info = index.info();
                assertThat(new long[] {info.entries(), info.distinctTuples()})
                        .as("entries and distinct tuples of %s kept vs recounted", name).containsExactly(recounted);
            }
        }

        private void count(String what) {
            counts.merge(what, 1, Integer::sum);
        }

        private <T> T pick(List<T> list) {
            return list.get(random.nextInt(list.size()));
        }

        // ---- documents ----

        private Map<String, Object> document() {
            Map<String, Object> doc = new HashMap<>();
            field(doc, "a", 75, () -> pick(SCALARS));
            field(doc, "b", 80, () -> pick(SMALL));
            int address = random.nextInt(100);
            if (address < 60) {
                Map<String, Object> nested = new HashMap<>();
                field(nested, "city", 80, () -> pick(CITIES));
                nested.put("zip", random.nextInt(3));
                doc.put("address", nested);
            } else if (address < 68) {
                doc.put("address", null);
            } else if (address < 73) {
                doc.put("address", "Lisbon");
            }
            int tags = random.nextInt(100);
            if (tags < 55) {
                List<Object> list = new ArrayList<>();
                int size = random.nextInt(5);
                for (int i = 0; i < size; i++) {
                    list.add(random.nextInt(12) == 0 ? null : pick(TAGS));
                }
                doc.put("tags", list);
            } else if (tags < 60) {
                doc.put("tags", null);
            } else if (tags < 64) {
                doc.put("tags", pick(TAGS));
            }
            if (random.nextInt(100) < 30) {
                List<Object> items = new ArrayList<>();
                int size = random.nextInt(4);
                for (int i = 0; i < size; i++) {
                    int shape = random.nextInt(10);
                    if (shape < 7) {
                        items.add(Map.of("k", pick(SMALL)));
                    } else if (shape < 9) {
                        items.add(Map.of("other", 1));
                    } else {
                        items.add("not a map");
                    }
                }
                doc.put("items", items);
            }
            field(doc, "u", 30, this::uniqueCandidate);
            return doc;
        }

        /** Values for unique fields: mostly distinct, sometimes equal across number types. */
        private Object uniqueCandidate() {
            int n = random.nextInt(200);
            switch (random.nextInt(6)) {
                case 0:
                    return (long) n;
                case 1:
                    return (double) n;
                case 2:
                    return new BigDecimal(n).setScale(2);
                case 3:
                    return "u" + n;
                default:
                    return n;
            }
        }

        private void field(Map<String, Object> doc, String name, int presentPercent, Supplier<Object> value) {
            int dice = random.nextInt(100);
            if (dice < presentPercent) {
                doc.put(name, value.get());
            } else if (dice < presentPercent + 5) {
                doc.put(name, null);
            }
        }

        private Map<String, Object> modified(Map<String, Object> current) {
            Map<String, Object> doc = new HashMap<>(current);
            Map<String, Object> fresh = document();
            String field = pick(List.of("a", "b", "address", "tags", "items", "u"));
            if (fresh.containsKey(field)) {
                doc.put(field, fresh.get(field));
            } else {
                doc.remove(field);
            }
            return doc;
        }

        // ---- writes ----

        private void write() {
            if (random.nextInt(300) == 0) {
                op = "clear";
                count("clear");
                store.clear();
                live.clear();
                assertThat(store.size()).isZero();
                return;
            }
            String key = pick(keys);
            Entry<String, Map<String, Object>> current = live.get(key);
            Map<String, Object> doc = random.nextInt(3) == 0 && current != null ? modified(current.value()) : document();
            if (random.nextInt(4) == 0) {
                claimAUniqueValue(doc);
            }
            int kind = random.nextInt(12);
            if (kind < 5) {
                op = "put " + key + " " + doc;
                count("put");
                expectWrite(key, doc, () -> store.put(key, doc));
            } else if (kind == 5) {
                op = "putIfAbsent " + key + " " + doc;
                count("putIfAbsent");
                if (current != null) {
                    WriteResult<String, Map<String, Object>> result = store.putIfAbsent(key, doc);
                    assertThat(result.applied()).isFalse();
                    assertThat(result.current().version()).isEqualTo(current.version());
                } else {
                    expectWrite(key, doc, () -> store.putIfAbsent(key, doc).current());
                }
            } else if (kind == 6) {
                op = "replace " + key + " " + doc;
                count("replace");
                if (current == null) {
                    assertThat(store.replace(key, doc).applied()).isFalse();
                    assertThat(store.get(key)).isNull();
                } else {
                    expectWrite(key, doc, () -> store.replace(key, doc).current());
                }
            } else if (kind == 7) {
                replaceIfVersion(key, current, doc);
            } else if (kind < 10) {
                op = "remove " + key;
                count("remove");
                Entry<String, Map<String, Object>> removed = store.remove(key);
                assertThat(removed == null ? null : removed.version())
                        .isEqualTo(current == null ? null : current.version());
                live.remove(key);
            } else if (kind == 10) {
                removeIfVersion(key, current);
            } else {
                update(key, current);
            }
        }

        /** Copies into {@code doc} the fields a unique index reads from another document, to make it collide. */
        private void claimAUniqueValue(Map<String, Object> doc) {
            List<IndexDefinition> unique = ready.values().stream().filter(IndexDefinition::unique).toList();
            if (unique.isEmpty() || live.isEmpty()) {
                return;
            }
            Map<String, Object> other = pick(new ArrayList<>(live.values())).value();
            for (String path : pick(unique).pathNames()) {
                String field = path.split("\\.")[0].replace("[]", "");
                doc.put(field, other.get(field));
            }
        }

        private void replaceIfVersion(String key, Entry<String, Map<String, Object>> current,
                                      Map<String, Object> doc) {
            count("replaceIfVersion");
            if (current == null) {
                op = "replace-if-version on absent " + key;
                assertThatThrownBy(() -> store.replace(key, 1, doc)).isInstanceOf(DocumentNotFoundException.class);
            } else if (random.nextInt(4) == 0) {
                op = "replace-if-version with a stale version " + key;
                assertThatThrownBy(() -> store.replace(key, current.version() + 1000, doc))
                        .isInstanceOf(VersionConflictException.class);
                assertThat(store.get(key).version()).isEqualTo(current.version());
            } else {
                op = "replace-if-version " + key + " " + doc;
                expectWrite(key, doc, () -> store.replace(key, current.version(), doc));
            }
        }

        private void removeIfVersion(String key, Entry<String, Map<String, Object>> current) {
            count("removeIfVersion");
            op = "remove-if-version " + key;
            if (current == null) {
                assertThatThrownBy(() -> store.remove(key, 1)).isInstanceOf(DocumentNotFoundException.class);
            } else if (random.nextInt(4) == 0) {
                assertThatThrownBy(() -> store.remove(key, current.version() + 1000))
                        .isInstanceOf(VersionConflictException.class);
            } else {
                assertThat(store.remove(key, current.version()).version()).isEqualTo(current.version());
                live.remove(key);
            }
        }

        private void update(String key, Entry<String, Map<String, Object>> current) {
            count("update");
            int decision = random.nextInt(10);
            Map<String, Object> doc = current == null ? document() : modified(current.value());
            Change<Map<String, Object>> change;
            if (current == null) {
                change = decision < 6 ? Change.put(doc) : Change.keep();
            } else {
                change = decision < 5 ? Change.put(doc) : decision < 8 ? Change.remove() : Change.keep();
            }
            op = "update " + key + " -> " + change;
            List<Entry<String, Map<String, Object>>> seen = new ArrayList<>();
            Supplier<WriteResult<String, Map<String, Object>>> run = () -> store.update(key, (k, entry) -> {
                seen.add(entry);
                return change;
            });
            if (change == Change.<Map<String, Object>>keep()) {
                assertThat(run.get().applied()).isFalse();
                Entry<String, Map<String, Object>> now = store.get(key);
                assertThat(now == null ? null : now.version()).isEqualTo(current == null ? null : current.version());
            } else if (change == Change.<Map<String, Object>>remove()) {
                WriteResult<String, Map<String, Object>> result = run.get();
                assertThat(result.applied()).isTrue();
                assertThat(result.current()).isNull();
                live.remove(key);
            } else {
                expectWrite(key, doc, () -> run.get().current());
            }
            assertThat(seen).hasSize(1);
            assertThat(seen.get(0) == null ? null : seen.get(0).version())
                    .isEqualTo(current == null ? null : current.version());
        }

        /** Runs a write that puts {@code doc} at {@code key}: refused by a unique index, or applied. */
        private void expectWrite(String key, Map<String, Object> doc, Supplier<Entry<String, Map<String, Object>>> write) {
            String violated = violatedUniqueIndex(key, doc);
            Entry<String, Map<String, Object>> before = live.get(key);
            if (violated != null) {
                count("refused by unique");
                assertThatThrownBy(write::get).as("expected unique index %s to refuse", violated)
                        .isInstanceOf(UniqueConstraintException.class)
                        .satisfies(e -> assertThat(((UniqueConstraintException) e).key()).isEqualTo(key));
                Entry<String, Map<String, Object>> now = store.get(key);
                assertThat(now == null ? null : now.version()).isEqualTo(before == null ? null : before.version());
                return;
            }
            Entry<String, Map<String, Object>> written = write.get();
            assertThat(written.key()).isEqualTo(key);
            assertThat(written.value()).isEqualTo(doc);
            assertThat(written.version()).isGreaterThan(before == null ? 0 : before.version());
            live.put(key, written);
        }

        private String violatedUniqueIndex(String key, Map<String, Object> doc) {
            for (IndexDefinition definition : ready.values()) {
                if (!definition.unique()) {
                    continue;
                }
                for (Entry<String, Map<String, Object>> other : live.values()) {
                    if (!other.key().equals(key) && IndexOracle.shareTuple(definition.pathNames(), doc, other.value())) {
                        return definition.name();
                    }
                }
            }
            return null;
        }

        // ---- snapshots ----

        private void openSnapshot() {
            if (held.size() < 3) {
                op = "open snapshot";
                count("snapshot");
                held.add(new Held(store.snapshot(), new HashMap<>(live)));
            }
        }

        private void closeSnapshot() {
            if (!held.isEmpty()) {
                op = "close snapshot";
                held.remove(random.nextInt(held.size())).snapshot().close();
            }
        }

        // ---- index definitions ----

        private void createIndex() {
            boolean unique = random.nextInt(3) == 0;
            List<String> paths = pick(unique ? UNIQUE_SHAPES : SHAPES);
            String name = "ix" + nextIndex++ + (unique ? "u" : "") + paths;
            IndexDefinition definition = IndexDefinition.of(name, paths.toArray(String[]::new));
            if (unique) {
                definition = definition.asUnique();
            }
            op = "create " + definition;
            if (ready.size() >= 6) {
                drop(pick(new ArrayList<>(ready.keySet())));
            }
            List<String> violation = unique ? IndexOracle.uniqueViolation(live.values(), paths) : null;
            if (violation != null) {
                count("create refused");
                IndexDefinition refused = definition;
                assertThatThrownBy(() -> indexes.create(refused)).as("keys %s share a tuple", violation)
                        .isInstanceOf(UniqueConstraintException.class);
                assertThat(indexes.list()).extracting(IndexInfo::name).doesNotContain(name);
                assertThatThrownBy(() -> indexes.scan(name).list()).isInstanceOf(IndexNotFoundException.class);
                return;
            }
            count("create");
            IndexInfo info = indexes.create(definition);
            assertThat(info.ready()).isTrue();
            assertThat(info.unique()).isEqualTo(unique);
            assertThat(info.paths()).isEqualTo(paths);
            if (held.isEmpty()) {
                assertThat(info.entries()).isEqualTo(IndexOracle.entryCount(live.values(), paths));
            }
            ready.put(name, definition);
            if (random.nextInt(10) == 0) {
                IndexDefinition again = IndexDefinition.of(name, "b");
                assertThatThrownBy(() -> indexes.create(again)).isInstanceOf(IndexExistsException.class);
            }
        }

        private void dropIndex() {
            if (!ready.isEmpty()) {
                drop(pick(new ArrayList<>(ready.keySet())));
            }
        }

        private void drop(String name) {
            op = "drop " + name;
            count("drop");
            indexes.drop(name);
            ready.remove(name);
            assertThatThrownBy(() -> indexes.scan(name).count()).isInstanceOf(IndexNotFoundException.class);
            assertThat(indexes.list()).extracting(IndexInfo::name).doesNotContain(name);
        }

        private void rebuildIndex() {
            if (ready.isEmpty()) {
                return;
            }
            String name = pick(new ArrayList<>(ready.keySet()));
            op = "rebuild " + name;
            count("rebuild");
            IndexInfo info = indexes.rebuild(name);
            assertThat(info.ready()).isTrue();
            assertThat(indexes.list()).extracting(IndexInfo::name).containsOnlyOnce(name);
        }

        // ---- index scans ----

        private void scan() {
            if (ready.isEmpty()) {
                op = "lookup on a missing index";
                assertThatThrownBy(() -> indexes.lookup("missing", 1)).isInstanceOf(IndexNotFoundException.class);
                return;
            }
            IndexDefinition definition = ready.get(pick(new ArrayList<>(ready.keySet())));
            String name = definition.name();
            List<String> paths = definition.pathNames();
            Held target = !held.isEmpty() && random.nextInt(3) == 0 ? pick(held) : null;
            Snapshot<String, Map<String, Object>> snapshot = target == null ? null : target.snapshot();
            Collection<Entry<String, Map<String, Object>>> docs = target == null ? live.values() : target.docs().values();
            String where = target == null ? " now" : " in a snapshot";
            int kind = random.nextInt(10);
            if (kind < 2) {
                Object[] tuple = someTuple(paths, docs, paths.size());
                op = "lookup " + name + " " + IndexOracle.describe(List.of(tuple)) + where;
                count("lookup");
                List<Entry<String, Map<String, Object>>> actual = snapshot == null
                        ? indexes.lookup(name, tuple) : indexes.lookup(snapshot, name, tuple);
                Side exact = new Side(List.of(tuple), true);
                expectSame(actual, IndexOracle.scan(docs, paths, new ScanSpec(exact, exact, false, 0,
                        Integer.MAX_VALUE)));
            } else if (kind == 2) {
                Object min = random.nextInt(4) == 0 ? null : boundValue(paths, docs);
                Object max = random.nextInt(4) == 0 ? null : boundValue(paths, docs);
                op = "between " + name + " " + IndexOracle.describe(min) + " .. " + IndexOracle.describe(max) + where;
                count("between");
                List<Entry<String, Map<String, Object>>> actual = snapshot == null && random.nextBoolean()
                        ? indexes.range(name, min, max)
                        : listIn(scanOf(name, IndexRange.between(min, max), false, 0, Integer.MAX_VALUE), snapshot);
                Side lower = min == null ? Side.OPEN : new Side(asPrefix(min), true);
                Side upper = max == null ? Side.OPEN : new Side(asPrefix(max), false);
                expectSame(actual, IndexOracle.scan(docs, paths, new ScanSpec(lower, upper, false, 0,
                        Integer.MAX_VALUE)));
            } else if (kind == 3) {
                Object[] prefix = someTuple(paths, docs, 1 + random.nextInt(paths.size()));
                boolean descending = random.nextBoolean();
                op = "prefix " + name + " " + IndexOracle.describe(List.of(prefix)) + (descending ? " desc" : "")
                        + where;
                count("prefix");
                IndexScan<String, Map<String, Object>> scan = scanOf(name, IndexRange.prefix(prefix), descending, 0,
                        Integer.MAX_VALUE);
                Side side = new Side(List.of(prefix), true);
                expectSame(listIn(scan, snapshot), IndexOracle.scan(docs, paths, new ScanSpec(side, side, descending, 0,
                        Integer.MAX_VALUE)));
            } else if (kind < 7) {
                ScanSpec spec = randomSpec(paths, docs);
                op = "scan " + name + " " + spec + where;
                count("scan");
                expectSame(listIn(scanOf(name, spec), snapshot), IndexOracle.scan(docs, paths, spec));
            } else if (kind < 9) {
                ScanSpec spec = randomSpec(paths, docs);
                int pageSize = 1 + random.nextInt(5);
                op = "pages of " + pageSize + " " + name + " " + spec.lower() + ".." + spec.upper()
                        + (spec.descending() ? " desc" : "") + where;
                count("paging");
                ScanSpec whole = new ScanSpec(spec.lower(), spec.upper(), spec.descending(), 0, Integer.MAX_VALUE);
                expectSame(pageThrough(scanOf(name, whole).limit(pageSize), pageSize, snapshot),
                        IndexOracle.scan(docs, paths, whole));
            } else {
                ScanSpec spec = randomSpec(paths, docs);
                op = "count " + name + " " + spec + where;
                count("count");
                IndexScan<String, Map<String, Object>> scan = scanOf(name, spec);
                long actual = snapshot == null ? scan.count() : scan.count(snapshot);
                assertThat(actual).isEqualTo(IndexOracle.scan(docs, paths, spec).size());
            }
        }

        private List<Entry<String, Map<String, Object>>> listIn(IndexScan<String, Map<String, Object>> scan,
                                                                Snapshot<String, Map<String, Object>> snapshot) {
            return snapshot == null ? scan.list() : scan.list(snapshot);
        }

        private List<Entry<String, Map<String, Object>>> pageThrough(IndexScan<String, Map<String, Object>> scan,
                                                                     int pageSize,
                                                                     Snapshot<String, Map<String, Object>> snapshot) {
            List<Entry<String, Map<String, Object>>> all = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            IndexScan<String, Map<String, Object>> next = scan;
            for (int pages = 0; ; pages++) {
                assertThat(pages).as("pages").isLessThan(1_000);
                Page<String, Map<String, Object>> page = snapshot == null ? next.page() : next.page(snapshot);
                assertThat(page.entries().size()).isLessThanOrEqualTo(pageSize);
                for (Entry<String, Map<String, Object>> entry : page.entries()) {
                    assertThat(seen.add(entry.key())).as("key %s returned twice across pages", entry.key()).isTrue();
                }
                all.addAll(page.entries());
                if (!page.hasNext()) {
                    return all;
                }
                assertThat(page.entries()).hasSize(pageSize);
                Entry<String, Map<String, Object>> last = page.entries().get(pageSize - 1);
                assertThat(page.next().lastKey()).isEqualTo(last.key());
                next = scan.after(page.next());
            }
        }

        private IndexScan<String, Map<String, Object>> scanOf(String name, ScanSpec spec) {
            return scanOf(name, spec.toRange(), spec.descending(), spec.offset(), spec.limit());
        }

        private IndexScan<String, Map<String, Object>> scanOf(String name, IndexRange range, boolean descending,
                                                              long offset, int limit) {
            IndexScan<String, Map<String, Object>> scan = indexes.scan(name).range(range);
            if (descending) {
                scan = scan.descending();
            }
            if (offset != 0 || random.nextBoolean()) {
                scan = scan.offset(offset);
            }
            if (limit != Integer.MAX_VALUE || random.nextBoolean()) {
                scan = scan.limit(limit);
            }
            return scan;
        }

        private ScanSpec randomSpec(List<String> paths, Collection<Entry<String, Map<String, Object>>> docs) {
            Side lower = randomSide(paths, docs);
            Side upper = randomSide(paths, docs);
            if (random.nextInt(3) == 0 && !lower.isOpen() && !upper.isOpen()
                    && IndexOracle.compareTuples(lower.prefix(), upper.prefix()) > 0) {
                Side swap = lower;
                lower = upper;
                upper = swap;
            }
            long offset = random.nextInt(4) == 0 ? random.nextInt(8) : 0;
            int limit = random.nextInt(3) == 0 ? random.nextInt(8) : Integer.MAX_VALUE;
            return new ScanSpec(lower, upper, random.nextBoolean(), offset, limit);
        }

        private Side randomSide(List<String> paths, Collection<Entry<String, Map<String, Object>>> docs) {
            int dice = random.nextInt(5);
            if (dice == 0) {
                return Side.OPEN;
            }
            Object[] prefix = someTuple(paths, docs, 1 + random.nextInt(paths.size()));
            return new Side(List.of(prefix), dice < 3);
        }

        /** The first {@code length} values of a tuple some document has, or of made-up values. */
        private Object[] someTuple(List<String> paths, Collection<Entry<String, Map<String, Object>>> docs, int length) {
            if (!docs.isEmpty() && random.nextInt(3) != 0) {
                List<Entry<String, Map<String, Object>>> list = new ArrayList<>(docs);
                for (int tries = 0; tries < 5; tries++) {
                    List<List<Object>> tuples = IndexOracle.tuples(paths, pick(list).value());
                    if (!tuples.isEmpty()) {
                        return pick(tuples).subList(0, length).toArray();
                    }
                }
            }
            Object[] made = new Object[length];
            for (int i = 0; i < length; i++) {
                made[i] = valueFor(paths.get(i));
            }
            return made;
        }

        /** A bound for {@link IndexRange#between}: a value, or a list prefix on a composite index. */
        private Object boundValue(List<String> paths, Collection<Entry<String, Map<String, Object>>> docs) {
            Object[] prefix = someTuple(paths, docs, paths.size() == 1 ? 1 : 1 + random.nextInt(paths.size()));
            if (paths.size() > 1) {
                return List.of(prefix);
            }
            Object value = prefix[0];
            return value instanceof List<?> ? 1 : value;
        }

        private static List<Object> asPrefix(Object bound) {
            return bound instanceof List<?> list ? List.copyOf(list) : List.of(bound);
        }

        private Object valueFor(String path) {
            switch (path) {
                case "b":
                case "items[].k":
                    return pick(SMALL);
                case "address.city":
                    return pick(CITIES);
                case "tags[]":
                    return pick(TAGS);
                case "u":
                    return uniqueCandidate();
                default:
                    return pick(SCALARS);
            }
        }

        private void expectSame(List<Entry<String, Map<String, Object>>> actual,
                                List<Entry<String, Map<String, Object>>> expected) {
            assertThat(IndexOracle.triples(actual)).containsExactlyElementsOf(IndexOracle.triples(expected));
            for (int i = 0; i < actual.size(); i++) {
                assertThat(actual.get(i).value()).isEqualTo(expected.get(i).value());
            }
        }

        // ---- queries ----

        private void query() {
            Held target = !held.isEmpty() && random.nextInt(3) == 0 ? pick(held) : null;
            Collection<Entry<String, Map<String, Object>>> docs = target == null ? live.values() : target.docs().values();
            Query<String, Map<String, Object>> query = indexes.query();
            List<Cond> conditions = new ArrayList<>();
            int howMany = random.nextInt(8) == 0 ? 0 : 1 + random.nextInt(3);
            for (int i = 0; i < howMany; i++) {
                conditions.add(addCondition(query, i == 0, docs));
            }
            String orderBy = null;
            boolean descending = false;
            if (howMany == 0 || random.nextInt(5) < 2) {
                orderBy = pick(ORDER_PATHS);
                descending = random.nextBoolean();
                if (descending) {
                    query.orderByDescending(orderBy);
                } else {
                    query.orderBy(orderBy);
                }
            }
            long offset = random.nextInt(7) == 0 ? random.nextInt(6) : 0;
            int limit = random.nextInt(5) < 2 ? random.nextInt(11) : Integer.MAX_VALUE;
            if (offset != 0) {
                query.offset(offset);
            }
            if (limit != Integer.MAX_VALUE) {
                query.limit(limit);
            }
            QueryPlan plan = query.explain();
            op = "query " + conditions + (orderBy == null ? "" : " orderBy " + orderBy + (descending ? " desc" : ""))
                    + " offset " + offset + " limit " + limit + (target == null ? " now" : " in a snapshot")
                    + " plan: " + plan;
            count(plan.isScan() ? "query by scan" : "query by index");
            if (!plan.isScan()) {
                assertThat(ready).containsKey(plan.index());
            }
            List<Entry<String, Map<String, Object>>> actual = target == null ? query.list()
                    : query.list(target.snapshot());
            long counted = target == null ? query.count() : query.count(target.snapshot());
            List<Entry<String, Map<String, Object>>> matching = IndexOracle.matching(docs, conditions);
            Map<String, Entry<String, Map<String, Object>>> byKey = new HashMap<>();
            docs.forEach(entry -> byKey.put(entry.key(), entry));
            Set<String> matchingKeys = new HashSet<>();
            matching.forEach(entry -> matchingKeys.add(entry.key()));

            List<String> keysReturned = actual.stream().map(Entry::key).toList();
            assertThat(keysReturned).as("no duplicates").doesNotHaveDuplicates();
            for (Entry<String, Map<String, Object>> entry : actual) {
                assertThat(matchingKeys).as("returned %s, which does not match", entry.key()).contains(entry.key());
                Entry<String, Map<String, Object>> expected = byKey.get(entry.key());
                assertThat(entry.version()).isEqualTo(expected.version());
                assertThat(entry.value()).isEqualTo(expected.value());
            }
            long expectedSize = Math.max(0, Math.min((long) limit, matching.size() - offset));
            assertThat(actual).as("size of the result").hasSize((int) expectedSize);
            assertThat(counted).as("count()").isEqualTo(expectedSize);
            if (offset == 0 && limit == Integer.MAX_VALUE) {
                assertThat(keysReturned).as("the matching set").containsExactlyInAnyOrderElementsOf(matchingKeys);
            }
            if (orderBy != null) {
                List<Entry<String, Map<String, Object>>> sorted = IndexOracle.sortedBy(matching, orderBy, descending);
                for (int i = 0; i < actual.size(); i++) {
                    Object want = IndexOracle.orderValue(sorted.get((int) offset + i).value(), orderBy);
                    Object got = IndexOracle.orderValue(actual.get(i).value(), orderBy);
                    assertThat(IndexOracle.sameOrderValue(want, got))
                            .as("result %d ordered by %s: expected %s, got %s (%s)", i, orderBy,
                                    IndexOracle.describe(want), IndexOracle.describe(got), IndexOracle.triples(actual))
                            .isTrue();
                }
            }
        }

        private Cond addCondition(Query<String, Map<String, Object>> query, boolean first,
                                  Collection<Entry<String, Map<String, Object>>> docs) {
            String path = pick(QUERY_PATHS);
            Query<String, Map<String, Object>>.Where where = first ? query.where(path) : query.and(path);
            Condition.Operator operator = pick(List.of(Condition.Operator.values()));
            Object value = conditionValue(path, docs);
            switch (operator) {
                case EQ:
                    where.eq(value);
                    return new Cond(path, operator, List.of(value));
                case IN:
                    List<Object> values = new ArrayList<>();
                    int size = 1 + random.nextInt(3);
                    for (int i = 0; i < size; i++) {
                        values.add(conditionValue(path, docs));
                    }
                    where.in(values.toArray());
                    return new Cond(path, operator, values);
                case GT:
                    where.gt(value);
                    return new Cond(path, operator, List.of(value));
                case GTE:
                    where.gte(value);
                    return new Cond(path, operator, List.of(value));
                case LT:
                    where.lt(value);
                    return new Cond(path, operator, List.of(value));
                case LTE:
                    where.lte(value);
                    return new Cond(path, operator, List.of(value));
                case BETWEEN:
                    Object high = conditionValue(path, docs);
                    where.between(value, high);
                    return new Cond(path, operator, List.of(value, high));
                default:
                    String prefix = pick(PREFIXES);
                    where.startsWith(prefix);
                    return new Cond(path, operator, List.of(prefix));
            }
        }

        private Object conditionValue(String path, Collection<Entry<String, Map<String, Object>>> docs) {
            if (!docs.isEmpty() && random.nextBoolean()) {
                List<Entry<String, Map<String, Object>>> list = new ArrayList<>(docs);
                for (int tries = 0; tries < 4; tries++) {
                    List<Object> values = IndexOracle.read(pick(list).value(), path);
                    if (!values.isEmpty()) {
                        return pick(values);
                    }
                }
            }
            return valueFor(path);
        }

        // ---- whole-index checks ----

        private void verifyEntryCounts() {
            for (IndexDefinition definition : ready.values()) {
                assertThat(indexes.info(definition.name()).entries()).as("entries of %s", definition.name())
                        .isEqualTo(IndexOracle.entryCount(live.values(), definition.pathNames()));
            }
        }

        /** Every ready index holds what a fresh index of the same definition holds, and what the oracle says. */
        private void verifyEveryIndexAgainstARebuild() {
            verifyEntryCounts();
            for (IndexDefinition definition : List.copyOf(ready.values())) {
                String copyName = definition.name() + "-copy";
                IndexDefinition copy = new IndexDefinition(copyName, definition.paths(), definition.unique());
                IndexInfo fresh = indexes.create(copy);
                IndexInfo info = indexes.info(definition.name());
                assertThat(info.entries()).as("entries of %s", definition.name()).isEqualTo(fresh.entries());
                assertThat(info.distinctTuples()).isEqualTo(fresh.distinctTuples());
                for (boolean descending : new boolean[] {false, true}) {
                    IndexScan<String, Map<String, Object>> mine = indexes.scan(definition.name());
                    IndexScan<String, Map<String, Object>> theirs = indexes.scan(copyName);
                    if (descending) {
                        mine = mine.descending();
                        theirs = theirs.descending();
                    }
                    List<Entry<String, Map<String, Object>>> expected = IndexOracle.scan(live.values(),
                            definition.pathNames(), new ScanSpec(Side.OPEN, Side.OPEN, descending, 0, Integer.MAX_VALUE));
                    assertThat(IndexOracle.triples(mine.list())).containsExactlyElementsOf(IndexOracle.triples(expected));
                    assertThat(IndexOracle.triples(theirs.list())).containsExactlyElementsOf(IndexOracle.triples(expected));
                }
                indexes.drop(copyName);
            }
        }
    }
}
