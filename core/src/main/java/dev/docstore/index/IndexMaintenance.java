package dev.docstore.index;

import dev.docstore.engine.Entry;
import dev.docstore.engine.StoreAccess;
import dev.docstore.engine.WriteObserver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps a store's indexes exact from inside its write path.
 *
 * <p>Before a version becomes visible it is added to every index, ready or being built; when the store releases a
 * version its entries are removed. For unique indexes the writer first locks the stripes of its new tuples (in
 * ascending order, so writers never deadlock), checks that no other key currently has them, and keeps the locks until
 * its version is installed or abandoned: two writers claiming one unique value are serialised, writers of different
 * values almost never meet, and writers with no unique index take no lock at all.
 *
 * <p>What a writer prepared (the indexes it added to, and the stripes it locked) goes back to the store's write path,
 * which hands it to the commit or abandonment: no per-thread state.
 */
final class IndexMaintenance<K, V> implements WriteObserver<K, V> {
    private static final int STRIPES = 256;
    private static final int[] NO_STRIPES = new int[0];

    /**
     * What a write holding unique locks prepared: the indexes it added to and the stripes it locked. A write that took
     * no lock is prepared as just its list of indexes, which costs no allocation.
     */
    private record Locked<K, V>(List<OrderedIndex<K, V>> indexes, int[] stripes) {
    }

    private final Indexes<K, V> indexes;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    IndexMaintenance(Indexes<K, V> indexes) {
        this.indexes = indexes;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    @Override
    public Object preparing(Entry<K, V> next) {
        List<OrderedIndex<K, V>> current = indexes.all();
        if (current.isEmpty()) {
            return current;
        }
        KeyOrder.requireOrderable(next.key());
        int[] locked = lockUniqueStripes(current, next);
        int added = 0;
        try {
            checkUnique(current, next);
            for (int i = 0; i < current.size(); i++) {
                current.get(i).add(next);
                added++;
            }
        } catch (RuntimeException e) {
            for (int i = 0; i < added; i++) {
                current.get(i).remove(next);
            }
            unlock(locked);
            throw e;
        }
        return locked.length == 0 ? current : new Locked<>(current, locked);
    }

    @Override
    public void committed(Entry<K, V> next, Object prepared) {
        if (prepared instanceof Locked<?, ?> locked) {
            unlock(locked.stripes());
        }
    }

    @Override
    @SuppressWarnings("unchecked") // what preparing returned: this store's indexes, alone or with the locks taken
    public void abandoned(Entry<K, V> next, Object prepared) {
        List<OrderedIndex<K, V>> added = prepared instanceof Locked<?, ?> locked
                ? ((Locked<K, V>) locked).indexes() : (List<OrderedIndex<K, V>>) prepared;
        for (int i = 0; i < added.size(); i++) {
            added.get(i).remove(next);
        }
        committed(next, prepared);
    }

    @Override
    public void released(Entry<K, V> version) {
        List<OrderedIndex<K, V>> current = indexes.all();
        for (int i = 0; i < current.size(); i++) {
            current.get(i).remove(version);
        }
    }

    private void checkUnique(List<OrderedIndex<K, V>> current, Entry<K, V> next) {
        StoreAccess<K, V> access = indexes.access();
        for (int i = 0; i < current.size(); i++) {
            OrderedIndex<K, V> index = current.get(i);
            if (index.definition.unique()) {
                index.forEachTuple(next, tuple -> {
                    Entry<K, V> holder = index.currentHolderOtherThan(tuple, next.key(), access);
                    if (holder != null) {
                        throw new UniqueConstraintException(index.name(), next.key(), Tuples.expose(tuple),
                                holder.key());
                    }
                });
            }
        }
    }

    private int[] lockUniqueStripes(List<OrderedIndex<K, V>> current, Entry<K, V> next) {
        if (!anyUnique(current)) {
            return NO_STRIPES;
        }
        List<Integer> wanted = new ArrayList<>(2);
        for (OrderedIndex<K, V> index : current) {
            if (index.definition.unique()) {
                int salt = index.name().hashCode() * 31;
                Tuples.forEach(index.definition, index.reader, next.value(),
                        tuple -> wanted.add(Math.floorMod(salt + Tuples.orderHash(tuple), STRIPES)));
            }
        }
        if (wanted.isEmpty()) {
            return NO_STRIPES;
        }
        int[] sorted = wanted.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
        for (int stripe : sorted) {
            stripes[stripe].lock();
        }
        return sorted;
    }

    /** Loops rather than streams here and above: this runs on every write, and a stream allocates each time. */
    private static boolean anyUnique(List<? extends OrderedIndex<?, ?>> current) {
        for (int i = 0; i < current.size(); i++) {
            if (current.get(i).definition.unique()) {
                return true;
            }
        }
        return false;
    }

    private void unlock(int[] locked) {
        for (int i = locked.length - 1; i >= 0; i--) {
            stripes[locked[i]].unlock();
        }
    }

    @Override
    public String toString() {
        return "IndexMaintenance" + Arrays.toString(indexes.all().stream().map(OrderedIndex::name).toArray());
    }
}
