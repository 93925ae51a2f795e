package dev.docstore.config;

import dev.docstore.jcache.Copier;
import java.lang.reflect.InvocationTargetException;
import javax.cache.CacheException;
import javax.cache.configuration.Factory;

/**
 * Creates the {@link Copier} a configuration file names, through its public no-argument constructor. Serialisable,
 * and equal to another factory of the same class, as JCache configurations expect of their factories.
 *
 * @param type the copier class
 */
record CopierFactory(Class<? extends Copier> type) implements Factory<Copier> {
    private static final long serialVersionUID = 1L;

    @Override
    public Copier create() {
        try {
            return type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new CacheException("the copier " + type.getName() + " failed to construct", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new CacheException("cannot create the copier " + type.getName(), e);
        }
    }
}
