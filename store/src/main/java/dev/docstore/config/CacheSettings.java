package dev.docstore.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.docstore.jcache.Copier;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.Weigher;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The settings of one cache, or of the {@code default} template. Absent keys take the defaults documented in
 * {@code reference.yaml}; class names are resolved with the cache manager's class loader while the file is read.
 *
 * @param keyType      the key class (default {@code java.lang.Object})
 * @param valueType    the value class (default {@code java.lang.Object})
 * @param storeByValue store-by-value (default true) or by reference
 * @param statistics   whether statistics are on (default false)
 * @param management   whether the management beans are registered (default false)
 * @param expiry       the expiry policy (default eternal)
 * @param indexes      the indexes to create with the cache (default none)
 * @param copier       the {@link Copier} class for store-by-value (default: serialisation)
 * @param maximumSize  the most entries the cache keeps before it evicts (default: no bound)
 * @param maximumWeight the most total weight the cache keeps before it evicts, entries weighed by {@code weigher}
 *                     (default: no bound); a cache is bounded by size or by weight, not both
 * @param weigher      the {@link Weigher} class that weighs entries for {@code maximumWeight}, and only for it: named
 *                     in the file as {@value WeigherSetting#ESTIMATED_BYTES} (the built-in one) or by class name
 * @param warmRestart  the file the cache is loaded from when created and saved to when closed, and how often it is
 *                     saved in between (default: none, the cache starts empty); refused in the {@code default}
 *                     template, whose caches would all share the file
 * @param keepTimestamps whether entries keep their created and modified times, which exports carry and imports
 *                     restore (default false)
 */
public record CacheSettings(@JsonDeserialize(using = ClassNameDeserializer.class) Class<?> keyType,
                            @JsonDeserialize(using = ClassNameDeserializer.class) Class<?> valueType,
                            Boolean storeByValue,
                            Boolean statistics,
                            Boolean management,
                            ExpirySettings expiry,
                            List<IndexSettings> indexes,
                            @JsonDeserialize(using = ClassNameDeserializer.class) Class<?> copier,
                            Long maximumSize,
                            Long maximumWeight,
                            @JsonDeserialize(using = WeigherDeserializer.class) Class<?> weigher,
                            WarmRestartSettings warmRestart,
                            Boolean keepTimestamps) {
    public CacheSettings {
        keepTimestamps = keepTimestamps != null && keepTimestamps;
        keyType = keyType == null ? Object.class : keyType;
        valueType = valueType == null ? Object.class : valueType;
        storeByValue = storeByValue == null || storeByValue;
        statistics = statistics != null && statistics;
        management = management != null && management;
        expiry = expiry == null ? ExpirySettings.ETERNAL : expiry;
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
        Set<String> names = new HashSet<>();
        for (IndexSettings index : indexes) {
            if (!names.add(index.name())) {
                throw new InvalidSettingException("indexes", "index '" + index.name() + "' is defined twice");
            }
        }
        if (copier != null) {
            checkCopier(copier);
        }
        checkBound(maximumSize, maximumWeight, weigher);
    }

    private static void checkBound(Long maximumSize, Long maximumWeight, Class<?> weigher) {
        if (maximumSize != null && maximumSize <= 0) {
            throw new InvalidSettingException("maximumSize", "must be positive, was " + maximumSize);
        }
        if (maximumWeight != null && maximumWeight <= 0) {
            throw new InvalidSettingException("maximumWeight", "must be positive, was " + maximumWeight);
        }
        if (maximumSize != null && maximumWeight != null) {
            throw new InvalidSettingException("maximumWeight",
                    "a cache is bounded by maximumSize or by maximumWeight, not both");
        }
        if (maximumWeight != null && weigher == null) {
            throw new InvalidSettingException("maximumWeight",
                    "needs a weigher: " + WeigherSetting.ACCEPTED);
        }
        if (weigher != null) {
            if (maximumWeight == null) {
                throw new InvalidSettingException("weigher", "weighs entries only for maximumWeight, which is not set");
            }
            // a file's weigher was checked as it was read (WeigherDeserializer); this guards settings built in code
            checkInstantiable("weigher", weigher, Weigher.class);
        }
    }

    private static void checkCopier(Class<?> copier) {
        checkInstantiable("copier", copier, Copier.class);
    }

    /** A class named by {@code key} must implement {@code type} and have a public no-argument constructor. */
    private static void checkInstantiable(String key, Class<?> named, Class<?> type) {
        if (!type.isAssignableFrom(named)) {
            throw new InvalidSettingException(key, named.getName() + " is not a " + type.getName());
        }
        try {
            if (!Modifier.isPublic(named.getConstructor().getModifiers()) || Modifier.isAbstract(named.getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new InvalidSettingException(key, named.getName()
                    + " needs a public no-argument constructor (and must not be abstract)");
        }
    }

    /** A docstore configuration with these settings. */
    public DocstoreConfiguration<?, ?> toConfiguration() {
        return toConfiguration(keyType, valueType);
    }

    private <K, V> DocstoreConfiguration<K, V> toConfiguration(Class<K> key, Class<V> value) {
        DocstoreConfiguration<K, V> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(key, value);
        configuration.setStoreByValue(storeByValue);
        configuration.setStatisticsEnabled(statistics);
        configuration.setManagementEnabled(management);
        configuration.setExpiryPolicyFactory(expiry.factory());
        indexes.forEach(index -> configuration.addIndex(index.definition()));
        if (copier != null) {
            configuration.setCopierFactory(new CopierFactory(copier.asSubclass(Copier.class)));
        }
        if (maximumSize != null) {
            configuration.setMaximumSize(maximumSize);
        }
        if (maximumWeight != null) {
            configuration.setMaximumWeight(maximumWeight, newWeigher());
        }
        if (warmRestart != null) {
            configuration.setWarmRestart(warmRestart.toWarmRestart());
        }
        configuration.setKeepingTimestamps(keepTimestamps);
        return configuration;
    }

    @SuppressWarnings("unchecked") // checkInstantiable checked that the class is a Weigher
    private <K, V> Weigher<K, V> newWeigher() {
        try {
            return WeigherSetting.create((Class<? extends Weigher<?, ?>>) weigher);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException("weigher", e.getMessage());
        }
    }
}
