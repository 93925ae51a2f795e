package dev.docstore.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The edges of the index and query API: one rule for null arguments (a {@link NullPointerException} whose message
 * names the argument, from every method alike), offsets at the end of the {@code long} range, bounds whose minimum
 * is above their maximum, and list indexes, which hold an entry per element but return each document once.
 */
class QueryArgumentsTest {
    private final DocumentStore<String, Map<String, Object>> store = DocumentStore.create();
    private final Indexes<String, Map<String, Object>> indexes = Indexes.attach(store);

    @BeforeEach
    void fill() {
        for (int i = 0; i < 10; i++) {
            store.put("k" + i, Map.of("n", i, "tags", List.of("t" + i % 3, "t" + (i + 1) % 3, "all")));
        }
        indexes.create(IndexDefinition.of("byN", "n"));
        indexes.create(IndexDefinition.of("byTag", "tags[]"));
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Stream<Arguments> nullArguments() {
        return Stream.of(
                nulls("eq(null)", q -> q.where("n").eq(null), "condition EQ on 'n': value 1 is null"),
                nulls("in(1, null)", q -> q.where("n").in(1, null), "condition IN on 'n': value 2 is null"),
                nulls("between(1, null)", q -> q.where("n").between(1, null),
                        "condition BETWEEN on 'n': value 2 is null"),
                nulls("between(null, 1)", q -> q.where("n").between(null, 1),
                        "condition BETWEEN on 'n': value 1 is null"),
                nulls("startsWith(null)", q -> q.where("n").startsWith(null),
                        "condition STARTS_WITH on 'n': value 1 is null"),
                nulls("gt(null)", q -> q.where("n").gt(null), "condition GT on 'n': value 1 is null"),
                nulls("where(null)", q -> q.where((String) null), "path must not be null"));
    }

    private static Arguments nulls(String what, Consumer<Query<String, Map<String, Object>>> build, String message) {
        return Arguments.of(what, build, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullArguments")
    void aNullConditionValueIsANullPointerExceptionThatSaysWhichAndWhy(String what,
            Consumer<Query<String, Map<String, Object>>> build, String message) {
        assertThatThrownBy(() -> build.accept(indexes.query())).isExactlyInstanceOf(NullPointerException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void aNullConditionValueMessageSaysThatNullIsNeverMatched() {
        assertThatThrownBy(() -> indexes.query().where("n").eq(null))
                .hasMessageContaining("null is never matched");
    }

    @Test
    void aNullIndexPathIsNamedByItsPosition() {
        assertThatThrownBy(() -> IndexDefinition.of("x", (String) null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("path 1 of index 'x' is null");
        assertThatThrownBy(() -> IndexDefinition.of("x", "a", null)).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("path 2 of index 'x' is null");
        assertThatThrownBy(() -> IndexDefinition.of("x", java.util.Arrays.asList("a", null), true))
                .isExactlyInstanceOf(NullPointerException.class).hasMessage("path 2 of index 'x' is null");
        assertThatThrownBy(() -> IndexDefinition.of(null, "a")).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("index name must not be null");
    }

    static Stream<Arguments> nullIndexNames() {
        return Stream.of(
                name("lookup", i -> i.lookup(null, 1)),
                name("range", i -> i.range(null, 1, 2)),
                name("scan", i -> i.scan(null)),
                name("count", i -> i.scan(null).count()),
                name("info", i -> i.info(null)),
                name("drop", i -> i.drop(null)),
                name("rebuild", i -> i.rebuild(null)));
    }

    private static Arguments name(String what, Consumer<Indexes<String, Map<String, Object>>> call) {
        return Arguments.of(what, call);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nullIndexNames")
    void aNullIndexNameIsTheSameErrorFromEveryMethod(String what, Consumer<Indexes<String, Map<String, Object>>> call) {
        ThrowingCallable calling = () -> call.accept(indexes);
        assertThatThrownBy(calling).isExactlyInstanceOf(NullPointerException.class)
                .hasMessage("index name must not be null");
        assertThat(indexes.names()).as("nothing changed").containsExactly("byN", "byTag");
    }

    @Test
    void anOffsetNearTheEndOfTheLongRangeGivesNothingInsteadOfOverflowing() {
        assertThat(indexes.query().where("n").gte(0).offset(Long.MAX_VALUE - 1).limit(5).list()).isEmpty();
        assertThat(indexes.query().where("n").gte(0).offset(Long.MAX_VALUE).limit(Integer.MAX_VALUE).list())
                .isEmpty();
        assertThat(indexes.query().where("nope").eq(1).offset(Long.MAX_VALUE).limit(1).list())
                .as("through a scan of the store").isEmpty();
        assertThat(indexes.scan("byN").offset(Long.MAX_VALUE).limit(Integer.MAX_VALUE).list()).isEmpty();
    }

    @Test
    void boundsWithTheMinimumAboveTheMaximumSelectNothing() {
        assertThat(indexes.range("byN", 7, 3)).isEmpty();
        assertThat(indexes.scan("byN").range(new IndexRange(Bound.inclusive(7), Bound.inclusive(3))).count()).isZero();
        assertThat(indexes.scan("byN").range(new IndexRange(Bound.inclusive(3), Bound.exclusive(3))).list())
                .as("[3, 3) is empty").isEmpty();
        assertThat(indexes.scan("byN").range(new IndexRange(Bound.inclusive(3), Bound.inclusive(3))).list())
                .extracting(Entry::key).containsExactly("k3");
        assertThat(indexes.query().where("n").between(7, 3).list()).isEmpty();
    }

    @Test
    void aListIndexCountsEveryElementButReturnsEachDocumentOnce() {
        IndexInfo info = indexes.info("byTag");
        assertThat(info.entries()).as("three tags per document, each an entry").isEqualTo(30);
        List<String> all = indexes.scan("byTag").list().stream().map(Entry::key).toList();
        assertThat(all).as("every document once").hasSize(10).doesNotHaveDuplicates();
        assertThat(indexes.scan("byTag").count()).isEqualTo(10);
        List<String> descending = indexes.scan("byTag").descending().list().stream().map(Entry::key).toList();
        assertThat(descending).hasSize(10).doesNotHaveDuplicates();
        List<String> t0 = indexes.lookup("byTag", "t0").stream().map(Entry::key).toList();
        assertThat(t0).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10)
                .filter(i -> i % 3 == 0 || (i + 1) % 3 == 0).mapToObj(i -> "k" + i).toList());
    }
}
