package dev.docstore.jcache;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import javax.cache.CacheException;

/**
 * The default {@link Copier}: a round trip through Java serialisation, resolving classes with the cache manager's class
 * loader (as the spec's store-by-value requires). Stateless and thread-safe.
 */
public final class SerializingCopier implements Copier {
    /** The single instance. */
    public static final SerializingCopier INSTANCE = new SerializingCopier();

    private SerializingCopier() {
    }

    @Override
    @SuppressWarnings("unchecked") // a serialisation round trip yields an object of the class written
    public <T> T copy(T value, ClassLoader classLoader) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        } catch (NotSerializableException e) {
            throw new CacheException("store-by-value needs a copy of " + value.getClass().getName()
                    + ", which is not Serializable; make it Serializable, immutable, or use store-by-reference", e);
        } catch (IOException e) {
            throw new CacheException("could not copy a " + value.getClass().getName() + " by serialisation", e);
        }
        try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()),
                classLoader)) {
            return (T) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new CacheException("could not read back a copy of " + value.getClass().getName()
                    + " with class loader " + classLoader, e);
        }
    }

    /** Resolves classes with a given class loader, falling back to the default resolution. */
    private static final class LoaderObjectInputStream extends ObjectInputStream {
        private final ClassLoader classLoader;

        LoaderObjectInputStream(InputStream in, ClassLoader classLoader) throws IOException {
            super(in);
            this.classLoader = classLoader;
        }

        @Override
        protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
            try {
                return Class.forName(description.getName(), false, classLoader);
            } catch (ClassNotFoundException e) {
                return super.resolveClass(description);
            }
        }
    }
}
