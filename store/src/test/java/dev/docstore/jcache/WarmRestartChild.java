package dev.docstore.jcache;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * The process {@link WarmRestartCrashTest} kills: a cache of {@code count} documents with a warm restart that saves
 * every {@code interval} milliseconds, written without pause by one thread, which keeps an invariant a reader of any
 * consistent save can check. The writer sweeps the keys {@code 0 … count-1} in order, round after round, and puts
 * {@code {i, gen}} with the round's number as {@code gen}; so in any consistent save the keys are {@code 0 … k-1}
 * and {@code gen} never grows from a key to the next. A cold start fills the keys with round 0; a warm one continues
 * from the highest round it loaded.
 *
 * <p>Prints {@code READY <documents> <round>} once filled or loaded, and the cache's own DEBUG lines for each save
 * ({@code … saving to …}, {@code … saved N documents …}), so the test can kill it during a save.
 */
public final class WarmRestartChild {
    /** Held: the logging framework keeps loggers weakly, and this one's level and handler must stay. */
    private static final Logger SAVES = Logger.getLogger(WarmRestartFile.class.getName());

    private WarmRestartChild() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        Duration interval = Duration.ofMillis(Long.parseLong(args[2]));
        printSaves();
        CacheManager manager = Caching.getCachingProvider().getCacheManager(URI.create("urn:docstore-crash-child"),
                WarmRestartChild.class.getClassLoader());
        DocstoreConfiguration<Integer, Map<String, Object>> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(Integer.class, WarmRestartCrashTest.documentType()).setStoreByValue(false);
        Cache<Integer, Map<String, Object>> cache =
                manager.createCache("crash", configuration.setWarmRestart(file, interval));
        int round = 0;
        for (Cache.Entry<Integer, Map<String, Object>> entry : cache) {
            round = Math.max(round, ((Number) entry.getValue().get("gen")).intValue() + 1);
        }
        if (round == 0) {
            write(cache, count, 0);
            round = 1;
        }
        System.out.println("READY " + count + " " + round);
        for (; ; round++) {
            write(cache, count, round);
        }
    }

    private static void write(Cache<Integer, Map<String, Object>> cache, int count, int round) {
        for (int i = 0; i < count; i++) {
            cache.put(i, Map.of("i", i, "gen", round));
        }
    }

    private static void printSaves() {
        SAVES.setLevel(Level.FINE);
        SAVES.setUseParentHandlers(false);
        SAVES.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                System.out.println("LOG " + record.getLevel() + " " + record.getMessage());
                System.out.flush();
            }

            @Override
            public void flush() {
                System.out.flush();
            }

            @Override
            public void close() {
            }
        });
    }
}
