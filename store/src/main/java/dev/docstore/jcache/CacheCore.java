package dev.docstore.jcache;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.index.UniqueConstraintException;
import java.util.concurrent.locks.ReentrantLock;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.event.EventType;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * The primitives every cache operation is built from: reading a live value (hiding and reclaiming expired ones),
 * storing and removing under the key's lock with expiry, events and write-through, and calling the loader. The
 * public {@link Cache} methods are in {@link DocstoreCache}.
 *
 * <p>Concurrency: reads are lock-free engine reads. Every mutation of a key runs under that key's lock
 * ({@link KeyLocks}), so write-through, events and statistics follow the key's order; the engine write itself is the
 * store's single write path. One exception: on a cache with no writer, no listener and no expiry, {@code put} is a
 * blind engine write and takes no lock (it has nothing to order). So the locked operations write conditionally, on the
 * version they read: when such a put came in between, their write fails and they behave as if made just before the
 * put, which overwrote them (their result stays what they read). That is a valid order because the put is blind: its
 * effect and result are the same whatever it overwrote.
 */
abstract class CacheCore<K, V> {
    final String name;
    final DocumentStore<K, Object> store;
    final ExpiryRules expiry;
    final ValueCopies copies;
    final CacheStatistics statistics;
    final EventDispatcher<K, V> events;
    final CacheLoader<K, V> loader;
    final CacheWriter<? super K, ? super V> writer;
    final boolean readThrough;
    final boolean writeThrough;
    final KeyLocks locks = new KeyLocks();
    /**
     * Whether entries never expire, so values are stored unwrapped: a read then never looks at the value itself,
     * which on a large cache is a cache miss of its own (the value's header, for an {@code instanceof}).
     */
    final boolean eternal;

    CacheCore(String name, DocumentStore<K, Object> store, ExpiryRules expiry, ValueCopies copies,
              CacheStatistics statistics, EventDispatcher<K, V> events, CacheLoader<K, V> loader,
              CacheWriter<? super K, ? super V> writer, boolean readThrough, boolean writeThrough) {
        this.name = name;
        this.store = store;
        this.expiry = expiry;
        this.eternal = expiry.isEternal();
        this.copies = copies;
        this.statistics = statistics;
        this.events = events;
        this.loader = loader;
        this.writer = writer;
        this.readThrough = readThrough && loader != null;
        this.writeThrough = writeThrough && writer != null;
    }

    /** The live engine entry of {@code key}, or {@code null}; an expired one is reclaimed and reported absent. */
    final Entry<K, Object> live(K key) {
        Entry<K, Object> entry = store.get(key);
        if (entry != null && !eternal && entry.value() instanceof Expirable expirable
                && expirable.isExpired(expiry.now())) {
            expire(entry);
            return null;
        }
        return entry;
    }

    /** The kept value of a live entry; on an eternal cache without looking at the value. */
    @SuppressWarnings("unchecked") // the store holds only values of type V, wrapped or not
    final V keptValue(Entry<K, Object> entry) {
        return eternal ? (V) entry.value() : valueOf(entry);
    }

    /** The kept value of a live entry. */
    @SuppressWarnings("unchecked") // the store holds only values of type V, wrapped or not
    static <V> V valueOf(Entry<?, Object> entry) {
        if (entry == null) {
            return null;
        }
        Object raw = entry.value();
        return (V) (raw instanceof Expirable expirable ? expirable.value : raw);
    }

    /** Applies the access rule of the expiry policy to a live entry that was just read. */
    final void touch(Entry<K, Object> entry) {
        if (!eternal && entry.value() instanceof Expirable expirable) {
            long at = expiry.onAccess(expiry.now());
            if (at != ExpiryRules.UNCHANGED) {
                expirable.expireAt(at);
            }
        }
    }

