package dev.docstore.console.jmx;

/** The target has no managed cache of that name and manager: the message names both. */
public final class UnknownCacheException extends OperationFailedException {
    private static final long serialVersionUID = 1L;

    public UnknownCacheException(CacheRef ref, String target) {
        super("no cache '" + ref.cache() + "' of manager " + ref.manager() + " is managed in " + target);
    }
}
