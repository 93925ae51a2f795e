package dev.docstore.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stored documents are deeply immutable, never aliased to the caller's input, and shared (not copied) on read. */
class ImmutabilityTest {
    private static final String KEY = "ada";

    private final DocumentStore<String, Map<String, Object>> store = DocumentStore.create();

    @AfterEach
    void closeStore() {
        store.close();
    }

    /** A caller's mutable document, with handles on its nested parts. */
    private record Input(Map<String, Object> document, Map<String, Object> address, List<Object> tags) {
        static Input fresh() {
            Map<String, Object> address = new HashMap<>();
            address.put("city", "London");
            List<Object> tags = new ArrayList<>(List.of("math", "engines"));
            Map<String, Object> document = new LinkedHashMap<>();
            document.put("name", "Ada");
            document.put("address", address);
            document.put("tags", tags);
            return new Input(document, address, tags);
        }
    }

    /** The content every test starts from, built afresh so no test can disturb it. */
    private static Map<String, Object> original() {
        return Input.fresh().document();
    }

    @SuppressWarnings("unchecked") // a frozen document's nested maps are Map<String, Object> by construction
    private static Map<String, Object> mapAt(Map<String, Object> document, String field) {
        return (Map<String, Object>) document.get(field);
    }

    @SuppressWarnings("unchecked") // a frozen document's nested lists are List<Object> by construction
    private static List<Object> listAt(Map<String, Object> document, String field) {
        return (List<Object>) document.get(field);
    }

    @Test
    void changingTheInputDocumentAfterPutChangesNothingStored() {
        Input input = Input.fresh();
        store.put(KEY, input.document());

        input.document().put("name", "Eve");
        input.document().remove("tags");
        input.document().put("extra", 1);

        assertThat(store.value(KEY)).isEqualTo(original());
    }

    @Test
    void changingANestedInputMapAfterPutChangesNothingStored() {
        Input input = Input.fresh();
        store.put(KEY, input.document());

        input.address().put("city", "Paris");
        input.address().put("zip", "75001");

        assertThat(store.value(KEY)).isEqualTo(original());
    }

    @Test
    void changingANestedInputListAfterPutChangesNothingStored() {
        Input input = Input.fresh();
        store.put(KEY, input.document());

        input.tags().add("poetry");
        input.tags().set(0, "algebra");
        input.tags().remove("engines");

        assertThat(store.value(KEY)).isEqualTo(original());
    }

    /** A write that stores a document under {@link #KEY}, by one of the store's write paths. */
    interface Write {
        void store(DocumentStore<String, Map<String, Object>> store, Map<String, Object> document);
    }

