package dev.docstore.console.jmx;

import dev.docstore.console.testing.TestCaches;
import dev.docstore.jcache.DocstoreCachingProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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

    /** Completes when {@code child} prints {@value #READY}; a daemon thread reads its output to the end. */
    static CompletableFuture<Void> readiness(Process child, String threadName) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.equals(READY)) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
        }, threadName);
        reader.setDaemon(true);
        reader.start();
        return ready;
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
