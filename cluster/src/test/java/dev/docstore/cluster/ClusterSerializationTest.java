package dev.docstore.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.internal.serialization.Data;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a cluster cache sends between members travels as identified data, found through the module's
 * {@code DataSerializerHook} service entry with no configuration: no class name, no Java serialization.
 */
class ClusterSerializationTest {
    @RegisterExtension
    static final ClusterExtension CLUSTER = new ClusterExtension(1);

    private final SerializationService serialization =
            ((SerializationServiceSupport) CLUSTER.member(0)).getSerializationService();

    @Test
    void aStoredEntryTravelsAsIdentifiedDataAndComesBackWhole() {
        StoredEntry entry = new StoredEntry(Map.of("city", "Porto", "n", 3), 7, 12_345L);
        Data data = serialization.toData(entry);
        assertThat(new String(data.toByteArray(), java.nio.charset.StandardCharsets.ISO_8859_1))
                .doesNotContain(StoredEntry.class.getName());
        StoredEntry back = serialization.toObject(data);
        assertThat(back.value()).isEqualTo(entry.value());
        assertThat(back.version()).isEqualTo(7);
        assertThat(back.expiresAt()).isEqualTo(12_345L);
    }

    @Test
    void theBlindPutTravelsWithoutJavaSerializationAndStillPuts() {
        Map<String, Object> document = Map.of("city", "Porto", "n", 3);
        Data processor = serialization.toData(new ClusterWrites.BlindPut<String>(document));
        Data value = serialization.toData(document);
        assertThat(processor.totalSize()).as("the processor beside the document it carries")
                .isLessThan(value.totalSize() + 32);
        ClusterWrites.BlindPut<String> back = serialization.toObject(processor);
        Map.Entry<String, StoredEntry> entry = new java.util.AbstractMap.SimpleEntry<>("k", null);
        back.process(entry);
        assertThat(entry.getValue().value()).isEqualTo(document);
        assertThat(entry.getValue().version()).isEqualTo(1);
    }
}
