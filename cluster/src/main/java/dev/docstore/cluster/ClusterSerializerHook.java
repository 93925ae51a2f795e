package dev.docstore.cluster;

import com.hazelcast.internal.serialization.DataSerializerHook;
import com.hazelcast.nio.serialization.DataSerializableFactory;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;

/**
 * Tells Hazelcast how to build the objects a cluster cache sends between members: a {@link StoredEntry} (every entry
 * of every cache) and the blind put's entry processor. Identified by numbers, they travel without their class names
 * and are rebuilt without reflection; Java serialization made a put's processor three times the size of its
 * document. Found by Hazelcast through {@code META-INF/services/com.hazelcast.DataSerializerHook}, so every member and
 * client with this jar knows them, including instances the application configures itself. (The hook interface is
 * Hazelcast's internal one, the way its own modules register theirs; the factory is its public API.)
 */
public final class ClusterSerializerHook implements DataSerializerHook {
    /** This module's factory id ("doc" in ASCII), away from the small numbers applications tend to choose. */
    public static final int FACTORY_ID = 0x646f63;
    static final int STORED_ENTRY = 1;
    static final int BLIND_PUT = 2;

    @Override
    public int getFactoryId() {
        return FACTORY_ID;
    }

    @Override
    public DataSerializableFactory createFactory() {
        return ClusterSerializerHook::create;
    }

    private static IdentifiedDataSerializable create(int classId) {
        return switch (classId) {
            case STORED_ENTRY -> new StoredEntry();
            case BLIND_PUT -> new ClusterWrites.BlindPut<>();
            default -> throw new IllegalArgumentException("no docstore cluster class has id " + classId);
        };
    }
}
