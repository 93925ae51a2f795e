package dev.docstore.management;

import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * The child JVM of {@link RemoteJmxTest}: hosts a managed cache of {@value #DOCUMENTS} documents (and a small scratch
 * cache for destructive operations), prints {@value #READY} on stdout, and runs until its stdin closes. Its platform
 * MBeanServer is exposed by the JDK's management agent, configured by the {@code com.sun.management.jmxremote.*}
 * system properties the test passes. A third cache, empty and without statistics, takes the test's imports.
 *
 * <p>Arguments: the manager URI, the name of the big cache, the name of the scratch cache, the name of the cache
 * for imports.
 */
public final class RemoteCacheHost {
    static final String READY = "READY";
    static final int DOCUMENTS = 100_000;
    static final int CITIES = 100;
    /** The scratch cache holds {@code s0..s9}, each city twice (so a unique index on it cannot be built). */
    static final int SCRATCH_DOCUMENTS = 10;
    /** Gets the host makes on the big cache before it is ready: keys {@code p0..p9} hit, {@code absent0..4} miss. */
    static final int HITS = 10;
    static final int MISSES = 5;

    private RemoteCacheHost() {
    }

    /** The document stored under {@code p<i>}. */
    static Map<String, Object> person(int i) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", "person-" + i);
        document.put("city", "city-" + (i % CITIES));
        document.put("age", 18 + i % 70);
        return document;
    }

    public static void main(String[] args) {
        int status = 0;
        try {
            host(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
            status = 1;
        }
        // the management agent's RMI threads would keep the JVM alive
        System.exit(status);
    }

    private static void host(String[] args) throws IOException {
        URI uri = URI.create(args[0]);
        CachingProvider provider = Caching.getCachingProvider(DocstoreCachingProvider.class.getName());
        CacheManager manager = provider.getCacheManager(uri, RemoteCacheHost.class.getClassLoader());
        try {
            Cache<String, Object> people = manager.createCache(args[1], managed());
            Map<String, Object> batch = new LinkedHashMap<>();
            for (int i = 0; i < DOCUMENTS; i++) {
                batch.put("p" + i, person(i));
                if (batch.size() == 1000) {
                    people.putAll(batch);
                    batch.clear();
                }
            }
            for (int i = 0; i < HITS; i++) {
                people.get("p" + i);
            }
            for (int i = 0; i < MISSES; i++) {
                people.get("absent" + i);
            }
            Cache<String, Object> scratch = manager.createCache(args[2], managed());
            for (int i = 0; i < SCRATCH_DOCUMENTS; i++) {
                scratch.put("s" + i, person(i % (SCRATCH_DOCUMENTS / 2)));
            }
            DocstoreConfiguration<String, Object> imports = managed();
            imports.setStatisticsEnabled(false);
            manager.createCache(args[3], imports);
            System.out.println(READY);
            System.out.flush();
            InputStream in = System.in;
            byte[] buffer = new byte[64];
            while (in.read(buffer) != -1) {
                // the test closes our stdin to stop us
            }
        } finally {
            manager.close();
        }
    }

    private static DocstoreConfiguration<String, Object> managed() {
        DocstoreConfiguration<String, Object> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(String.class, Object.class);
        configuration.setManagementEnabled(true);
        configuration.setStatisticsEnabled(true);
        return configuration;
    }
}
