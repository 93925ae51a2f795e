package dev.docstore.cluster;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import java.io.IOException;
import java.util.Objects;

/**
 * What a cluster cache's {@code IMap} holds for a key: the cache's value, the key's version (1 for a new entry, one
 * more on every write of the key, counted on the key's partition) and the time the entry expires (milliseconds since
 * the epoch; {@link #NEVER} for an eternal entry). The value is serialized by Hazelcast's own serializers, so it must
 * be {@code Serializable} or have a Hazelcast serializer. Immutable once read; the fields are written only by
 * {@link #readData} while Hazelcast builds an instance.
 */
public final class StoredEntry implements IdentifiedDataSerializable {
    /** The expiry time of an entry that never expires. */
    public static final long NEVER = Long.MAX_VALUE;

    private Object value;
    private long version;
    private long expiresAt;

    /** For Hazelcast's deserialization only. */
    public StoredEntry() {
    }

    /** An entry holding {@code value} at {@code version}, expiring at {@code expiresAt}. */
    public StoredEntry(Object value, long version, long expiresAt) {
        this.value = Objects.requireNonNull(value, "value must not be null");
        this.version = version;
        this.expiresAt = expiresAt;
    }

    /** The cache's value. */
    public Object value() {
        return value;
    }

    /** The key's version: 1 when created, one more on each write. */
    public long version() {
        return version;
    }

    /** When the entry expires, in epoch milliseconds; {@link #NEVER} if it does not. */
    public long expiresAt() {
        return expiresAt;
    }

    /** Whether the entry has expired at {@code now} (epoch milliseconds). */
    public boolean isExpiredAt(long now) {
        return expiresAt <= now;
    }

    /** This entry with another expiry time, same value and version (an access that moved the expiry time). */
    public StoredEntry expiringAt(long at) {
        return new StoredEntry(value, version, at);
    }

    /** The next version of this key holding {@code next}. */
    public StoredEntry next(Object next, long at) {
        return new StoredEntry(next, version + 1, at);
    }

    /** Milliseconds left until {@code expiresAt} as Hazelcast's time-to-live (0 there means "the map's default"). */
    public long ttlMillis(long now) {
        return expiresAt == NEVER ? Long.MAX_VALUE : Math.max(1, expiresAt - now);
    }

    @Override
    public int getFactoryId() {
        return ClusterSerializerHook.FACTORY_ID;
    }

    @Override
    public int getClassId() {
        return ClusterSerializerHook.STORED_ENTRY;
    }

    @Override
    public void writeData(ObjectDataOutput out) throws IOException {
        out.writeLong(version);
        out.writeLong(expiresAt);
        out.writeObject(value);
    }

    @Override
    public void readData(ObjectDataInput in) throws IOException {
        version = in.readLong();
        expiresAt = in.readLong();
        value = in.readObject();
    }

    @Override
    public String toString() {
        return "StoredEntry[" + value + ", version " + version + (expiresAt == NEVER ? "" : ", expires " + expiresAt)
                + "]";
    }
}
