package dev.docstore.jcache;

import dev.docstore.engine.DocumentStore;
import dev.docstore.engine.Entry;
import dev.docstore.index.UniqueConstraintException;
import dev.docstore.jcache.copy.ValueCopies;
import dev.docstore.jcache.event.EventDispatcher;
import dev.docstore.jcache.expiry.Expirable;
import dev.docstore.jcache.expiry.ExpiryRules;
import java.util.Iterator;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import javax.cache.event.EventType;
import org.jspecify.annotations.Nullable;

/**
 * The one mutation sequence of a cache: {@link #operate} locks the key, reads its live entry, asks a
 * {@link KeyedDecision} what to do, and carries that out: the unique check, write-through, the store, then events and
 * statistics. Every mutating operation goes through it, single-key or bulk, processor, iterator removal or load. It
 * also reads live entries, because reading one that has expired reclaims it, which is a write of its own.
 *
 * <p>Concurrency: reads are lock-free engine reads. Every mutation of a key runs under that key's lock
 * ({@link KeyLocks}), so write-through, events and statistics follow the key's order; the engine write itself is the
 * store's single write path. One exception: on a cache with no writer, no listener and no expiry ({@link #isBlind}),
 * {@code put} is a blind engine write and takes no lock (it has nothing to order). So the locked writes are
 * conditional, on the version they read: when such a put came in between, their write fails and they behave as if made
 * just before the put, which overwrote them (their result stays what they read). That is a valid order because the
 * put is blind: its effect and result are the same whatever it overwrote.
 *
 * <p>A bounded cache ({@link CacheBound}) has no blind put: every write records itself in the bound under the key's
 * lock, and after letting go of that lock runs {@link Evictions#run}, which removes the policy's victims through
 * the engine's write path, each under its own key's lock taken with a bounded spin of {@code tryLock} (a busy victim
 * is passed over for another, so no writer waits on a key another thread holds).
 */
final class KeyedWrites<K, V> {
    private final DocumentStore<K, Object> store;
    private final KeyLocks locks = new KeyLocks();
    private final ExpiryRules expiry;
    private final ValueCopies copies;
    private final CacheStatistics statistics;
    private final EventDispatcher<K, V> events;
    private final CacheIntegration<K, V> integration;
    private final DocumentCacheView<K, V> documents;
    private final @Nullable CacheBound<K, V> bound;
    private final @Nullable Evictions<K, V> evictions;

    KeyedWrites(DocumentStore<K, Object> store, ExpiryRules expiry, ValueCopies copies, CacheStatistics statistics,
                EventDispatcher<K, V> events, CacheIntegration<K, V> integration, DocumentCacheView<K, V> documents,
                @Nullable CacheBound<K, V> bound) {
        this.store = store;
        this.expiry = expiry;
        this.copies = copies;
        this.statistics = statistics;
        this.events = events;
        this.integration = integration;
        this.documents = documents;
        this.bound = bound;
        this.evictions = bound == null ? null
                : new Evictions<>(store, locks, expiry, copies, statistics, events, bound, this::expireHeld,
                        () -> expireAll(false));
    }

    /** The live engine entry of {@code key}, or {@code null}; an expired one is reclaimed and reported absent. */
    Entry<K, Object> live(K key) {
        Entry<K, Object> entry = store.get(key);
        if (entry != null && expiry.isExpired(entry)) {
            expire(entry);
            return null;
        }
        return entry;
    }

    /**
     * Whether nothing observes a put (no writer, listener, expiry or bound), so it may skip the key's lock. A bound
     * observes every put: its policy must see each key's writes in order, and an eviction must not race a put.
     */
    boolean isBlind() {
        return bound == null && !integration.isWriteThrough() && expiry.isEternal() && !events.hasListeners();
    }

    /** Stores a value with no lock, expiry, event or write-through; only when {@link #isBlind}. */
    void putBlindly(K keptKey, V kept) {
        try {
            store.put(keptKey, kept);
        } catch (UniqueConstraintException e) {
            throw IntegrationFailures.ofRefusal(e);
        }
        statistics.put();
    }

