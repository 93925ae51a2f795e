package dev.docstore.jcache;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import org.jetbrains.kotlinx.lincheck.LinChecker;
import org.jetbrains.kotlinx.lincheck.annotations.Operation;
import org.jetbrains.kotlinx.lincheck.annotations.Param;
import org.jetbrains.kotlinx.lincheck.paramgen.IntGen;
import org.jetbrains.kotlinx.lincheck.strategy.stress.StressOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Lincheck over a cache with no writer, listener or expiry, where {@code put} takes no lock: the locked operations
 * (getAndPut, putIfAbsent, both replaces, remove of a value, getAndRemove, invoke) write conditionally on what they
 * read, and an operation overtaken by a blind put counts as made just before it. Every concurrent run must be
 * explained by a sequential run of a plain map.
 */
@Param(name = "key", gen = IntGen.class, conf = "1:2")
@Param(name = "value", gen = IntGen.class, conf = "1:3")
public class BlindPutLincheckTest {
    private static final CacheManager MANAGER = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
            .getCacheManager(URI.create("urn:docstore-test:blind-put-lincheck"), BlindPutLincheckTest.class
                    .getClassLoader());

    /** One cache for every invocation (Lincheck makes an instance per invocation, and runs them one at a time). */
    private static final Cache<Integer, Integer> CACHE = MANAGER.createCache("blind-puts",
            new MutableConfiguration<Integer, Integer>().setTypes(Integer.class, Integer.class)
                    .setStoreByValue(false));

    private final Cache<Integer, Integer> cache = CACHE;

    public BlindPutLincheckTest() {
        CACHE.clear();
    }

    @AfterAll
    static void closeManager() {
        MANAGER.close();
    }

    @Operation
    public void put(@Param(name = "key") int key, @Param(name = "value") int value) {
        cache.put(key, value);
    }

    @Operation
    public Integer get(@Param(name = "key") int key) {
        return cache.get(key);
    }

    @Operation
    public Integer getAndPut(@Param(name = "key") int key, @Param(name = "value") int value) {
        return cache.getAndPut(key, value);
    }

    @Operation
    public boolean putIfAbsent(@Param(name = "key") int key, @Param(name = "value") int value) {
        return cache.putIfAbsent(key, value);
    }

    @Operation
    public boolean replace(@Param(name = "key") int key, @Param(name = "value") int value) {
        return cache.replace(key, value);
    }

    @Operation
    public boolean replaceIfOne(@Param(name = "key") int key, @Param(name = "value") int value) {
        return cache.replace(key, 1, value);
    }

    @Operation
    public boolean removeIfTwo(@Param(name = "key") int key) {
        return cache.remove(key, 2);
    }

    @Operation
    public Integer getAndRemove(@Param(name = "key") int key) {
        return cache.getAndRemove(key);
    }

    /** Adds 10 to a present value, leaves an absent key absent; returns the value seen. */
    @Operation
    public Integer addTen(@Param(name = "key") int key) {
        return cache.invoke(key, (entry, arguments) -> {
            Integer seen = entry.getValue();
            if (seen != null) {
                entry.setValue(seen + 10);
            }
            return seen;
        });
    }

    @Test
    void stress() {
        StressOptions options = new StressOptions()
                .iterations(30)
                .invocationsPerIteration(1_000)
                .threads(3)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(MapModel.class);
        assertThatCode(() -> LinChecker.check(BlindPutLincheckTest.class, options)).doesNotThrowAnyException();
    }

    /** The sequential specification: the Cache API's meaning on a map. */
    public static final class MapModel {
        private final Map<Integer, Integer> map = new HashMap<>();

        public void put(int key, int value) {
            map.put(key, value);
        }

        public Integer get(int key) {
            return map.get(key);
        }

        public Integer getAndPut(int key, int value) {
            return map.put(key, value);
        }

        public boolean putIfAbsent(int key, int value) {
            return map.putIfAbsent(key, value) == null;
        }

        public boolean replace(int key, int value) {
            return map.replace(key, value) != null;
        }

        public boolean replaceIfOne(int key, int value) {
            return map.replace(key, 1, value);
        }

        public boolean removeIfTwo(int key) {
            return map.remove(key, 2);
        }

        public Integer getAndRemove(int key) {
            return map.remove(key);
        }

        public Integer addTen(int key) {
            Integer seen = map.get(key);
            if (seen != null) {
                map.put(key, seen + 10);
            }
            return seen;
        }
    }
}
