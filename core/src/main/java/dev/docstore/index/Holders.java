package dev.docstore.index;

import java.util.Arrays;

/**
 * What an index keeps for one store key under one tuple: the key's versions that have the tuple, as one version or,
 * while snapshots keep older ones, an array of them. Holders are immutable; a change makes a new one, installed by
 * compare-and-set. Stateless helpers.
 */
final class Holders {
    private Holders() {
    }

    /** The store key a holder belongs to. */
    static Object keyOf(Object holder) {
        Object first = holder instanceof Object[] versions ? versions[0] : holder;
        return ((dev.docstore.engine.Entry<?, ?>) first).key();
    }

    static boolean contains(Object holder, Object version) {
        if (holder instanceof Object[] versions) {
            for (Object v : versions) {
                if (v == version) {
                    return true;
                }
            }
            return false;
        }
        return holder == version;
    }

    static Object with(Object holder, Object version) {
        if (holder instanceof Object[] versions) {
            Object[] grown = Arrays.copyOf(versions, versions.length + 1);
            grown[versions.length] = version;
            return grown;
        }
        return new Object[] {holder, version};
    }

    /** The holder without {@code version}, or {@code null} when nothing is left. */
    static Object without(Object holder, Object version) {
        if (!(holder instanceof Object[] versions)) {
            return null;
        }
        Object[] rest = new Object[versions.length - 1];
        int i = 0;
        for (Object v : versions) {
            if (v != version) {
                rest[i++] = v;
            }
        }
        return rest.length == 1 ? rest[0] : rest;
    }
}
