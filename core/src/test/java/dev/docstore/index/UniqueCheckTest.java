package dev.docstore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.engine.DocumentStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checking values against unique indexes without writing: one at a time, a batch, and a sequence item by item. */
class UniqueCheckTest {
    private final DocumentStore<String, Object> store = DocumentStore.create();
    private final Indexes<String, Object> indexes = Indexes.attach(store);

    UniqueCheckTest() {
        indexes.create(IndexDefinition.of("byEmail", List.of("email"), true));
        indexes.create(IndexDefinition.of("byTag", List.of("tags[]"), true));
        indexes.create(IndexDefinition.of("byCity", "city"));
        store.put("held", Map.of("email", "held@x", "tags", List.of("held-tag"), "city", "Porto"));
    }

    private record Item(String key, Map<String, Object> value) {
    }

    @Test
    void eachItemIsCheckedAgainstTheStoreAndTheItemsAcceptedBeforeIt() {
        List<Item> items = List.of(
                new Item("a", Map.of("email", "a@x", "city", "Porto")),
                new Item("b", Map.of("email", "held@x")),                     // held in the store
                new Item("c", Map.of("email", "a@x")),                        // taken by a, accepted before it
                new Item("d", Map.of("email", "b@x", "tags", List.of("t", "held-tag"))), // its second tag is held
                new Item("e", Map.of("email", "b@x", "tags", List.of("t"))),  // d was refused, so b@x and t are free
                new Item("held", Map.of("email", "held@x")),                  // its own value: no conflict
                new Item("f", Map.of("email", "f@x", "tags", List.of("t")))); // t taken by e
        List<String> refused = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        indexes.checkUniqueEach(items, Item::key, Item::value, (item, refusal) -> {
            refused.add(item.key());
            reasons.add(refusal.getMessage());
        });
        assertThat(refused).containsExactly("b", "c", "d", "f");
        assertThat(reasons.get(0)).contains("byEmail").contains("held@x").contains("held");
        assertThat(reasons.get(1)).contains("a@x");
        assertThat(reasons.get(2)).contains("byTag").contains("held-tag");
        assertThat(reasons.get(3)).contains("byTag");
        assertThat(store.size()).as("nothing written").isEqualTo(1);
    }

    @Test
    void theBatchCheckRefusesTwoKeysWithOneValue() {
        assertThatThrownBy(() -> indexes.checkUnique(Map.of("x", Map.of("email", "same"), "y",
                Map.of("email", "same")))).isInstanceOf(UniqueConstraintException.class).hasMessageContaining("same");
    }
}
