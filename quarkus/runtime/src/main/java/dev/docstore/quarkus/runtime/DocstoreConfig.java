package dev.docstore.quarkus.runtime;

import io.quarkus.runtime.annotations.ConfigDocMapKey;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code quarkus.docstore.*} in {@code application.properties}: where the docstore configuration file is, and the
 * settings of the caches the extension creates. Read when the application starts.
 */
@ConfigMapping(prefix = "quarkus.docstore")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface DocstoreConfig {
    /**
     * The docstore configuration file (YAML, or JSON when the name ends in {@code .json}) the cache manager starts
     * from: {@code classpath:docstore.yaml}, {@code file:/etc/app/docstore.yaml} or a {@code jar:} URL. Its caches keep
     * the file's settings; the settings below only add indexes to them and switch statistics and management. Without
     * a file the manager starts empty.
     */
    Optional<String> configFile();

    /**
     * Whether caches keep statistics (and register the statistics MXBean that Micrometer reads), unless a cache says
     * otherwise. Unset: the file's setting for its caches, off for the others.
     */
    Optional<Boolean> statistics();

    /**
     * Whether caches register their management MXBeans, unless a cache says otherwise. Unset: the file's setting for
     * its caches, off for the others.
     */
    Optional<Boolean> management();

    /**
     * Whether the caches the extension creates store by value (a copy, or a frozen document, in and out) rather than
     * by reference, unless a cache says otherwise. By reference, as quarkus-cache's Caffeine backend does, needs no
     * serialisable keys and values: the keys Quarkus makes for methods with no or several parameters are not
     * serialisable. Caches the file defines keep the file's setting.
     */
    @WithDefault("false")
    boolean storeByValue();

    /** Per cache, by name. */
    @ConfigDocMapKey("cache-name")
    Map<String, CacheConfig> caches();

    /** One cache's settings; unset ones fall back to those above. */
    interface CacheConfig {
        /** Whether this cache keeps statistics. */
        Optional<Boolean> statistics();

        /** Whether this cache registers its management MXBeans. */
        Optional<Boolean> management();

        /** Whether this cache stores by value; only for a cache the file does not define. */
        Optional<Boolean> storeByValue();

        /**
         * The most entries this cache keeps: beyond it, it evicts those its W-TinyLFU policy expects to be used least.
         * Positive. Only for a cache the file does not define (the file sets its caches' bounds). Unset: no bound.
         */
        OptionalLong maximumSize();

        /**
         * The most total weight this cache keeps, each entry weighed by {@code weigher}: beyond it, it evicts as with
         * {@code maximum-size}. Positive; needs {@code weigher}; a cache is bounded by size or by weight, not both.
         * Only for a cache the file does not define. Unset: no bound.
         */
        OptionalLong maximumWeight();

        /**
         * What weighs each entry for {@code maximum-weight}, and only for it: {@code estimated-bytes}, the built-in
         * weigher (the estimated heap bytes of the key and the value), or the class name of a
         * {@code dev.docstore.jcache.Weigher} with a public no-argument constructor, as in the configuration file.
         */
        Optional<String> weigher();

        /**
         * Keeps this cache's documents across restarts in a file: loaded when the cache is created, saved when the
         * application stops and, with {@code save-interval}, while it runs. Only for a cache the file does not
         * define (the file sets its caches' warm restart). Unset: the cache starts empty and saves nothing.
         */
        Optional<WarmRestartConfig> warmRestart();

        /** Indexes to create on the cache, by index name. */
        @ConfigDocMapKey("index-name")
        Map<String, IndexConfig> indexes();
    }

    /**
     * A cache's warm restart. When the cache is created it loads {@code file} if it exists (a missing file is a cold
     * start; a file it cannot load stops the application, naming the file and the line, and is left as it is); when
     * the application stops it saves {@code file}, replacing it atomically, so a crash leaves the previous file or
     * the new one, whole.
     */
    interface WarmRestartConfig {
        /** The file to load and save, like {@code /var/lib/app/orders.jsonl}; one per cache. */
        String file();

        /**
         * How often to save while the application runs too, counted from the end of one save to the start of the
         * next: {@code PT5M} or {@code 5m}. At least a millisecond. Unset: only when the application stops.
         */
        Optional<Duration> saveInterval();
    }

    /** One index. */
    interface IndexConfig {
        /** The field paths, comma-separated: {@code author}, {@code address.city,age}, {@code tags[]}. */
        List<String> paths();

        /** Whether two keys may not share a tuple. */
        @WithDefault("false")
        boolean unique();
    }
}
