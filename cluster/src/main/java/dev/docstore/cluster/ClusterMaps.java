package dev.docstore.cluster;

import com.hazelcast.config.AttributeConfig;
import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import dev.docstore.cluster.query.DocumentExtractor;

/**
 * The {@code IMap} behind each cluster cache, and its configuration: values held as objects (so the extractor and
 * entry processors read them without deserializing), the {@code doc[...]} attribute, the backups, and the bound.
 */
public final class ClusterMaps {
    /** The prefix of every cache's map name, so caches never meet the application's own maps. */
    public static final String PREFIX = "docstore.cache.";

    private ClusterMaps() {
    }

    /** The name of the cluster-wide map of {@code cacheName}'s index definitions. */
    public static String indexRegistryName(String cacheName) {
        return "docstore.indexes." + cacheName;
    }

    /** The name of {@code cacheName}'s map. */
    public static String mapName(String cacheName) {
        return PREFIX + cacheName;
    }

    /**
     * Declares the map of {@code cacheName} on the cluster (before its first use) and returns it.
     *
     * @param maximumSize the cache's bound in entries per member, or 0 for none (Hazelcast evicts per member, least
     *                    recently used first)
     */
    public static <K> IMap<K, StoredEntry> declare(HazelcastInstance instance, String cacheName, int backups,
                                                  long maximumSize) {
        MapConfig config = new MapConfig(mapName(cacheName))
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setBackupCount(backups)
                .addAttributeConfig(new AttributeConfig(DocumentExtractor.ATTRIBUTE,
                        DocumentExtractor.class.getName()));
        if (maximumSize > 0) {
            config.setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
                    .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize((int) Math.min(Integer.MAX_VALUE, maximumSize)));
        }
        instance.getConfig().addMapConfig(config);
        return instance.getMap(mapName(cacheName));
    }
}
