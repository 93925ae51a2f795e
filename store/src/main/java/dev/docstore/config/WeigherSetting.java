package dev.docstore.config;

import dev.docstore.jcache.EstimatedBytesWeigher;
import dev.docstore.jcache.Weigher;
import java.lang.reflect.Modifier;

/**
 * What a weigher setting may say, in the configuration file ({@code weigher}) and in the Quarkus extension
 * ({@code quarkus.docstore.caches."name".weigher}): the built-in weigher's name, {@value #ESTIMATED_BYTES}
 * ({@link EstimatedBytesWeigher}), or the class name of a {@link Weigher} with a public no-argument constructor. One
 * place, so both accept the same forms and say the same when refused.
 *
 * <p>Stateless and thread-safe.
 */
public final class WeigherSetting {
    /** The name of the built-in weigher, {@link EstimatedBytesWeigher}. */
    public static final String ESTIMATED_BYTES = "estimated-bytes";

    /** The accepted forms, as every refusal lists them (starting "write ..."). */
    public static final String ACCEPTED = "write " + ESTIMATED_BYTES + " (the built-in weigher, by estimated heap bytes) or "
            + "the class name of a " + Weigher.class.getName() + " with a public no-argument constructor";

    private WeigherSetting() {
    }

    /**
     * The weigher class {@code setting} names, resolved with {@code classLoader} (the cache manager's).
     *
     * @throws IllegalArgumentException naming the value and listing the accepted forms, if it names no such class,
     *                                  a class that is not a weigher, or one without a public no-argument constructor
     */
    public static Class<? extends Weigher<?, ?>> resolve(String setting, ClassLoader classLoader) {
        String name = setting.strip();
        if (name.equals(ESTIMATED_BYTES)) {
            return builtIn();
        }
        Class<?> named;
        try {
            named = Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("'" + name + "' is neither the built-in weigher nor a class the cache "
                    + "manager's class loader finds: " + ACCEPTED);
        }
        if (!Weigher.class.isAssignableFrom(named)) {
            throw new IllegalArgumentException(named.getName() + " is not a " + Weigher.class.getName() + ": "
                    + ACCEPTED);
        }
        try {
            if (!Modifier.isPublic(named.getConstructor().getModifiers()) || Modifier.isAbstract(named.getModifiers())) {
                throw new NoSuchMethodException();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException(named.getName() + " has no public no-argument constructor (or is "
                    + "abstract): " + ACCEPTED);
        }
        return weigherClass(named);
    }

    /**
     * A new weigher of the class {@link #resolve} returned.
     *
     * @throws IllegalArgumentException if its constructor fails
     */
    @SuppressWarnings("unchecked") // a setting names the weigher's class only; it weighs the cache's declared types
    public static <K, V> Weigher<K, V> create(Class<? extends Weigher<?, ?>> weigher) {
        try {
            return (Weigher<K, V>) weigher.getConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("cannot create " + weigher.getName() + ": " + e);
        }
    }

    @SuppressWarnings("unchecked") // the class literal of a generic class is raw; the type parameters are erased
    private static Class<? extends Weigher<?, ?>> builtIn() {
        return (Class<? extends Weigher<?, ?>>) (Class<?>) EstimatedBytesWeigher.class;
    }

    @SuppressWarnings("unchecked") // checked just before: the class implements Weigher
    private static Class<? extends Weigher<?, ?>> weigherClass(Class<?> named) {
        return (Class<? extends Weigher<?, ?>>) named;
    }
}
