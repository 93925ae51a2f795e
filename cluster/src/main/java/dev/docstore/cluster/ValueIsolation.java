package dev.docstore.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;

/**
 * Keeps a cluster cache by value when Hazelcast would not. An entry processor that runs on a partition of this very
 * member is not serialized, so the value it carries would be stored as the caller's own object, which the caller may
 * go on changing. For such keys the value is copied through Hazelcast's serialization first (what a remote partition
 * gets anyway); a client holds no partitions and never needs it. Thread-safe.
 */
final class ValueIsolation {
    private final HazelcastInstance instance;
    private final SerializationService serialization;
    private final boolean member;

    ValueIsolation(HazelcastInstance instance) {
        this.instance = instance;
        this.serialization = ((SerializationServiceSupport) instance).getSerializationService();
        this.member = instance.getLocalEndpoint() instanceof com.hazelcast.cluster.Member;
    }

    /** {@code value}, or a copy of it when the key's partition is on this member. */
    Object isolated(Object key, Object value) {
        if (!member) {
            return value;
        }
        var owner = instance.getPartitionService().getPartition(key).getOwner();
        return owner != null && owner.localMember() ? serialization.toObject(serialization.toData(value)) : value;
    }
}
