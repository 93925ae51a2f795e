package dev.docstore.index;

import static dev.docstore.index.Condition.Operator.BETWEEN;
import static dev.docstore.index.Condition.Operator.EQ;
import static dev.docstore.index.Condition.Operator.GT;
import static dev.docstore.index.Condition.Operator.GTE;
import static dev.docstore.index.Condition.Operator.IN;
import static dev.docstore.index.Condition.Operator.LT;
import static dev.docstore.index.Condition.Operator.LTE;
import static dev.docstore.index.Condition.Operator.STARTS_WITH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.engine.Snapshot;
import dev.docstore.index.IndexOracle.Cond;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which index {@link Query#explain()} picks, what it leaves to filter, and that every plan gives a scan's answer. */
class QueryPlannerTest {
    private final DocumentStore<String, Map<String, Object>> store = DocumentStore.create();
    private final Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);

    @BeforeEach
    void people() {
        person("p1", "Ana", "Lisbon", 30, List.of("a", "b"));
        person("p2", "Bruno", "Lisbon", 40, List.of("b"));
        person("p3", "Carla", "Porto", 30, List.of());
        person("p4", "Joana", "Lisbon", 25, List.of("c"));
        person("p5", "Jo\u00e3o", "Braga", 50, List.of("c", "a"));
        person("p6", "Jorge", "Porto", 35, List.of("a"));
        person("p7", "Marta", "Braga", 30, List.of("b", "b"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private void person(String key, String name, String city, int age, List<String> tags) {
        store.put(key, Map.of("name", name, "city", city, "age", age, "tags", tags));
    }

    private void index(String name, String... paths) {
        indexes.create(IndexDefinition.of(name, paths));
    }

    private static List<String> keys(List<Entry<String, Map<String, Object>>> entries) {
        return entries.stream().map(Entry::key).toList();
    }

    /** The keys a brute-force filter of the whole store finds. */
    private List<String> scanFor(Cond... conditions) {
        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            return keys(IndexOracle.matching(snapshot.stream().toList(), List.of(conditions)));
        }
    }

    private static Cond cond(String path, Condition.Operator operator, Object... values) {
        return new Cond(path, operator, List.of(values));
    }

    // ---- which index ----

    @Test
    void eqOnASingleIndexedFieldUsesItsIndex() {
        index("byAge", "age");
        index("byCity", "city");
        Query<String, Map<String, Object>> query = indexes.query().where("city").eq("Lisbon");

        QueryPlan plan = query.explain();

        assertThat(plan.index()).isEqualTo("byCity");
        assertThat(plan.isScan()).isFalse();
        assertThat(plan.ranges()).containsExactly("[inclusive[Lisbon] .. inclusive[Lisbon]]");
        assertThat(plan.residual()).isEmpty();
        assertThat(plan.order()).isEqualTo("none");
        assertThat(keys(query.list())).containsExactlyInAnyOrderElementsOf(scanFor(cond("city", EQ, "Lisbon")))
                .containsExactlyInAnyOrder("p1", "p2", "p4");
    }

    @Test
    void eqAndRangeUseTheCompositeIndex() {
        index("byCity", "city");
        index("byAge", "age");
        index("byCityAge", "city", "age");
        Query<String, Map<String, Object>> query = indexes.query().where("city").eq("Lisbon").and("age").gte(30);

        QueryPlan plan = query.explain();

        assertThat(plan.index()).isEqualTo("byCityAge");
        assertThat(plan.ranges()).containsExactly("[inclusive[Lisbon, 30] .. inclusive[Lisbon]]");
        assertThat(plan.residual()).isEmpty();
        assertThat(keys(query.list())).containsExactlyInAnyOrder("p1", "p2")
                .containsExactlyInAnyOrderElementsOf(scanFor(cond("city", EQ, "Lisbon"), cond("age", GTE, 30)));

        Query<String, Map<String, Object>> between = indexes.query().where("age").between(30, 35)
                .and("city").eq("Porto");
        assertThat(between.explain().index()).isEqualTo("byCityAge");
        assertThat(between.explain().ranges()).containsExactly("[inclusive[Porto, 30] .. inclusive[Porto, 35]]");
        assertThat(keys(between.list())).containsExactlyInAnyOrder("p3", "p6");

        Query<String, Map<String, Object>> below = indexes.query().where("city").eq("Lisbon").and("age").lt(30);
        assertThat(below.explain().ranges()).containsExactly("[inclusive[Lisbon] .. exclusive[Lisbon, 30]]");
        assertThat(keys(below.list())).containsExactly("p4");
    }

    @Test
    void aCompositeIndexServesOnlyQueriesWithAConditionOnEveryField() {
        index("byCityAge", "city", "age");
        Query<String, Map<String, Object>> cityOnly = indexes.query().where("city").eq("Porto");
        Query<String, Map<String, Object>> cityAndAge = indexes.query().where("city").eq("Porto").and("age").gte(0);

        // documents without an age are not in the index, so a condition on the city alone must not use it
        assertThat(cityOnly.explain().isScan()).isTrue();
        QueryPlan plan = cityAndAge.explain();
        assertThat(plan.index()).isEqualTo("byCityAge");
        assertThat(plan.ranges()).containsExactly("[inclusive[Porto, 0] .. inclusive[Porto]]");
        assertThat(plan.residual()).isEmpty();
        assertThat(keys(cityAndAge.list())).containsExactlyInAnyOrder("p3", "p6");
    }

    @Test
    void inVisitsOneRangePerDistinctValueInOrder() {
        index("byAge", "age");
        Query<String, Map<String, Object>> query = indexes.query().where("age").in(40, 30, 30);

        QueryPlan plan = query.explain();

        assertThat(plan.index()).isEqualTo("byAge");
        assertThat(plan.ranges()).containsExactly("[inclusive[30] .. inclusive[30]]",
                "[inclusive[40] .. inclusive[40]]");
        assertThat(plan.residual()).isEmpty();
        assertThat(keys(query.list())).containsExactlyInAnyOrderElementsOf(scanFor(cond("age", IN, 40, 30, 30)))
                .containsExactlyInAnyOrder("p1", "p2", "p3", "p7");
    }

    @Test
    void inOnTheFirstFieldOfACompositeThenEqOnTheSecond() {
        index("byCityAge", "city", "age");
        Query<String, Map<String, Object>> query = indexes.query().where("city").in("Porto", "Braga")
                .and("age").eq(30);

        QueryPlan plan = query.explain();

        assertThat(plan.index()).isEqualTo("byCityAge");
        assertThat(plan.ranges()).containsExactly("[inclusive[Braga, 30] .. inclusive[Braga, 30]]",
                "[inclusive[Porto, 30] .. inclusive[Porto, 30]]");
        assertThat(keys(query.list())).containsExactlyInAnyOrder("p3", "p7");
    }

    @Test
    void startsWithScansAStringRange() {
        index("byName", "name");
        Query<String, Map<String, Object>> query = indexes.query().where("name").startsWith("Jo");

        QueryPlan plan = query.explain();

        assertThat(plan.index()).isEqualTo("byName");
        assertThat(plan.ranges()).containsExactly("[inclusive[Jo] .. exclusive[Jp]]");
        assertThat(keys(query.list())).containsExactlyInAnyOrder("p4", "p5", "p6")
                .containsExactlyInAnyOrderElementsOf(scanFor(cond("name", STARTS_WITH, "Jo")));
    }

    @Test
    void orderByServedByTheIndexOrder() {
        index("byCityAge", "city", "age");
        Query<String, Map<String, Object>> ascending = indexes.query().where("city").eq("Lisbon")
                .and("age").gte(0).orderBy("age");
        Query<String, Map<String, Object>> descending = indexes.query().where("city").eq("Lisbon")
                .and("age").gte(0).orderByDescending("age").limit(2);

        assertThat(ascending.explain().order()).isEqualTo("index");
        assertThat(ascending.explain().index()).isEqualTo("byCityAge");
        assertThat(keys(ascending.list())).containsExactly("p4", "p1", "p2");
        assertThat(descending.explain().order()).isEqualTo("index");
        assertThat(keys(descending.list())).containsExactly("p2", "p1");
    }

    @Test
    void orderByOnAnotherFieldNeedsASort() {
        index("byCity", "city");
        Query<String, Map<String, Object>> query = indexes.query().where("city").eq("Lisbon").orderBy("age");
        Query<String, Map<String, Object>> descending = indexes.query().where("city").eq("Lisbon")
                .orderByDescending("age");

        assertThat(query.explain().index()).isEqualTo("byCity");
        assertThat(query.explain().order()).isEqualTo("sort by age");
        assertThat(keys(query.list())).containsExactly("p4", "p1", "p2");
        assertThat(descending.explain().order()).isEqualTo("sort by age descending");
        assertThat(keys(descending.list())).containsExactly("p2", "p1", "p4");
    }

    @Test
    void fallsBackToAScanWhenNoIndexFits() {
        index("byCity", "city");
        index("byCityAge", "city", "age");
        Query<String, Map<String, Object>> query = indexes.query().where("name").eq("Ana");
        Query<String, Map<String, Object>> secondFieldOnly = indexes.query().where("age").gt(30);

        QueryPlan plan = query.explain();

        assertThat(plan.isScan()).isTrue();
        assertThat(plan.index()).isNull();
        assertThat(plan.ranges()).isEmpty();
        assertThat(plan.residual()).containsExactly("name eq Ana");
        assertThat(keys(query.list())).containsExactly("p1");
        assertThat(secondFieldOnly.explain().isScan()).isTrue();
        assertThat(keys(secondFieldOnly.list())).containsExactlyInAnyOrder("p2", "p5", "p6");
        assertThat(indexes.query().where("name").eq("Ana").orderBy("name").explain().order())
                .isEqualTo("sort by name");
    }

    @Test
    void residualListsTheConditionsTheIndexDoesNotSettle() {
        index("byCity", "city");
        Query<String, Map<String, Object>> query = indexes.query().where("city").eq("Lisbon").and("age").gt(26)
                .and("name").startsWith("B");

        QueryPlan plan = query.explain();

        assertThat(plan.index()).isEqualTo("byCity");
        assertThat(plan.residual()).containsExactly("age gt 26", "name starts_with B");
        assertThat(keys(query.list())).containsExactly("p2");
    }

    @Test
    void equalitiesOutrankRangesAndAnIndexThatCoversMoreFieldsWins() {
        index("byAge", "age");
        index("byCity", "city");
        index("byCityName", "city", "name");

        assertThat(indexes.query().where("age").gt(10).and("city").eq("Porto").explain().index()).isEqualTo("byCity");
        assertThat(indexes.query().where("age").gt(10).and("city").eq("Porto").and("name").eq("Jorge").explain()
                .index()).isEqualTo("byCityName");
        assertThat(indexes.query().where("age").lte(30).explain().index()).isEqualTo("byAge");
        assertThat(keys(indexes.query().where("age").gt(10).and("city").eq("Porto").and("name").eq("Jorge").list()))
                .containsExactly("p6");
    }

    @Test
    void aListPathIndexServesConditionsOnItsElements() {
        index("byTag", "tags[]");
        Query<String, Map<String, Object>> query = indexes.query().where("tags[]").eq("b");

        assertThat(query.explain().index()).isEqualTo("byTag");
        assertThat(keys(query.list())).containsExactlyInAnyOrder("p1", "p2", "p7");
        Query<String, Map<String, Object>> many = indexes.query().where("tags[]").in("a", "b");
        assertThat(keys(many.list())).containsExactlyInAnyOrder("p1", "p2", "p5", "p6", "p7")
                .containsExactlyInAnyOrderElementsOf(scanFor(cond("tags[]", IN, "a", "b")));
    }

    /** Random complete documents, random queries: every plan must give the scan's answer (and order). */
    @Test
    void resultsAreTheSameWithAndWithoutIndexes() {
        Random random = new Random(42);
        List<String> cities = List.of("Lisbon", "Porto", "Braga", "Faro", "Lis");
        for (int i = 0; i < 400; i++) {
            List<Object> tags = new ArrayList<>();
            for (int t = random.nextInt(4); t > 0; t--) {
                tags.add("t" + random.nextInt(6));
            }
            store.put("r" + i, Map.of("name", "n" + random.nextInt(300), "city", cities.get(random.nextInt(5)),
                    "age", random.nextInt(60), "tags", tags));
        }
        List<Consumer<Query<String, Map<String, Object>>>> builders = new ArrayList<>();
        List<List<Cond>> expected = new ArrayList<>();
        for (int q = 0; q < 300; q++) {
            List<Cond> conditions = new ArrayList<>();
            List<Consumer<Query<String, Map<String, Object>>>> parts = new ArrayList<>();
            for (int c = 1 + random.nextInt(3); c > 0; c--) {
                randomCondition(random, cities, conditions, parts);
            }
            expected.add(conditions);
            builders.add(query -> parts.forEach(part -> part.accept(query)));
        }
        List<List<String>> withoutIndexes = new ArrayList<>();
        for (int q = 0; q < builders.size(); q++) {
            Query<String, Map<String, Object>> query = indexes.query();
            builders.get(q).accept(query);
            assertThat(query.explain().isScan()).isTrue();
            withoutIndexes.add(keys(query.orderBy("age").list()));
            assertThat(withoutIndexes.get(q)).containsExactlyInAnyOrderElementsOf(scanFor(expected.get(q)
                    .toArray(Cond[]::new)));
        }
        index("byCity", "city");
        index("byAge", "age");
        index("byCityAge", "city", "age");
        index("byName", "name");
        index("byTag", "tags[]");
        index("byCityTag", "city", "tags[]");
        int byIndex = 0;
        for (int q = 0; q < builders.size(); q++) {
            Query<String, Map<String, Object>> query = indexes.query();
            builders.get(q).accept(query);
            QueryPlan plan = query.orderBy("age").explain();
            byIndex += plan.isScan() ? 0 : 1;
            List<Entry<String, Map<String, Object>>> results = query.list();
            assertThat(keys(results)).as("query %s with plan %s", expected.get(q), plan)
                    .containsExactlyInAnyOrderElementsOf(withoutIndexes.get(q));
            assertThat(results).extracting(entry -> entry.value().get("age")).as("ordered by age").isSorted();
        }
        assertThat(byIndex).as("queries that used an index").isGreaterThan(200);
    }

    private static void randomCondition(Random random, List<String> cities, List<Cond> conditions,
                                        List<Consumer<Query<String, Map<String, Object>>>> parts) {
        switch (random.nextInt(9)) {
            case 0 -> {
                String city = cities.get(random.nextInt(cities.size()));
                conditions.add(cond("city", EQ, city));
                parts.add(query -> query.where("city").eq(city));
            }
            case 1 -> {
                String a = cities.get(random.nextInt(cities.size()));
                String b = cities.get(random.nextInt(cities.size()));
                conditions.add(cond("city", IN, a, b));
                parts.add(query -> query.where("city").in(a, b));
            }
            case 2 -> {
                int age = random.nextInt(60);
                conditions.add(cond("age", GT, age));
                parts.add(query -> query.where("age").gt(age));
            }
            case 3 -> {
                int age = random.nextInt(60);
                conditions.add(cond("age", LTE, age));
                parts.add(query -> query.where("age").lte(age));
            }
            case 4 -> {
                int low = random.nextInt(60);
                int high = low + random.nextInt(20);
                conditions.add(cond("age", BETWEEN, low, high));
                parts.add(query -> query.where("age").between(low, high));
            }
            case 5 -> {
                String prefix = "n" + random.nextInt(30);
                conditions.add(cond("name", STARTS_WITH, prefix));
                parts.add(query -> query.where("name").startsWith(prefix));
            }
            case 6 -> {
                String tag = "t" + random.nextInt(6);
                conditions.add(cond("tags[]", EQ, tag));
                parts.add(query -> query.where("tags[]").eq(tag));
            }
            case 7 -> {
                String city = cities.get(random.nextInt(cities.size()));
                conditions.add(cond("city", LT, city));
                parts.add(query -> query.where("city").lt(city));
            }
            default -> {
                int age = random.nextInt(60);
                conditions.add(cond("age", GTE, age));
                parts.add(query -> query.where("age").gte(age));
            }
        }
    }

    // ---- plans that must not lose or repeat documents (each of these found a bug) ----

    /** {@code in(30, 30L)}: two values, one in the value order; each matching document must come back once. */
    @Test
    void inWithOneNumberInTwoTypesReturnsEachDocumentOnce() {
        index("byAge", "age");

        assertThat(keys(indexes.query().where("age").in(30, 30L).list()))
                .as("plan %s", indexes.query().where("age").in(30, 30L).explain())
                .containsExactlyInAnyOrder("p1", "p3", "p7");
        assertThat(keys(indexes.query().where("age").in(30, 30.0, new java.math.BigDecimal("30.00")).list()))
                .containsExactlyInAnyOrder("p1", "p3", "p7");
    }

    /** A document with a city but no age is not in (city, age); a query on city alone must still find it. */
    @Test
    void aCompositePrefixPlanFindsDocumentsWithoutTheLaterField() {
        store.put("noAge", Map.of("name", "Rui", "city", "Porto"));
        index("byCityAge", "city", "age");
        Query<String, Map<String, Object>> query = indexes.query().where("city").eq("Porto");

        assertThat(keys(query.list())).as("plan %s", query.explain())
                .containsExactlyInAnyOrderElementsOf(scanFor(cond("city", EQ, "Porto")))
                .containsExactlyInAnyOrder("p3", "p6", "noAge");
    }

    /** orderBy alone: entries without the field come last, not never. */
    @Test
    void orderByServedByAnIndexKeepsDocumentsWithoutTheField() {
        store.put("noAge", Map.of("name", "Rui", "city", "Porto"));
        index("byAge", "age");
        Query<String, Map<String, Object>> everything = indexes.query().orderBy("age");
        Query<String, Map<String, Object>> inPorto = indexes.query().where("city").eq("Porto").orderBy("age");

        assertThat(keys(everything.list())).as("plan %s", everything.explain()).hasSize(8).endsWith("noAge");
        assertThat(keys(inPorto.list())).as("plan %s", inPorto.explain()).containsExactly("p3", "p6", "noAge");
    }

    /** The successor of a prefix ending in U+FFFF is U+10000; the range between them must hold the matches. */
    @Test
    void startsWithAPrefixEndingInTheLastBmpCharacterFindsItsMatches() {
        store.put("ffff", Map.of("name", "\uFFFF!"));
        index("byName", "name");
        Query<String, Map<String, Object>> query = indexes.query().where("name").startsWith("\uFFFF");

        assertThat(keys(query.list())).as("plan %s", query.explain())
                .containsExactlyElementsOf(scanFor(cond("name", STARTS_WITH, "\uFFFF")))
                .containsExactly("ffff");
    }

    /** Ordering by a list path must not depend on the plan: sorted by the first element without an index. */
    @Test
    void orderByAListPathIsTheSameWithAndWithoutAnIndex() {
        store.put("a", Map.of("tags", List.of("z", "x")));
        store.put("b", Map.of("tags", List.of("m", "x")));
        List<String> bySort = keys(indexes.query().where("tags[]").eq("x").orderBy("tags[]").list());
        index("byTag", "tags[]");
        Query<String, Map<String, Object>> query = indexes.query().where("tags[]").eq("x").orderBy("tags[]");

        assertThat(bySort).containsExactly("b", "a");
        assertThat(keys(query.list())).as("plan %s", query.explain()).containsExactlyElementsOf(bySort);
    }
}