    static Stream<Named<Write>> everyWritePath() {
        return Stream.of(
                Named.<Write>of("put", (s, doc) -> s.put(KEY, doc)),
                Named.<Write>of("putIfAbsent", (s, doc) -> s.putIfAbsent(KEY, doc)),
                Named.<Write>of("replace", (s, doc) -> {
                    s.put(KEY, Map.of());
                    s.replace(KEY, doc);
                }),
                Named.<Write>of("replace if version", (s, doc) -> s.replace(KEY, s.put(KEY, Map.of()).version(), doc)),
                Named.<Write>of("update", (s, doc) -> s.update(KEY, (key, current) -> Change.put(doc))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyWritePath")
    void everyWritePathStoresAFrozenCopyOfTheInput(Write write) {
        Input input = Input.fresh();
        write.store(store, input.document());

        input.document().put("name", "Eve");
        input.address().put("city", "Paris");
        input.tags().clear();

        assertThat(store.value(KEY)).isEqualTo(original()).isNotSameAs(input.document());
    }

    static Stream<Named<Consumer<Map<String, Object>>>> everyMutator() {
        return Stream.of(
                mutator("put", doc -> doc.put("name", "Eve")),
                mutator("put a new field", doc -> doc.put("extra", 1)),
                mutator("remove", doc -> doc.remove("name")),
                mutator("clear", Map::clear),
                mutator("putAll", doc -> doc.putAll(Map.of("name", "Eve"))),
                mutator("replaceAll", doc -> doc.replaceAll((field, value) -> "x")),
                mutator("merge", doc -> doc.merge("name", "Eve", (old, given) -> given)),
                mutator("compute", doc -> doc.compute("name", (field, value) -> "Eve")),
                mutator("entrySet().iterator().remove()", doc -> {
                    Iterator<Map.Entry<String, Object>> entries = doc.entrySet().iterator();
                    entries.next();
                    entries.remove();
                }),
                mutator("entry.setValue", doc -> doc.entrySet().iterator().next().setValue("Eve")),
                mutator("keySet().remove", doc -> doc.keySet().remove("name")),
                mutator("values().remove", doc -> doc.values().remove("Ada")),
                mutator("nested list add", doc -> listAt(doc, "tags").add("poetry")),
                mutator("nested list set", doc -> listAt(doc, "tags").set(0, "algebra")),
                mutator("nested list remove", doc -> listAt(doc, "tags").remove(0)),
                mutator("nested list clear", doc -> listAt(doc, "tags").clear()),
                mutator("nested list iterator remove", doc -> {
                    Iterator<Object> tags = listAt(doc, "tags").iterator();
                    tags.next();
                    tags.remove();
                }),
                mutator("nested list sort", doc -> listAt(doc, "tags").sort(null)),
                mutator("nested map put", doc -> mapAt(doc, "address").put("city", "Paris")),
                mutator("nested map remove", doc -> mapAt(doc, "address").remove("city")),
                mutator("nested map entry.setValue",
                        doc -> mapAt(doc, "address").entrySet().iterator().next().setValue("Paris")));
    }

    private static Named<Consumer<Map<String, Object>>> mutator(String name, Consumer<Map<String, Object>> mutator) {
        return Named.of(name, mutator);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMutator")
    void everyMutatorOfAReadDocumentThrowsAndTheStoreStaysAsItWas(Consumer<Map<String, Object>> mutator) {
        store.put(KEY, Input.fresh().document());
        Entry<String, Map<String, Object>> before = store.get(KEY);
        StoreFigures figuresBefore = store.figures();

        assertThatThrownBy(() -> mutator.accept(before.value())).isInstanceOf(UnsupportedOperationException.class);

        assertThat(store.get(KEY)).isSameAs(before);
        assertThat(store.value(KEY)).isEqualTo(original());
        assertThat(store.figures()).isEqualTo(figuresBefore);
    }

    @Test
    void getReturnsTheSameInstanceEveryTime() {
        store.put(KEY, Input.fresh().document());

        Entry<String, Map<String, Object>> first = store.get(KEY);
        Entry<String, Map<String, Object>> second = store.get(KEY);

        assertThat(second).isSameAs(first);
        assertThat(second.value()).isSameAs(first.value());
        assertThat(store.value(KEY)).isSameAs(first.value());
        assertThat(second.value().get("address")).isSameAs(first.value().get("address"));
    }

    @Test
    void snapshotsShareTheStoredDocumentToo() {
        store.put(KEY, Input.fresh().document());

        try (Snapshot<String, Map<String, Object>> snapshot = store.snapshot()) {
            assertThat(snapshot.get(KEY)).isSameAs(store.get(KEY));
            assertThat(snapshot.get(KEY).value()).isSameAs(store.value(KEY));
        }
    }

    @Test
    void rePuttingAReadDocumentStoresThatSameInstance() {
        store.put(KEY, Input.fresh().document());
        Map<String, Object> read = store.value(KEY);

        store.put("copy", read);
        Entry<String, Map<String, Object>> rewritten = store.put(KEY, read);

        assertThat(store.value("copy")).isSameAs(read);
        assertThat(rewritten.value()).isSameAs(read);
    }

    @Test
    void anUpdaterReturningTheCurrentDocumentStoresThatSameInstance() {
        store.put(KEY, Input.fresh().document());
        Map<String, Object> read = store.value(KEY);

        WriteResult<String, Map<String, Object>> result =
                store.update(KEY, (key, current) -> Change.put(current.value()));

        assertThat(result.applied()).isTrue();
        assertThat(result.current().value()).isSameAs(read);
    }

    @Test
    void valuesThatAreNotMapsAreStoredAsGiven() {
        try (DocumentStore<String, Object> anything = DocumentStore.create()) {
            StringBuilder text = new StringBuilder("draft");
            Pojo pojo = new Pojo("Ada");
            List<String> list = new ArrayList<>(List.of("a"));

            anything.put("text", text);
            anything.put("pojo", pojo);
            anything.put("list", list);

            assertThat(anything.value("text")).isSameAs(text);
            assertThat(anything.value("pojo")).isSameAs(pojo);
            assertThat(anything.value("list")).isSameAs(list);
        }
    }

    /** A mutable value object that is not a document. */
    static final class Pojo {
        String name;

        Pojo(String name) {
            this.name = name;
        }
    }
}