    /**
     * Runs one keyed write: under the key's lock, decides on its live entry and carries the decision out. Nothing
     * changes when the decision, the unique check or the writer throws; listeners run after the change, which stands.
     *
     * @param value the caller's value (what the writer gets), or {@code null} when the decision produces its own
     * @param kept  the kept form of {@code value}, made before taking the lock, or {@code null}
     */
    <R> R operate(K key, V value, V kept, KeyedDecision<K, V, R> decision) {
        ReentrantLock lock = locks.of(key);
        Throwable failure = null;
        lock.lock();
        try {
            Entry<K, Object> current = live(key);
            if (decision.isLookup()) {
                statistics.lookup(current != null);
            }
            KeyedDecision.Action action = decision.decide(key, current);
            V newKept = null;
            boolean changed = false;
            switch (action) {
                case PUT -> {
                    V newValue = decision.value(value);
                    newKept = newValue == value && kept != null ? kept : copies.valueIn(newValue);
                    documents.checkUnique(key, newKept);
                    integration.write(key, newValue);
                    changed = store(key, newKept, current, true, null);
                }
                case PUT_WRITTEN -> {
                    newKept = kept;
                    changed = store(key, kept, current, true, null);
                }
                case LOAD -> {
                    newKept = copies.valueIn(decision.value(value));
                    changed = store(key, newKept, current, false, null);
                }
                case RESTORE -> {
                    newKept = kept != null ? kept : copies.valueIn(decision.value(value));
                    documents.checkUnique(key, newKept);
                    changed = store(key, newKept, current, false, decision);
                }
                case REMOVE -> {
                    integration.delete(key);
                    changed = remove(key, current);
                }
                case REMOVE_DELETED -> changed = remove(key, current);
                case ACCESS -> {
                    if (current != null) {
                        expiry.touch(current);
                        // a read, as a get's is: an entry processor that only reads, a replace or remove that
                        // compared and declined
                        recordRead(current);
                    }
                }
                case NONE -> {
                }
            }
            return decision.result(current, changed, newKept);
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            lock.unlock();
            if (evictions != null) {
                evictAfter(failure);
            }
        }
    }

