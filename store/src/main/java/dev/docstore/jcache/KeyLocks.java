package dev.docstore.jcache;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks that make each JCache mutation of a key run alone: loaders, writers, entry processors and synchronous
 * listeners then run once per operation, in the key's order. Reads take no lock. Keys share a stripe only by hash
 * collision among 1,024 stripes; locks are reentrant, so a listener or processor may touch its own key again.
 */
final class KeyLocks {
    private static final int STRIPES = 1024;

    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    KeyLocks() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    ReentrantLock of(Object key) {
        int hash = key.hashCode();
        return locks[(hash ^ (hash >>> 16)) & (STRIPES - 1)];
    }
}
