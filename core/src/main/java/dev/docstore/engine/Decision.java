package dev.docstore.engine;

/**
 * What a write does with a key, decided by the write path ({@link VersionTable#operate}) from the key's current head
 * on each attempt: install the candidate, or leave the key as it is. A decision that finds the key in a state its
 * operation refuses throws, and nothing is written.
 *
 * <p>Stateless, so one instance serves every call (the expected version comes with the call); the exception is an
 * update's decision, which carries the caller's {@link Updater} and is made per call.
 */
interface Decision {
    /**
     * Whether to install the candidate over {@code head} (the key's newest version, stamped; a tombstone when it was
     * deleted; {@code null} when it has none).
     *
     * @param candidate the version to install; an update's decision sets its value (or makes it a deletion)
     * @param expected  the version number the caller expects, where the decision checks one
     */
    <K, V> boolean decide(K key, Version<K, V> head, Version<K, V> candidate, long expected);

    /** Whether {@code head} is a live value (not absent, not deleted). */
    static boolean isLive(Version<?, ?> head) {
        return head != null && !head.isTombstone();
    }

    /** The decisions of the store's operations. */
    enum Standard implements Decision {
        /** Always: put, and the deletion that only happens while the key is live ({@link #IF_LIVE}). */
        ALWAYS {
            @Override
            public <K, V> boolean decide(K key, Version<K, V> head, Version<K, V> candidate, long expected) {
                return true;
            }
        },
        /** Only when the key has no live value: putIfAbsent. */
        IF_ABSENT {
            @Override
            public <K, V> boolean decide(K key, Version<K, V> head, Version<K, V> candidate, long expected) {
                return !isLive(head);
            }
        },
        /** Only when the key has a live value: replace, remove. */
        IF_LIVE {
            @Override
            public <K, V> boolean decide(K key, Version<K, V> head, Version<K, V> candidate, long expected) {
                return isLive(head);
            }
        },
        /** Only when the live value is version {@code expected}; otherwise refused with an exception. */
        IF_VERSION {
            @Override
            public <K, V> boolean decide(K key, Version<K, V> head, Version<K, V> candidate, long expected) {
                if (!isLive(head)) {
                    throw new DocumentNotFoundException(key);
                }
                long current = head.version();
                if (current != expected) {
                    throw new VersionConflictException(key, expected, current);
                }
                return true;
            }
        },
        /**
         * Only when the key is still as the caller last saw it: live at version {@code expected}, or (when
         * {@code expected} is 0) without a live value; otherwise nothing, quietly. For a caller that decided from what
         * it read and must not overwrite a write that came in between.
         */
        IF_STILL {
            @Override
            public <K, V> boolean decide(K key, Version<K, V> head, Version<K, V> candidate, long expected) {
                return expected == 0 ? !isLive(head) : isLive(head) && head.version() == expected;
            }
        },
        /** Only when the live value is version {@code expected}; otherwise nothing, quietly: expiry's removal. */
        IF_VERSION_QUIETLY {
            @Override
            public <K, V> boolean decide(K key, Version<K, V> head, Version<K, V> candidate, long expected) {
                return isLive(head) && head.version() == expected;
            }
        }
    }
}