    /**
     * Runs the eviction loop after a write, even one that failed (a listener's failure leaves its change standing).
     * An eviction listener's failure is added to the write's own failure, if any, rather than replace it.
     */
    private void evictAfter(Throwable failure) {
        try {
            evictions.run();
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /**
     * Stores {@code kept} for {@code key}, whose live entry is {@code current}, timed by the expiry policy (or, for a
     * {@code restoring} decision, at its expiry time and with its created and modified times), and publishes CREATED
     * or UPDATED. Returns false when the policy gave a new entry no time, so nothing was stored.
     */
    private boolean store(K key, V kept, Entry<K, Object> current, boolean countPut,
                          @Nullable KeyedDecision<K, V, ?> restoring) {
        Object stored = restoring == null ? expiry.stored(kept, current)
                : expiry.restored(kept, restoring.expiresAt());
        if (stored == null) {
            return false;
        }
        K keptKey = current == null ? copies.keyIn(key) : current.key();
        long weight = bound == null ? 0 : bound.weigh(keptKey, kept);
        try {
            // conditional: a blind put (see isBlind) may have come in since current was read; if so, this write is
            // as if made just before that one, which overwrote it
            long expected = current == null ? 0 : current.version();
            Entry<K, Object> written = restoring == null || restoring.createdMillis() == 0
                    ? store.putIfStill(keptKey, expected, stored)
                    : store.restoreIfStill(keptKey, expected, stored, restoring.createdMillis(),
                    restoring.modifiedMillis());
            if (bound != null && written != null) {
                bound.recordWrite(keptKey, weight, current == null);
            }
        } catch (UniqueConstraintException e) {
            throw IntegrationFailures.ofRefusal(e);
        }
        // counted before the listeners run: a listener that throws does not undo the put
        if (countPut) {
            statistics.put();
        }
        EventType type = current == null ? EventType.CREATED : EventType.UPDATED;
        if (events.hasListenersFor(type)) {
            events.publish(type, keptKey, copies.out(kept), copies.out(Expirable.valueOf(current)));
        }
        return true;
    }

    /** Removes a live entry, counts the removal and publishes REMOVED; false when there is none. */
    private boolean remove(K key, Entry<K, Object> current) {
        if (current == null) {
            return false;
        }
        // conditional, as in store: a removal overtaken by a blind put happened just before that put
        store.removeIfStill(key, current.version());
        if (bound != null) {
            bound.recordRemoval(key);
        }
        statistics.removal();
        if (events.hasListenersFor(EventType.REMOVED)) {
            V old = copies.out(Expirable.valueOf(current));
            events.publish(EventType.REMOVED, key, old, old);
        }
        return true;
    }

    /**
     * Removes an entry found expired, if it is still that version, and reports it to EXPIRED listeners while still
     * holding the key's lock, so the event comes before the events of any later write of the key. Returns whether it
     * was this call that removed it.
     */
    boolean expire(Entry<K, Object> entry) {
        ReentrantLock lock = locks.of(entry.key());
        lock.lock();
        try {
            return expireHeld(entry);
        } finally {
            lock.unlock();
            // a writer's eviction may have found this key's lock taken by us, and stopped after passing over it
            evict();
        }
    }

    /**
     * {@link #expire}, for a caller that holds the key's lock already; runs no eviction loop (an eviction that finds
     * its victim expired calls this from inside its own loop, which goes on).
     */
    boolean expireHeld(Entry<K, Object> entry) {
        K key = entry.key();
        if (!store.removeIfStill(key, entry.version())) {
            return false;
        }
        if (bound != null) {
            bound.recordRemoval(key);
        }
        if (events.hasListenersFor(EventType.EXPIRED)) {
            V value = copies.out(Expirable.valueOf(entry));
            events.publish(EventType.EXPIRED, key, value, value);
        }
        return true;
    }

    /**
     * Removes every expired entry, each under its key's lock; returns how many. The background sweeper waits for each
     * lock ({@code waitForLocks}); an eviction loop must not (its thread may hold other key locks), so it skips a key
     * whose lock is taken, and its own loop evicts afterwards. A sweep that waited runs the eviction loop once at the
     * end, for victims a writer left to it while it held their keys.
     */
    int expireAll(boolean waitForLocks) {
        int expired = 0;
        try (Stream<Entry<K, Object>> entries = store.stream()) {
            for (Iterator<Entry<K, Object>> it = entries.iterator(); it.hasNext(); ) {
                Entry<K, Object> entry = it.next();
                if (!expiry.isExpired(entry)) {
                    continue;
                }
                ReentrantLock lock = locks.of(entry.key());
                if (waitForLocks) {
                    lock.lock();
                } else if (!lock.tryLock()) {
                    continue;
                }
                try {
                    // checks the version again under the key's lock: a write since the stream read it keeps its entry
                    if (expireHeld(entry)) {
                        expired++;
                    }
                } finally {
                    lock.unlock();
                }
            }
        }
        if (waitForLocks) {
            evict();
        }
        return expired;
    }

    /** The bound, or {@code null} for an unbounded cache (for tests). */
    @Nullable CacheBound<K, V> bound() {
        return bound;
    }

    /**
     * Runs the eviction loop now, as a write does after letting go of its key: after an expiry, a sweep, or a lower
     * maximum, this removes what is over the bound. Nothing for an unbounded cache.
     */
    void evict() {
        if (evictions != null) {
            evictions.run();
        }
    }

    /** Records a {@code get} hit of {@code entry} in the bound, if any: lock-free. */
    void recordRead(Entry<K, Object> entry) {
        if (bound != null) {
            bound.recordRead(entry.key());
        }
    }

    /**
     * Removes every entry, without statistics or events (the spec's {@code clear}). A bounded cache removes them one
     * by one under their keys' locks, so that the policy learns of each removal in the key's order.
     */
    void clear() {
        if (bound == null) {
            store.clear();
            return;
        }
        try (Stream<Entry<K, Object>> entries = store.stream()) {
            for (Iterator<Entry<K, Object>> it = entries.iterator(); it.hasNext(); ) {
                K key = it.next().key();
                ReentrantLock lock = locks.of(key);
                lock.lock();
                try {
                    Entry<K, Object> current = store.get(key);
                    if (current != null) {
                        store.removeIfStill(key, current.version());
                    }
                    bound.recordRemoval(key);
                } finally {
                    lock.unlock();
                }
            }
        }
        evictions.run();
    }
}
