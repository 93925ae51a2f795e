package dev.docstore.console.jmx;

import dev.docstore.console.testing.TestCaches;
import dev.docstore.jcache.DocstoreCachingProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * A separate JVM for {@link LocalJvmsTest}: creates a managed docstore cache (argument 0: the manager URI, 1: the
 * cache name) holding one document, prints {@value #READY}, and exits when its stdin closes.
 */
public final class ChildCacheHost {
    static final String READY = "ready";

    private ChildCacheHost() {
    }

    public static void main(String[] args) throws IOException {
        int status = 0;
        try {
            CacheManager manager = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                    .getCacheManager(URI.create(args[0]), ChildCacheHost.class.getClassLoader());
            Cache<String, Map<String, Object>> cache = manager.createCache(args[1], TestCaches.managed());
            cache.put("k", Map.of("city", "Lisbon"));
            System.out.println(READY);
            System.out.flush();
            InputStream in = System.in;
            byte[] buffer = new byte[64];
            while (in.read(buffer) != -1) {
                // the test closes our stdin to stop us
            }
            manager.close();
        } catch (RuntimeException | Error e) {
            e.printStackTrace();
            status = 1;
        }
        // the management agent's threads would keep the JVM alive
        System.exit(status);
    }
}
