package dev.docstore.quarkus.runtime;

import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * Told when {@link DocstoreCaches} has a cache ready and when it is about to close the manager: how meters are bound
 * and unbound without {@code DocstoreCaches} depending on Micrometer. Called on the thread that opens or closes;
 * implementations must be thread-safe.
 */
public interface CacheObserver {
    /** Observes nothing. */
    CacheObserver NONE = new CacheObserver() {
        @Override
        public void opened(Cache<?, ?> cache) {
        }

        @Override
        public void closing(CacheManager manager) {
        }
    };

    /** {@code cache} has been created (or found in the file) and set up. */
    void opened(Cache<?, ?> cache);

    /** {@code manager} and its caches are about to close. */
    void closing(CacheManager manager);
}
