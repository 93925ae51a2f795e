package dev.docstore.index;

import dev.docstore.engine.Entry;
import java.util.Arrays;

/**
 * What an index keeps for one store key under one tuple: the key's versions that have the tuple. A holder is one of two
 * forms, and nothing else:
 * <ul>
 *   <li>one version, an {@link Entry} of the store (the common case: no snapshot keeps an older version), or</li>
 *   <li>an {@code Entry<?, ?>[]} of two or more versions of that one key (while snapshots keep older ones), never
 *       changed once made.</li>
 * </ul>
 * Holders are immutable; a change makes a new one, installed by compare-and-set.
 *
 * <p>Why a holder is typed {@code Object} where it is stored (the values of {@link OrderedIndex#tuples}, alongside
 * {@link Posting}, and of {@link Posting#holders}): the two forms share no type but {@code Object}, since an array
 * cannot implement an interface and {@code Entry} belongs to the engine. A wrapper that gave them one would cost an
 * object (16 bytes) per indexed entry and an allocation per write, on the path every write takes for every index. So
 * the storage points keep {@code Object}, and everything that reads or makes a holder goes through these helpers,
 * whose signatures say what goes in: versions are {@code Entry}, store keys are {@code Object} (the index compares them
 * with {@link KeyOrder}), holders are {@code Object}. The one unchecked cast, from a held version to the caller's
 * {@code Entry<K, V>}, is in {@link #version}.
 */
final class Holders {
    private Holders() {
    }

    /** The store key a holder belongs to. */
    static Object keyOf(Object holder) {
        return (holder instanceof Entry<?, ?>[] versions ? versions[0] : (Entry<?, ?>) holder).key();
    }

    /** How many versions {@code holder} has: 1 for a single version, 2 or more for an array. */
    static int size(Object holder) {
        return holder instanceof Entry<?, ?>[] versions ? versions.length : 1;
    }

    /**
     * The {@code i}th version of {@code holder}, {@code 0 <= i < size(holder)}; with {@link #size} this walks a holder
     * without allocating.
     */
    @SuppressWarnings("unchecked") // an index holds versions of its own store only, so of its K and V
    static <K, V> Entry<K, V> version(Object holder, int i) {
        return (Entry<K, V>) (holder instanceof Entry<?, ?>[] versions ? versions[i] : holder);
    }

    /** Whether {@code holder} has {@code version} (by identity). */
    static boolean contains(Object holder, Entry<?, ?> version) {
        if (holder instanceof Entry<?, ?>[] versions) {
            for (Entry<?, ?> v : versions) {
                if (v == version) {
                    return true;
                }
            }
            return false;
        }
        return holder == version;
    }

    /** A new holder with the versions of {@code holder} and then {@code version}, a version of the same key. */
    static Object with(Object holder, Entry<?, ?> version) {
        if (holder instanceof Entry<?, ?>[] versions) {
            Entry<?, ?>[] grown = Arrays.copyOf(versions, versions.length + 1);
            grown[versions.length] = version;
            return grown;
        }
        return new Entry<?, ?>[] {(Entry<?, ?>) holder, version};
    }

    /**
     * The holder without {@code version}, which it has, or {@code null} when nothing is left: a single version when one
     * is, never an array of one.
     */
    static Object without(Object holder, Entry<?, ?> version) {
        if (!(holder instanceof Entry<?, ?>[] versions)) {
            return null;
        }
        Entry<?, ?>[] rest = new Entry<?, ?>[versions.length - 1];
        int i = 0;
        for (Entry<?, ?> v : versions) {
            if (v != version) {
                rest[i++] = v;
            }
        }
        return rest.length == 1 ? rest[0] : rest;
    }
}
