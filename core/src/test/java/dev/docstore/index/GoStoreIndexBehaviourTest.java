package dev.docstore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** go-store's index behaviours (docs/go-store.md, "Operations"), kept. */
class GoStoreIndexBehaviourTest {
    private final DocumentStore<String, Map<String, Object>> store = DocumentStore.create();
    private final Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);

    @AfterEach
    void close() {
        store.close();
    }

    private static List<String> keys(List<Entry<String, Map<String, Object>>> entries) {
        return entries.stream().map(Entry::key).toList();
    }

    @Test
    void rangeEndIsExclusiveAndStartInclusive() {
        for (int age = 10; age <= 50; age += 10) {
            store.put("p" + age, Map.of("age", age));
        }
        indexes.create(IndexDefinition.of("byAge", "age"));

        assertThat(keys(indexes.range("byAge", 20, 40))).containsExactly("p20", "p30");
        assertThat(keys(indexes.range("byAge", null, 20))).containsExactly("p10");
        assertThat(keys(indexes.range("byAge", 40, null))).containsExactly("p40", "p50");
    }

    @Test
    void compositeBoundsAreTuplePrefixes() {
        store.put("a1", Map.of("city", "Aveiro", "age", 30));
        store.put("a2", Map.of("city", "Amsterdam", "age", 20));
        store.put("b1", Map.of("city", "Braga", "age", 40));
        indexes.create(IndexDefinition.of("byCityAge", "city", "age"));

        // ["A"]..["B"]: every tuple starting with a city from "A" up to, not including, "B"
        assertThat(keys(indexes.range("byCityAge", List.of("A"), List.of("B")))).containsExactly("a2", "a1");
        assertThat(keys(indexes.scan("byCityAge").range(IndexRange.prefix("Braga")).list())).containsExactly("b1");
        assertThat(keys(indexes.lookup("byCityAge", "Aveiro", 30))).containsExactly("a1");
    }

    @Test
    void numbersOfDifferentTypesAreTheSameKey() {
        store.put("int", Map.of("n", 5));
        store.put("long", Map.of("n", 5L));
        store.put("double", Map.of("n", 5.0));
        store.put("other", Map.of("n", 6));
        indexes.create(IndexDefinition.of("byN", "n"));

        assertThat(keys(indexes.lookup("byN", 5.0))).containsExactlyInAnyOrder("int", "long", "double");
        assertThat(keys(indexes.lookup("byN", 5))).containsExactlyInAnyOrder("int", "long", "double");
    }

    @Test
    void documentsMissingAFieldOrHoldingNullAreNotIndexed() {
        HashMap<String, Object> withNull = new HashMap<>();
        withNull.put("city", null);
        store.put("null", withNull);
        store.put("missing", Map.of("other", 1));
        store.put("present", Map.of("city", "Porto"));
        IndexInfo info = indexes.create(IndexDefinition.of("byCity", "city"));

        assertThat(info.entries()).isEqualTo(1);
        assertThat(keys(indexes.scan("byCity").list())).containsExactly("present");
    }

    @Test
    void errorsHaveGoStoresTypedEquivalents() {
        indexes.create(IndexDefinition.of("byCity", "city"));

        assertThatThrownBy(() -> indexes.create(IndexDefinition.of("byCity", "other")))
                .isInstanceOf(IndexExistsException.class).hasMessageContaining("byCity");
        assertThatThrownBy(() -> IndexDefinition.of("empty"))
                .isInstanceOf(EmptyIndexException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> indexes.lookup("nope", "x"))
                .isInstanceOf(IndexNotFoundException.class).hasMessageContaining("nope").hasMessageContaining("byCity");
    }
}
