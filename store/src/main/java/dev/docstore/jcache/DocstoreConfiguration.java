package dev.docstore.jcache;

import dev.docstore.index.IndexDefinition;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * docstore's cache configuration: everything of {@link MutableConfiguration} plus the indexes to create with the
 * cache, the {@link Copier} store-by-value uses for values it cannot prove immutable, and the clock expiry reads
 * (inject a fake one in tests), and an optional bound: a maximum number of entries ({@link #setMaximumSize}) or a
 * maximum total weight ({@link #setMaximumWeight}), beyond which the cache evicts, and an optional warm restart
 * ({@link #setWarmRestart}): a file the cache is loaded from when created and saved to when closed. Any
 * {@link Configuration} handed to {@code createCache} is turned into one of these.
 *
 * <p>A bound that makes no sense (0 or negative, a weight without a weigher, or both a size and a weight) is refused
 * when it is set, with an {@link IllegalArgumentException} whose message names the setting, so {@code createCache}
 * never sees one; so is a warm restart without a file or with a save interval that is not positive.
 *
 * <p>Not thread-safe while being built, like {@code MutableConfiguration}; the cache keeps its own copy.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class DocstoreConfiguration<K, V> extends MutableConfiguration<K, V> {
    private static final long serialVersionUID = 1L;

    private List<IndexDefinition> indexes = new ArrayList<>();
    private Factory<Copier> copierFactory = new SerializingCopierFactory();
    private Factory<Clock> clockFactory = new SystemClockFactory();
    /** 0: no bound by size (0 itself is refused as a setting, so it can mean unset). */
    private long maximumSize;
    /** 0: no bound by weight. */
    private long maximumWeight;
    private @Nullable Weigher<K, V> weigher;
    private boolean timestamps;
    private @Nullable WarmRestart warmRestart;

    /** The defaults of {@link MutableConfiguration}: store-by-value, eternal, no statistics or management. */
    public DocstoreConfiguration() {
    }

    /** A copy of any configuration: a complete one keeps everything, a plain one its types and store-by-value. */
    public DocstoreConfiguration(Configuration<K, V> configuration) {
        super(complete(configuration));
        if (configuration instanceof DocstoreConfiguration<K, V> ours) {
            this.indexes = new ArrayList<>(ours.indexes);
            this.copierFactory = ours.copierFactory;
            this.clockFactory = ours.clockFactory;
            this.maximumSize = ours.maximumSize;
            this.maximumWeight = ours.maximumWeight;
            this.weigher = ours.weigher;
            this.timestamps = ours.timestamps;
            this.warmRestart = ours.warmRestart;
        }
    }

    private static <K, V> CompleteConfiguration<K, V> complete(Configuration<K, V> configuration) {
        Objects.requireNonNull(configuration, "configuration must not be null");
        if (configuration instanceof CompleteConfiguration<K, V> complete) {
            return complete;
        }
        MutableConfiguration<K, V> basic = new MutableConfiguration<>();
        basic.setTypes(configuration.getKeyType(), configuration.getValueType());
        basic.setStoreByValue(configuration.isStoreByValue());
        return basic;
    }

    /**
     * A copy of {@code configuration} with this configuration's settings, used as a template: the key and value types,
     * listeners, loader and writer come from {@code configuration}; expiry, statistics, management, store-by-value,
     * indexes, the copier and the bound (a weigher is assumed to accept the new types) come from this one. This is
     * how a manager's {@code default} template reaches caches created at runtime with a plain
     * {@code MutableConfiguration} (as Spring Boot and Hibernate create them).
     *
     * <p>The warm restart is not applied: it names one file, and every cache a template makes would load and save
     * that same file, each overwriting the others' documents. A cache that needs one sets its own.
     */
    public <K2, V2> DocstoreConfiguration<K2, V2> applyTo(Configuration<K2, V2> configuration) {
        DocstoreConfiguration<K2, V2> result = new DocstoreConfiguration<>(configuration);
        result.setExpiryPolicyFactory(getExpiryPolicyFactory());
        result.setStatisticsEnabled(isStatisticsEnabled());
        result.setManagementEnabled(isManagementEnabled());
        result.setStoreByValue(isStoreByValue());
        result.indexes = new ArrayList<>(indexes);
        result.copierFactory = copierFactory;
        result.maximumSize = maximumSize;
        result.maximumWeight = maximumWeight;
        result.weigher = retyped(weigher);
        result.timestamps = timestamps;
        return result;
    }

    @SuppressWarnings("unchecked") // a template's weigher is applied to caches of other declared types, as in JCache
    private static <K2, V2> @Nullable Weigher<K2, V2> retyped(@Nullable Weigher<?, ?> weigher) {
        return (Weigher<K2, V2>) weigher;
    }

    /** The maximum number of entries, if the cache is bounded by size. */
    public OptionalLong getMaximumSize() {
        return maximumSize == 0 ? OptionalLong.empty() : OptionalLong.of(maximumSize);
    }

    /**
     * Bounds the cache to {@code maximumSize} entries: beyond it, the cache evicts the entries its W-TinyLFU policy
     * expects to be used least.
     *
     * @throws IllegalArgumentException now, if {@code maximumSize} is not positive or a maximum weight is set
     */
    public DocstoreConfiguration<K, V> setMaximumSize(long maximumSize) {
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("maximumSize must be positive, was " + maximumSize);
        }
        if (this.maximumWeight != 0) {
            throw new IllegalArgumentException("maximumSize cannot be set: maximumWeight is set already ("
                    + this.maximumWeight + "); a cache is bounded by size or by weight, not both (removeBound first)");
        }
        this.maximumSize = maximumSize;
        return this;
    }

    /** The maximum total weight, if the cache is bounded by weight. */
    public OptionalLong getMaximumWeight() {
        return maximumWeight == 0 ? OptionalLong.empty() : OptionalLong.of(maximumWeight);
    }

    /** The weigher of a cache bounded by weight, else {@code null}. */
    public @Nullable Weigher<K, V> getWeigher() {
        return weigher;
    }

    /**
     * Bounds the total weight of the cache's entries, each weighed by {@code weigher}, to {@code maximumWeight}.
     *
     * @throws IllegalArgumentException now, if {@code maximumWeight} is not positive, {@code weigher} is null or a
     *                                  maximum size is set
     */
    public DocstoreConfiguration<K, V> setMaximumWeight(long maximumWeight, Weigher<K, V> weigher) {
        if (maximumWeight <= 0) {
            throw new IllegalArgumentException("maximumWeight must be positive, was " + maximumWeight);
        }
        if (weigher == null) {
            throw new IllegalArgumentException("maximumWeight needs a weigher, and the weigher given is null");
        }
        if (this.maximumSize != 0) {
            throw new IllegalArgumentException("maximumWeight cannot be set: maximumSize is set already ("
                    + this.maximumSize + "); a cache is bounded by size or by weight, not both (removeBound first)");
        }
        this.maximumWeight = maximumWeight;
        this.weigher = weigher;
        return this;
    }

    /** Removes the bound, by size or by weight: the cache grows without limit (the default). */
    public DocstoreConfiguration<K, V> removeBound() {
        maximumSize = 0;
        maximumWeight = 0;
        weigher = null;
        return this;
    }

    /** Whether a maximum size or weight is set. */
    public boolean isBounded() {
        return maximumSize != 0 || maximumWeight != 0;
    }

    /** Where the cache is loaded from when created and saved to when closed, if it is. */
    public Optional<WarmRestart> getWarmRestart() {
        return Optional.ofNullable(warmRestart);
    }

    /**
     * Keeps the cache's documents across restarts in {@code file}, in the format of
     * {@link dev.docstore.transfer.JsonLines}:
     * <ul>
     *   <li>When the cache is created, it loads {@code file} if it exists (all or nothing, trusting the class names in
     *       it: the file is the application's own), before its listeners are registered, so they get no events for
     *       the loaded documents; the documents keep their expiry times, and the indexes named in the file are
     *       created. A missing file is a cold start. A file that cannot be loaded fails {@code createCache} with a
     *       {@link WarmRestartException} naming the file and the line, and the file is left as it is: the cache never
     *       starts empty over documents it could not read, and never overwrites them. Temporary files that a save
     *       killed midway left beside {@code file} are deleted.</li>
     *   <li>When the cache is closed ({@code Cache.close}, or its manager or provider closing) it saves its
     *       documents to {@code file}, replacing it atomically ({@link dev.docstore.transfer.AtomicFiles}): a crash
     *       at any moment leaves the previous file or the new one, whole. {@code CacheManager.destroyCache} does
     *       not save, and deletes {@code file}: a destroyed cache's documents are gone, and do not come back with
     *       the next cache of that name.</li>
     *   <li>With a {@code saveInterval}, it also saves every {@code saveInterval} (counted from the end of one save
     *       to the start of the next) on a shared daemon thread; a failed periodic save is logged and leaves the
     *       previous file, and the next save tries again.</li>
     * </ul>
     * Documents written after the last save are lost if the process dies without closing the cache. Give every
     * cache a file of its own: two caches saving one file overwrite each other's documents.
     *
     * @param saveInterval how often to save while the cache is open, or {@code null} to save only on close
     * @throws IllegalArgumentException now, if {@code file} is null or {@code saveInterval} is zero, negative or
     *                                  shorter than a millisecond
     */
    public DocstoreConfiguration<K, V> setWarmRestart(Path file, @Nullable Duration saveInterval) {
        this.warmRestart = WarmRestart.of(file, saveInterval);
        return this;
    }

    /** {@link #setWarmRestart(Path, Duration)} with a warm restart built already. */
    public DocstoreConfiguration<K, V> setWarmRestart(WarmRestart warmRestart) {
        this.warmRestart = Objects.requireNonNull(warmRestart, "warm restart must not be null");
        return this;
    }

    /** Removes the warm restart: the cache starts empty and saves nothing (the default). */
    public DocstoreConfiguration<K, V> removeWarmRestart() {
        this.warmRestart = null;
        return this;
    }

    /** The indexes the cache is created with (a copy). */
    public List<IndexDefinition> getIndexes() {
        return List.copyOf(indexes);
    }

    /** Adds an index to create with the cache. */
    public DocstoreConfiguration<K, V> addIndex(IndexDefinition index) {
        Objects.requireNonNull(index, "index must not be null");
        if (indexes.stream().anyMatch(existing -> existing.name().equals(index.name()))) {
            throw new IllegalArgumentException("the configuration already has an index named '" + index.name() + "'");
        }
        indexes.add(index);
        return this;
    }

    public Factory<Copier> getCopierFactory() {
        return copierFactory;
    }

    /** The copier for store-by-value values that are not known to be immutable (default: serialisation). */
    public DocstoreConfiguration<K, V> setCopierFactory(Factory<Copier> factory) {
        this.copierFactory = Objects.requireNonNull(factory, "copier factory must not be null");
        return this;
    }

    public Factory<Clock> getClockFactory() {
        return clockFactory;
    }

    /** The clock for expiry and entry timestamps (default: the system clock). */
    public DocstoreConfiguration<K, V> setClockFactory(Factory<Clock> factory) {
        this.clockFactory = Objects.requireNonNull(factory, "clock factory must not be null");
        return this;
    }

    /** Whether the cache keeps each entry's created and modified times (off by default). */
    public boolean isKeepingTimestamps() {
        return timestamps;
    }

    /**
     * Whether the cache keeps each entry's created and modified times, which its exports then carry and its imports
     * restore. Off by default: a cache needs neither for JCache, and keeping them costs a clock read per write and 16
     * bytes per entry.
     */
    public DocstoreConfiguration<K, V> setKeepingTimestamps(boolean keep) {
        this.timestamps = keep;
        return this;
    }

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof DocstoreConfiguration<?, ?> that && super.equals(other)
                && indexes.equals(that.indexes) && copierFactory.equals(that.copierFactory)
                && clockFactory.equals(that.clockFactory) && maximumSize == that.maximumSize
                && maximumWeight == that.maximumWeight && Objects.equals(weigher, that.weigher)
                && timestamps == that.timestamps && Objects.equals(warmRestart, that.warmRestart);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), indexes, copierFactory, clockFactory, maximumSize, maximumWeight,
                weigher, timestamps, warmRestart);
    }

    /** The default copier, as a serialisable factory that equals every other instance of itself. */
    static final class SerializingCopierFactory implements Factory<Copier> {
        private static final long serialVersionUID = 1L;

        @Override
        public Copier create() {
            return SerializingCopier.INSTANCE;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SerializingCopierFactory;
        }

        @Override
        public int hashCode() {
            return SerializingCopierFactory.class.hashCode();
        }
    }

    /** The system clock, as a serialisable factory that equals every other instance of itself. */
    static final class SystemClockFactory implements Factory<Clock> {
        private static final long serialVersionUID = 1L;

        @Override
        public Clock create() {
            return Clock.systemUTC();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SystemClockFactory;
        }

        @Override
        public int hashCode() {
            return SystemClockFactory.class.hashCode();
        }
    }
}
