package dev.docstore.jcache;

import dev.docstore.index.IndexDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
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
 * maximum total weight ({@link #setMaximumWeight}), beyond which the cache evicts. Any {@link Configuration} handed to
 * {@code createCache} is turned into one of these.
 *
 * <p>A bound that makes no sense (0 or negative, a weight without a weigher, or both a size and a weight) is refused
 * when it is set, with an {@link IllegalArgumentException} whose message names the setting, so {@code createCache}
 * never sees one.
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
     * indexes, the copier and the bound (a weigher is assumed to accept the new types) come from this one. This is how a manager's {@code default} template reaches caches
     * created at runtime with a plain {@code MutableConfiguration} (as Spring Boot and Hibernate create them).
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
                && timestamps == that.timestamps;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), indexes, copierFactory, clockFactory, maximumSize, maximumWeight,
                weigher, timestamps);
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
