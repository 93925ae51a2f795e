package dev.docstore.jcache;

import dev.docstore.index.UniqueConstraintException;
import javax.cache.CacheException;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriterException;
import javax.cache.processor.EntryProcessorException;

/**
 * The one place where what a cache's loader, writer or entry processor throws becomes the exception the spec wants:
 * a writer's failure a {@link CacheWriterException}, a loader's a {@link CacheLoaderException}, a processor's an
 * {@link EntryProcessorException}. An exception already of the wanted type passes as it is, so a loader or writer
 * can choose its own message. Stateless; thread-safe.
 */
public final class IntegrationFailures {
    private IntegrationFailures() {
    }

    /** What a cache writer threw while doing {@code action} (as "to write k", "in writeAll"). */
    public static CacheWriterException ofWriter(String cacheName, String action, RuntimeException failure) {
        return failure instanceof CacheWriterException writerFailure ? writerFailure
                : new CacheWriterException("the cache writer of '" + cacheName + "' failed " + action, failure);
    }

    /** What a cache loader threw while doing {@code action} (as "to load k", "in loadAll"). */
    public static CacheLoaderException ofLoader(String cacheName, String action, RuntimeException failure) {
        return failure instanceof CacheLoaderException loaderFailure ? loaderFailure
                : new CacheLoaderException("the cache loader of '" + cacheName + "' failed " + action, failure);
    }

    /** What an entry processor itself threw (a checked exception too: a processor may throw one sneakily). */
    public static EntryProcessorException ofProcessor(String cacheName, Object processor, Object key, Exception failure) {
        return failure instanceof EntryProcessorException processorFailure ? processorFailure
                : new EntryProcessorException("entry processor " + processor.getClass().getName() + " failed on key "
                        + key + " of cache '" + cacheName + "'", failure);
    }

    /**
     * What applying a processor's effect threw. The writer's and loader's failures, and a unique index's refusal of
     * the processor's value, are the processor's failure (so {@code invokeAll} reports them per key); anything else
     * (a synchronous listener's failure, after the effect stands) passes as it is.
     */
    public static RuntimeException ofProcessorEffect(RuntimeException failure) {
        if (failure instanceof EntryProcessorException) {
            return failure;
        }
        if (failure instanceof CacheWriterException || failure instanceof CacheLoaderException) {
            return new EntryProcessorException(failure);
        }
        if (failure instanceof CacheException && failure.getCause() instanceof UniqueConstraintException refusal) {
            return new EntryProcessorException(refusal);
        }
        return failure;
    }

    /** A unique index's refusal as the {@link CacheException} the Cache API throws for it. */
    static CacheException ofRefusal(UniqueConstraintException refusal) {
        return new CacheException(refusal.getMessage(), refusal);
    }
}
