package dev.docstore.cluster;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.nio.serialization.HazelcastSerializationException;
import dev.docstore.jcache.CacheIntegration;
import dev.docstore.jcache.CacheStatistics;
import dev.docstore.jcache.event.EventDispatcher;
import dev.docstore.jcache.expiry.ExpiryRules;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.cache.event.EventType;

/**
 * The keyed operations of a cluster cache. Each runs under the key's cluster-wide lock ({@code IMap.lock}, held by
 * this thread on this member or client): it reads the key's live entry, lets its decision choose, calls the writer
 * or loader, stores or removes, counts and publishes, and unlocks. Hazelcast makes every other write of the key
 * (another member's, an entry processor's) wait for the lock, so each key changes in one order, and nothing changes
 * when the decision, the writer or the loader throws.
 *
 * <p>A put on a cache that nothing observes (no writer, no listener, eternal entries) is blind: one entry processor on
 * the key's partition, which counts the key's version there, with no lock round trips ({@link #putBlindly}).
 *
 * <p>Expiry: entries carry their expiry time; Hazelcast's own time-to-live is set a grace period later, so that a
 * read finds an expired entry, removes it and reports it to EXPIRED listeners before Hazelcast drops it silently.
 *
 * <p>Thread-safe. Listeners run on the calling thread (synchronous ones) while the key is locked, so a key's events
 * come in the order of its writes.
 */
final class ClusterWrites<K, V> {
    /** How long Hazelcast keeps an expired entry before dropping it itself. */
    static final long EXPIRY_GRACE_MILLIS = TimeUnit.MINUTES.toMillis(1);

    private final IMap<K, StoredEntry> map;
    private final ExpiryRules expiry;
    private final CacheStatistics statistics;
    private final EventDispatcher<K, V> events;
    private final CacheIntegration<K, V> integration;
    private final ValueIsolation isolation;

    ClusterWrites(IMap<K, StoredEntry> map, ExpiryRules expiry, CacheStatistics statistics,
                  EventDispatcher<K, V> events, CacheIntegration<K, V> integration, ValueIsolation isolation) {
        this.map = map;
        this.isolation = isolation;
        this.expiry = expiry;
        this.statistics = statistics;
        this.events = events;
        this.integration = integration;
    }

    /** The key's live entry, or {@code null}; an expired one is removed and reported. */
    StoredEntry live(K key) {
        StoredEntry entry = map.get(key);
        if (entry != null && !expiry.isEternal() && entry.isExpiredAt(expiry.now())) {
            expire(key, entry);
            return null;
        }
        return entry;
    }

    /** Whether nothing observes a put, so it needs neither the lock nor the previous value. */
    boolean isBlind() {
        return !integration.isWriteThrough() && expiry.isEternal() && !events.hasListeners();
    }

    /** A put that nothing observes: one entry processor on the key's partition. */
    void putBlindly(K key, V value) {
        try {
            map.executeOnKey(key, new BlindPut<>(isolation.isolated(key, value)));
        } catch (HazelcastSerializationException e) {
            throw ValueIsolation.unserializable(value, e);
        }
        statistics.put();
    }

    /** Checks that {@code value} serializes, before a batch's writer hears of it. */
    void requireSerializable(Object value) {
        isolation.requireSerializable(value);
    }

    /** Runs one keyed operation under the key's lock; see the class comment. */
    <R> R operate(K key, V value, KeyedDecision<K, V, R> decision) {
        map.lock(key);
        try {
            StoredEntry current = live(key);
            if (decision.isLookup()) {
                statistics.lookup(current != null);
            }
            KeyedDecision.Action action = decision.decide(key, current);
            V stored = null;
            boolean changed = false;
            switch (action) {
                case PUT -> {
                    stored = decision.value(value);
                    isolation.requireSerializable(stored);
                    integration.write(key, stored);
                    changed = store(key, stored, current, true);
                }
                case PUT_WRITTEN -> {
                    stored = value;
                    isolation.requireSerializable(stored);
                    changed = store(key, stored, current, true);
                }
                case LOAD -> {
                    stored = decision.value(value);
                    isolation.requireSerializable(stored);
                    changed = store(key, stored, current, false);
                }
                case REMOVE -> {
                    integration.delete(key);
                    changed = remove(key, current);
                }
                case REMOVE_DELETED -> changed = remove(key, current);
                case ACCESS -> touch(key, current);
                case NONE -> {
                }
            }
            return decision.result(current, changed, stored);
        } finally {
            map.unlock(key);
        }
    }