    /**
     * Removes an entry found expired, if it is still that version, and reports it to EXPIRED listeners while still
     * holding the key's lock, so the event comes before the events of any later write of the key. Returns whether it
     * was this call that removed it.
     */
    final boolean expire(Entry<K, Object> entry) {
        K key = entry.key();
        ReentrantLock lock = locks.of(key);
        lock.lock();
        try {
            if (!store.removeIfStill(key, entry.version())) {
                return false;
            }
            if (events.hasListenersFor(EventType.EXPIRED)) {
                V value = copies.out(valueOf(entry));
                events.publish(EventType.EXPIRED, key, value, value);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stores {@code kept} (already in its kept form) as the value of {@code key}, whose live entry is {@code current},
     * applying the creation or update rule of the expiry policy, and publishes CREATED or UPDATED. Call with the key's
     * lock held, after write-through.
     *
     * @param countPut whether this is a put for the statistics (loads are not)
     * @return false when the expiry policy gave a new entry no time at all, so nothing was stored
     * @throws CacheException when a unique index refuses the value (nothing is stored)
     */
    final boolean storeValue(K key, V kept, Entry<K, Object> current, boolean countPut) {
        Object raw = kept;
        if (!expiry.isEternal()) {
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
                    at = ((Expirable) current.value()).expiresAt();
                }
            }
            raw = new Expirable(kept, at);
        }
        try {
            // conditional: a put that takes no lock (see DocstoreCache.put) may have come in since current was read;
            // if so, this write is as if made just before that one, which overwrote it
            store.putIfStill(key, current == null ? 0 : current.version(), raw);
        } catch (UniqueConstraintException e) {
            throw new CacheException(e.getMessage(), e);
        }
        // counted before the listeners run: a listener that throws does not undo the put
        if (countPut) {
            statistics.put();
        }
        EventType type = current == null ? EventType.CREATED : EventType.UPDATED;
        if (events.hasListenersFor(type)) {
            events.publish(type, key, copies.out(kept), copies.out(valueOf(current)));
        }
        return true;
    }

    /** Stores a value with no lock, expiry, event or write-through: see {@link DocstoreCache#put}. */
    final void putBlindly(K key, V kept) {
        try {
            store.put(key, kept);
        } catch (UniqueConstraintException e) {
            throw new CacheException(e.getMessage(), e);
        }
        statistics.put();
    }

    /**
     * Removes a live entry, counts the removal, and publishes REMOVED; call with the key's lock held, after
     * write-through.
     */
    final void removeEntry(K key, Entry<K, Object> current) {
        // conditional, as in storeValue: a removal overtaken by a put that took no lock happened just before that put
        store.removeIfStill(key, current.version());
        statistics.removal();
        if (events.hasListenersFor(EventType.REMOVED)) {
            V old = copies.out(valueOf(current));
            events.publish(EventType.REMOVED, key, old, old);
        }
    }

    /** Write-through of a put; the cache changes only if this returns. */
    final void writeThrough(K key, V value) {
        if (writeThrough) {
            try {
                writer.write(new DocstoreCacheEntry<>(key, value, 0));
            } catch (RuntimeException e) {
                throw e instanceof CacheWriterException cwe ? cwe
                        : new CacheWriterException("the cache writer of '" + name + "' failed to write " + key, e);
            }
        }
    }

    /** Write-through of a removal; the cache changes only if this returns. */
    final void deleteThrough(K key) {
        if (writeThrough) {
            try {
                writer.delete(key);
            } catch (RuntimeException e) {
                throw e instanceof CacheWriterException cwe ? cwe
                        : new CacheWriterException("the cache writer of '" + name + "' failed to delete " + key, e);
            }
        }
    }

    /** Calls the loader for one key; {@code null} when it has no value. */
    final V load(K key) {
        try {
            return loader.load(key);
        } catch (RuntimeException e) {
            throw e instanceof CacheLoaderException cle ? cle
                    : new CacheLoaderException("the cache loader of '" + name + "' failed to load " + key, e);
        }
    }

    /**
     * Read-through after a miss: loads {@code key} under its lock (unless a concurrent caller already did) and stores
     * what the loader returned, without writing it back. Returns the kept value or {@code null}.
     */
    final V loadAndStore(K key) {
        ReentrantLock lock = locks.of(key);
        lock.lock();
        try {
            Entry<K, Object> current = live(key);
            if (current != null) {
                return valueOf(current);
            }
            V loaded = load(key);
            if (loaded == null) {
                return null;
            }
            V kept = copies.valueIn(loaded);
            storeValue(copies.keyIn(key), kept, null, false);
            return kept;
        } finally {
            lock.unlock();
        }
    }

    static <T> T requireNonNull(T value, String what) {
        // not Objects.requireNonNull with a message supplier: its lambda was allocated on every call
        if (value == null) {
            throw new NullPointerException(what + " must not be null");
        }
        return value;
    }
}
