package dev.docstore.cluster.query;

import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.docstore.cluster.ClusterMaps;
import dev.docstore.index.FieldPath;
import dev.docstore.index.IndexDefinition;
import dev.docstore.index.IndexExistsException;
import dev.docstore.index.IndexNotFoundException;
import java.util.List;
import java.util.Objects;

/**
 * A cluster cache's index definitions, in the cluster-wide map {@link ClusterMaps#indexRegistryName}, so every member
 * and client that opens the cache sees the same indexes; and the Hazelcast SORTED index on the {@code doc[...]}
 * attribute of each indexed path, which the members use to pick candidates.
 *
 * <p>Thread-safe: a name is claimed with {@code putIfAbsent} on the registry, atomic on its partition, so two JVMs
 * creating one name at once get one index and one {@link IndexExistsException}. Hazelcast's {@code addIndex} is
 * idempotent per attribute, so two docstore indexes sharing a path share its Hazelcast index. Creation order comes
 * from the registry's size when the index is claimed; two concurrent creations may tie, and then the name decides.
 */
final class IndexRegistry {
    private final IMap<String, RegisteredIndex> definitions;
    private final IMap<?, ?> map;

    IndexRegistry(HazelcastInstance instance, String qualifiedCacheName, IMap<?, ?> map) {
        this.definitions = instance.getMap(ClusterMaps.indexRegistryName(qualifiedCacheName));
        this.map = map;
    }

    /**
     * Registers {@code definition} and indexes its paths on the members.
     *
     * @throws IndexExistsException if an index has that name on the cluster; nothing changes
     */
    void create(IndexDefinition definition) {
        long ordinal = definitions.values().stream().mapToLong(RegisteredIndex::ordinal).max().orElse(0) + 1;
        if (definitions.putIfAbsent(definition.name(), new RegisteredIndex(definition, ordinal)) != null) {
            throw new IndexExistsException(definition.name());
        }
        try {
            for (FieldPath path : definition.paths()) {
                map.addIndex(new IndexConfig(IndexType.SORTED, DocumentExtractor.attribute(path)));
            }
        } catch (RuntimeException e) {
            definitions.remove(definition.name());
            throw e;
        }
    }

    /**
     * The definition of the index {@code name}.
     *
     * @throws IndexNotFoundException if the cluster has no index of that name
     */
    IndexDefinition find(String name) {
        Objects.requireNonNull(name, "index name must not be null");
        RegisteredIndex index = definitions.get(name);
        if (index == null) {
            throw new IndexNotFoundException(name, names().toString());
        }
        return index.definition();
    }

    /** Every index, in creation order. */
    List<IndexDefinition> all() {
        return definitions.values().stream().sorted(RegisteredIndex.CREATION_ORDER).map(RegisteredIndex::definition)
                .toList();
    }

    /** Every index's name, in creation order. */
    List<String> names() {
        return all().stream().map(IndexDefinition::name).toList();
    }
}