    /** A read of a live entry: moves its expiry time if the policy's access rule says so. */
    void touch(K key, StoredEntry current) {
        if (current == null || expiry.isEternal()) {
            return;
        }
        long now = expiry.now();
        long at = expiry.onAccess(now);
        if (at != ExpiryRules.UNCHANGED) {
            write(key, current.expiringAt(at), now);
        }
    }

    /** A get of a cache whose entries expire: the read and the access rule under the key's lock. */
    StoredEntry readAndTouch(K key) {
        map.lock(key);
        try {
            StoredEntry current = live(key);
            touch(key, current);
            return current;
        } finally {
            map.unlock(key);
        }
    }

    private boolean store(K key, V value, StoredEntry current, boolean countPut) {
        long now = expiry.now();
        long at;
        if (current == null) {
            at = expiry.onCreation(now);
            if (at <= now) {
                return false;
            }
        } else {
            at = expiry.onUpdate(now);
            if (at == ExpiryRules.UNCHANGED) {
                at = current.expiresAt();
            }
        }
        write(key, current == null ? new StoredEntry(value, 1, at) : current.next(value, at), now);
        if (countPut) {
            statistics.put();
        }
        EventType type = current == null ? EventType.CREATED : EventType.UPDATED;
        if (events.hasListenersFor(type)) {
            events.publish(type, key, value, KeyedDecision.valueOf(current));
        }
        return true;
    }

    private void write(K key, StoredEntry entry, long now) {
        if (entry.expiresAt() == StoredEntry.NEVER) {
            map.set(key, entry);
        } else {
            long ttl = entry.ttlMillis(now);
            map.set(key, entry, ttl > Long.MAX_VALUE - EXPIRY_GRACE_MILLIS ? ttl : ttl + EXPIRY_GRACE_MILLIS,
                    TimeUnit.MILLISECONDS);
        }
    }

    private boolean remove(K key, StoredEntry current) {
        if (current == null) {
            return false;
        }
        map.delete(key);
        statistics.removal();
        if (events.hasListenersFor(EventType.REMOVED)) {
            V old = KeyedDecision.valueOf(current);
            events.publish(EventType.REMOVED, key, old, old);
        }
        return true;
    }

    /** Removes {@code seen} if it is still the key's entry and expired, and reports it; under the key's lock. */
    boolean expire(K key, StoredEntry seen) {
        map.lock(key);
        try {
            StoredEntry now = map.get(key);
            if (now == null || now.version() != seen.version() || !now.isExpiredAt(expiry.now())) {
                return false;
            }
            map.delete(key);
            if (events.hasListenersFor(EventType.EXPIRED)) {
                V value = KeyedDecision.valueOf(now);
                events.publish(EventType.EXPIRED, key, value, value);
            }
            return true;
        } finally {
            map.unlock(key);
        }
    }

    /** Removes every expired entry; returns how many. */
    int expireAll() {
        if (expiry.isEternal()) {
            return 0;
        }
        int expired = 0;
        long now = expiry.now();
        for (Map.Entry<K, StoredEntry> entry : map.entrySet()) {
            if (entry.getValue().isExpiredAt(now) && expire(entry.getKey(), entry.getValue())) {
                expired++;
            }
        }
        return expired;
    }

    /** A put run on the key's partition: the next version of the key, eternal. */
    static final class BlindPut<K> implements EntryProcessor<K, StoredEntry, Void>, IdentifiedDataSerializable {
        private static final long serialVersionUID = 1L;

        // a cache value: serializable, as every value a cluster cache stores must be
        @SuppressWarnings("serial")
        private Object value;

        /** For Hazelcast's deserialization only. */
        BlindPut() {
        }

        BlindPut(Object value) {
            this.value = value;
        }

        @Override
        public Void process(Map.Entry<K, StoredEntry> entry) {
            StoredEntry old = entry.getValue();
            entry.setValue(old == null ? new StoredEntry(value, 1, StoredEntry.NEVER)
                    : old.next(value, StoredEntry.NEVER));
            return null;
        }

        @Override
        public int getFactoryId() {
            return ClusterSerializerHook.FACTORY_ID;
        }

        @Override
        public int getClassId() {
            return ClusterSerializerHook.BLIND_PUT;
        }

        @Override
        public void writeData(ObjectDataOutput out) throws IOException {
            out.writeObject(value);
        }

        @Override
        public void readData(ObjectDataInput in) throws IOException {
            value = in.readObject();
        }
    }
}
