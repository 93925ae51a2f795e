package dev.docstore.jcache;

import dev.docstore.index.IndexDefinition;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import org.jspecify.annotations.Nullable;

/**
 * docstore's cache configuration: everything of {@link MutableConfiguration} plus the indexes to create with the
 * cache, the {@link Copier} store-by-value uses for values it cannot prove immutable, and the clock expiry reads
 * (inject a fake one in tests). Any {@link Configuration} handed to {@code createCache} is turned into one of these.
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
     * indexes and the copier come from this one. This is how a manager's {@code default} template reaches caches
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
        return result;
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

    @Override
    public boolean equals(@Nullable Object other) {
        return other instanceof DocstoreConfiguration<?, ?> that && super.equals(other)
                && indexes.equals(that.indexes) && copierFactory.equals(that.copierFactory)
                && clockFactory.equals(that.clockFactory);
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), indexes, copierFactory, clockFactory);
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
