package dev.docstore.jcache;

import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * What caches tell whoever manages them: the management and statistics switches and the end of a cache or manager.
 * docstore's JMX layer implements it (found through {@link ServiceLoader}, so this package imports nothing of JMX);
 * without one, caches are simply not managed.
 *
 * <p>Implementations must be thread-safe and idempotent: each call states what should now be true.
 */
public interface CacheManagement {
    /** Management is on for {@code cache}: its configuration bean and document bean should exist. */
    void managementEnabled(DocstoreCache<?, ?> cache);

    /** Management is off for {@code cache}. */
    void managementDisabled(DocstoreCache<?, ?> cache);

    /** Statistics are on for {@code cache}: its statistics bean should exist. */
    void statisticsEnabled(DocstoreCache<?, ?> cache);

    /** Statistics are off for {@code cache}. */
    void statisticsDisabled(DocstoreCache<?, ?> cache);

    /** {@code cache} is closed or destroyed: nothing of it should remain. */
    void cacheClosed(DocstoreCache<?, ?> cache);

    /** {@code manager} is closed: nothing of it should remain. */
    void managerClosed(DocstoreCacheManager manager);

    /** The management found on the class path, or one that does nothing. */
    static CacheManagement installed() {
        return Installed.INSTANCE;
    }

    /** Looks the implementation up once. */
    final class Installed {
        static final CacheManagement INSTANCE = find();

        private Installed() {
        }

        private static CacheManagement find() {
            Iterator<CacheManagement> found =
                    ServiceLoader.load(CacheManagement.class, CacheManagement.class.getClassLoader()).iterator();
            return found.hasNext() ? found.next() : new Unmanaged();
        }
    }

    /** No management: every call does nothing. */
    final class Unmanaged implements CacheManagement {
        @Override
        public void managementEnabled(DocstoreCache<?, ?> cache) {
        }

        @Override
        public void managementDisabled(DocstoreCache<?, ?> cache) {
        }

        @Override
        public void statisticsEnabled(DocstoreCache<?, ?> cache) {
        }

        @Override
        public void statisticsDisabled(DocstoreCache<?, ?> cache) {
        }

        @Override
        public void cacheClosed(DocstoreCache<?, ?> cache) {
        }

        @Override
        public void managerClosed(DocstoreCacheManager manager) {
        }
    }
}
