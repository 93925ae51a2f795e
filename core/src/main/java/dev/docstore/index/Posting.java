package dev.docstore.index;

import dev.docstore.engine.Entry;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The store keys that share one tuple of an index, in key order, each with its holder (the versions of that key that
 * have the tuple; see {@link Holders}). An index keeps a posting for a tuple only once two keys have it; a tuple of
 * one key holds that key's holder directly.
 *
 * <p>Concurrency: the map is a {@link ConcurrentSkipListMap}; holders are replaced by compare-and-set. The posting's
 * lifetime is guarded by a count of its keys plus the adders under way: an adder {@linkplain #reserve reserves} before
 * it adds (and fails once the posting is dead), each key keeps one unit, and the remover that takes the count to zero
 * {@linkplain #kill kills} the posting (count -1) and then removes it from its index. So no entry is ever added to a
 * posting that is leaving its index.
 */
final class Posting {
    private static final VarHandle USERS;

    static {
        try {
            USERS = MethodHandles.lookup().findVarHandle(Posting.class, "users", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Store key to its holder: an {@code Entry} or an {@code Entry<?, ?>[]}, typed {@code Object} (see {@link Holders}). */
    final ConcurrentSkipListMap<Object, Object> holders = new ConcurrentSkipListMap<>(KeyOrder.INSTANCE);
    /** Keys held plus adders under way; -1 once dead. */
    private volatile int users;

    /** A posting for two keys of one tuple, made from a tuple's single holder and a new entry. */
    Posting(Object firstKey, Object firstHolder, Object secondKey, Entry<?, ?> secondVersion) {
        holders.put(firstKey, firstHolder);
        holders.put(secondKey, secondVersion);
        users = 2;
    }

    /** Reserves a unit for an add; false when the posting is dead (the caller finds or makes the tuple's next one). */
    boolean reserve() {
        while (true) {
            int current = users;
            if (current < 0) {
                return false;
            }
            if (USERS.compareAndSet(this, current, current + 1)) {
                return true;
            }
        }
    }

    /** Returns a unit (an add that joined an existing key, or a key removed); the count left. */
    int unreserve() {
        return (int) USERS.getAndAdd(this, -1) - 1;
    }

    /** Marks the posting dead if nothing holds it; true for the one caller that does. */
    boolean kill() {
        return USERS.compareAndSet(this, 0, -1);
    }

    /**
     * Adds {@code version} for {@code key}, holding a reserved unit. Returns true when the key is new here (the unit
     * stays with it), false when the key was here already (the unit is returned).
     */
    boolean add(Object key, Entry<?, ?> version) {
        while (true) {
            Object holder = holders.get(key);
            if (holder == null) {
                if (holders.putIfAbsent(key, version) == null) {
                    return true;
                }
            } else if (Holders.contains(holder, version)) {
                unreserve();
                return false;
            } else if (holders.replace(key, holder, Holders.with(holder, version))) {
                unreserve();
                return false;
            }
        }
    }

    /**
     * Removes {@code version} of {@code key}. Returns true when that removed the key, whose unit the caller then
     * returns with {@link #unreserve()} (killing the posting if that empties it); false otherwise.
     */
    boolean remove(Object key, Entry<?, ?> version) {
        while (true) {
            Object holder = holders.get(key);
            if (holder == null || !Holders.contains(holder, version)) {
                return false;
            }
            Object rest = Holders.without(holder, version);
            if (rest == null ? holders.remove(key, holder) : holders.replace(key, holder, rest)) {
                return rest == null;
            }
        }
    }
}
