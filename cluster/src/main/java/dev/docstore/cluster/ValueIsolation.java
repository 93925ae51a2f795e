package dev.docstore.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.internal.serialization.Data;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import com.hazelcast.internal.serialization.SerializationService;
import com.hazelcast.spi.impl.SerializationServiceSupport;
import javax.cache.CacheException;

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

    /**
     * {@code value}, or a copy of it when the key's partition is on this member.
     *
     * @throws CacheException if the value cannot be serialized; nothing was sent
     */
    Object isolated(Object key, Object value) {
        if (!member) {
            return value;
        }
        var owner = instance.getPartitionService().getPartition(key).getOwner();
        return owner != null && owner.localMember() ? serialization.toObject(serialized(value)) : value;
    }

    /**
     * Checks that {@code value} serializes, before a writer or a listener hears of it: a value the cluster cannot
     * hold must change nothing anywhere.
     *
     * @throws CacheException naming the value's type and what Hazelcast said
     */
    void requireSerializable(Object value) {
        serialized(value);
    }

    private Data serialized(Object value) {
        try {
            return serialization.toData(value);
        } catch (HazelcastSerializationException e) {
            throw unserializable(value, e);
        }
    }

    /** The error for a value Hazelcast cannot serialize. */
    static CacheException unserializable(Object value, RuntimeException cause) {
        return new CacheException("a value of type " + value.getClass().getName() + " cannot be stored in a cluster "
                + "cache: it must be Serializable or have a Hazelcast serializer (" + cause.getMessage() + ")", cause);
    }
}
