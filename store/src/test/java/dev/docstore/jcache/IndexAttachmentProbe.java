package dev.docstore.jcache;

import javax.cache.Cache;

/**
 * Lets tests of other packages (management, Micrometer) see whether a cache's store has index maintenance attached,
 * which the cache exposes to its own package only.
 */
public final class IndexAttachmentProbe {
    private IndexAttachmentProbe() {
    }

    /** Whether {@code cache}'s store has its indexes attached, so every write maintains them. */
    public static boolean isAttached(Cache<?, ?> cache) {
        return ((DocumentCacheView<?, ?>) cache.unwrap(DocstoreCache.class).documents()).isAttached();
    }
}
