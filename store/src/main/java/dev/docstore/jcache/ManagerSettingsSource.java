package dev.docstore.jcache;

import java.net.URI;
import java.util.Iterator;
import java.util.ServiceLoader;

/**
 * Reads the settings a cache manager starts with from its URI. docstore's configuration files implement it
 * ({@code dev.docstore.config}, found through {@link ServiceLoader}, so this package does not depend on that one);
 * without one, every manager starts empty.
 *
 * <p>Implementations must be thread-safe.
 */
public interface ManagerSettingsSource {
    /**
     * The settings for a manager identified by {@code uri}: {@link ManagerSettings#NONE} for a URI that names no file.
     * Reads and checks everything before returning, so a failure leaves nothing half-created.
     *
     * @throws javax.cache.CacheException when the URI names a file that cannot be read or is invalid
     */
    ManagerSettings read(URI uri, ClassLoader classLoader);

    /** The source found on the class path, or one that reads nothing. */
    static ManagerSettingsSource installed() {
        return Installed.INSTANCE;
    }

    /** Looks the implementation up once. */
    final class Installed {
        static final ManagerSettingsSource INSTANCE = find();

        private Installed() {
        }

        private static ManagerSettingsSource find() {
            Iterator<ManagerSettingsSource> found = ServiceLoader.load(ManagerSettingsSource.class,
                    ManagerSettingsSource.class.getClassLoader()).iterator();
            return found.hasNext() ? found.next() : (uri, classLoader) -> ManagerSettings.NONE;
        }
    }
}
