package dev.docstore.index;

import java.util.Comparator;

/**
 * Positions in an index: an entry key (a tuple and the store key it belongs to: where a page ended), and a bound key
 * that sorts just before or just after every tuple starting with a prefix, to open range scans. The index's map of
 * tuples is ordered by {@link #TUPLES}, which places bound keys among the tuples.
 */
abstract sealed class IndexKey permits IndexKey.EntryKey, IndexKey.BoundKey {
    /** Orders entry keys by tuple then store key, and places bound keys between them. */
    static final Comparator<IndexKey> ORDER = IndexKey::compareKeys;

    /** Orders tuples (the keys of an index's map), and places bound keys between them. */
    static final Comparator<Object> TUPLES = IndexKey::compareTuples;

    /** A real entry: the tuple and the store key it belongs to. */
    static final class EntryKey extends IndexKey {
        final Object tuple;
        final Object key;

        EntryKey(Object tuple, Object key) {
            this.tuple = tuple;
            this.key = key;
        }

        @Override
        public String toString() {
            return Tuples.describe(tuple) + " -> " + key;
        }
    }

    /** Sorts before ({@code after == false}) or after every tuple that starts with {@code prefix}. */
    static final class BoundKey extends IndexKey {
        final Object[] prefix;
        final boolean after;

        BoundKey(Object[] prefix, boolean after) {
            this.prefix = prefix;
            this.after = after;
        }
    }

    private static int compareTuples(Object left, Object right) {
        if (left instanceof BoundKey l) {
            return right instanceof BoundKey r ? boundToBound(l, r) : -tupleToBound(right, l);
        }
        return right instanceof BoundKey r ? tupleToBound(left, r) : Tuples.compare(left, right);
    }

    private static int tupleToBound(Object tuple, BoundKey bound) {
        int c = Tuples.compareToPrefix(tuple, bound.prefix);
        if (c != 0) {
            return c;
        }
        return bound.after ? -1 : 1;
    }

    private static int compareKeys(IndexKey left, IndexKey right) {
        if (left instanceof EntryKey l) {
            if (right instanceof EntryKey r) {
                int c = Tuples.compare(l.tuple, r.tuple);
                return c != 0 ? c : KeyOrder.INSTANCE.compare(l.key, r.key);
            }
            return entryToBound(l, (BoundKey) right);
        }
        if (right instanceof EntryKey r) {
            return -entryToBound(r, (BoundKey) left);
        }
        return boundToBound((BoundKey) left, (BoundKey) right);
    }

    private static int entryToBound(EntryKey entry, BoundKey bound) {
        int c = Tuples.compareToPrefix(entry.tuple, bound.prefix);
        if (c != 0) {
            return c;
        }
        return bound.after ? -1 : 1;
    }

    private static int boundToBound(BoundKey left, BoundKey right) {
        int common = Math.min(left.prefix.length, right.prefix.length);
        for (int i = 0; i < common; i++) {
            int c = ValueOrder.INSTANCE.compare(left.prefix[i], right.prefix[i]);
            if (c != 0) {
                return c;
            }
        }
        if (left.prefix.length == right.prefix.length) {
            return Boolean.compare(left.after, right.after);
        }
        // the shorter prefix's bound encloses everything that starts with the longer one
        boolean leftShorter = left.prefix.length < right.prefix.length;
        BoundKey shorter = leftShorter ? left : right;
        int shorterFirst = shorter.after ? 1 : -1;
        return leftShorter ? shorterFirst : -shorterFirst;
    }
}
