package dev.docstore.jcache;

/**
 * Thrown when the bound of a cache that has none is to be changed: whether a cache is bounded, and by size or by
 * weight (with which weigher), is chosen when it is created, from its configuration; only the maximum of a bounded
 * cache can change while it runs. An {@link IllegalStateException}, since it is the cache's state, not the value
 * asked for, that refuses it.
 */
public final class UnboundedCacheException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    UnboundedCacheException(String cacheName, long maximum) {
        super("cache '" + cacheName + "' has no bound, so its maximum cannot be set to " + maximum + ": a cache is"
                + " bounded or not from its creation (setMaximumSize or setMaximumWeight in its configuration), and"
                + " only a bounded cache's maximum can change while it runs");
    }
}
