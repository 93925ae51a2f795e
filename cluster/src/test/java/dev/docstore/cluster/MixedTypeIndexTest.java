package dev.docstore.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import dev.docstore.cluster.query.DocumentExtractor;
import dev.docstore.cluster.query.OrderedValue;
import dev.docstore.index.FieldPath;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A SORTED Hazelcast index over values of several types (an {@code Integer} beside a {@code BigDecimal}, a
 * {@code Long} and a {@code String}) throws {@code ClassCastException} on put and stores the entry anyway when the
 * values are indexed as they are; through {@link OrderedValue} every put succeeds and the index answers in docstore's
 * value order (numbers by their exact value, numbers before strings).
 */
class MixedTypeIndexTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(3);

    @Test
    void aSortedIndexOverMixedTypesAcceptsEveryPutAndAnswersInTheValueOrder() {
        IMap<String, StoredEntry> map = ClusterMaps.declare(CLUSTER.member(0), "mixed", 1, 0);
        String age = DocumentExtractor.attribute(FieldPath.parse("age"));
        String tags = DocumentExtractor.attribute(FieldPath.parse("tags[]"));
        map.addIndex(new IndexConfig(IndexType.SORTED, age));
        map.addIndex(new IndexConfig(IndexType.SORTED, tags));
        map.set("a", new StoredEntry(Map.of("age", 5, "tags", List.of("x", "y")), 1, StoredEntry.NEVER));
        map.set("b", new StoredEntry(Map.of("age", new BigDecimal("5.00")), 1, StoredEntry.NEVER));
        map.set("c", new StoredEntry(Map.of("age", "5", "tags", List.of("y")), 1, StoredEntry.NEVER));
        map.set("d", new StoredEntry(Map.of("age", 7L), 1, StoredEntry.NEVER));
        assertThat(map.keySet(Predicates.equal(age, OrderedValue.of(5.0)))).containsExactlyInAnyOrder("a", "b");
        assertThat(map.keySet(Predicates.between(age, OrderedValue.of(5), OrderedValue.of(7))))
                .containsExactlyInAnyOrder("a", "b", "d");
        assertThat(map.keySet(Predicates.greaterThan(age, OrderedValue.of(6)))).containsExactlyInAnyOrder("d", "c");
        assertThat(map.keySet(Predicates.equal(tags, OrderedValue.of("y")))).containsExactlyInAnyOrder("a", "c");
        assertThat(map.keySet(Predicates.lessThan(age, OrderedValue.of("5")))).containsExactlyInAnyOrder("a", "b", "d");
        map.destroy();
    }
}
