package dev.docstore.config;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import dev.docstore.jcache.Copier;
import dev.docstore.jcache.DocstoreConfiguration;
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
 */
public record CacheSettings(@JsonDeserialize(using = ClassNameDeserializer.class) Class<?> keyType,
                            @JsonDeserialize(using = ClassNameDeserializer.class) Class<?> valueType,
                            Boolean storeByValue,
                            Boolean statistics,
                            Boolean management,
                            ExpirySettings expiry,
                            List<IndexSettings> indexes,
                            @JsonDeserialize(using = ClassNameDeserializer.class) Class<?> copier) {
    public CacheSettings {
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
    }

    private static void checkCopier(Class<?> copier) {
        if (!Copier.class.isAssignableFrom(copier)) {
            throw new InvalidSettingException("copier", copier.getName() + " is not a " + Copier.class.getName());
        }
        try {
            if (!Modifier.isPublic(copier.getConstructor().getModifiers()) || Modifier.isAbstract(copier.getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new InvalidSettingException("copier", copier.getName()
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
        return configuration;
    }
}
