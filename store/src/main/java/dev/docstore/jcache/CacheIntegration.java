package dev.docstore.jcache;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * A cache's loader and writer, as the cache calls them: write-through and read-through only when configured, every
 * failure translated by {@link IntegrationFailures}. A write-through call returns only if the writer accepted the
 * change, so callers change the cache after it and never when it throws.
 *
 * <p>Thread-safe if the loader and writer are; the cache calls them for one key under that key's lock.
 */
public final class CacheIntegration<K, V> {
    private final String cacheName;
    private final CacheLoader<K, V> loader;
    private final CacheWriter<? super K, ? super V> writer;
    private final boolean readThrough;
    private final boolean writeThrough;

    public CacheIntegration(String cacheName, CacheLoader<K, V> loader, CacheWriter<? super K, ? super V> writer,
                     boolean readThrough, boolean writeThrough) {
        this.cacheName = cacheName;
        this.loader = loader;
        this.writer = writer;
        this.readThrough = readThrough && loader != null;
        this.writeThrough = writeThrough && writer != null;
    }

    /** Whether a miss loads the value (a loader is configured and read-through is on). */
    public boolean isReadThrough() {
        return readThrough;
    }

    /** Whether changes go to the writer first. */
    public boolean isWriteThrough() {
        return writeThrough;
    }

    /** Whether {@code loadAll} has a loader to call, read-through or not. */
    public boolean hasLoader() {
        return loader != null;
    }

    /** Write-through of a put. */
    public void write(K key, V value) {
        if (writeThrough) {
            try {
                writer.write(new DocstoreCacheEntry<>(key, value, 0));
            } catch (RuntimeException e) {
                throw IntegrationFailures.ofWriter(cacheName, "to write " + key, e);
            }
        }
    }

    /** Write-through of a removal. */
    public void delete(K key) {
        if (writeThrough) {
            try {
                writer.delete(key);
            } catch (RuntimeException e) {
                throw IntegrationFailures.ofWriter(cacheName, "to delete " + key, e);
            }
        }
    }

    /**
     * Write-through of a batch of puts. The writer leaves in {@code entries} what it did not write; returns its
     * failure, or {@code null}, so the caller applies exactly what was written before reporting it.
     */
    @SuppressWarnings("unchecked") // the writer takes entries of the cache's own types, which this collection holds
    public RuntimeException writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        try {
            ((CacheWriter<K, V>) writer).writeAll(entries);
            return null;
        } catch (RuntimeException e) {
            return IntegrationFailures.ofWriter(cacheName, "in writeAll", e);
        }
    }

    /** Write-through of a batch of removals; as {@link #writeAll}, it leaves in {@code keys} what it did not delete. */
    @SuppressWarnings("unchecked") // the writer deletes keys of the cache's key type, which this collection holds
    public RuntimeException deleteAll(Collection<Object> keys) {
        try {
            ((CacheWriter<Object, ?>) writer).deleteAll(keys);
            return null;
        } catch (RuntimeException e) {
            return IntegrationFailures.ofWriter(cacheName, "in deleteAll", e);
        }
    }

    /** Loads one key; {@code null} when the loader has no value. */
    public V load(K key) {
        try {
            return loader.load(key);
        } catch (RuntimeException e) {
            throw IntegrationFailures.ofLoader(cacheName, "to load " + key, e);
        }
    }

    /** Loads many keys; {@code null} or a map that may hold null keys and values, as loaders return. */
    public Map<K, V> loadAll(List<K> keys) {
        try {
            return loader.loadAll(keys);
        } catch (RuntimeException e) {
            throw IntegrationFailures.ofLoader(cacheName, "in loadAll", e);
        }
    }

    /** Closes the loader and writer when {@link java.io.Closeable}; returns the first failure, {@code earlier} first. */
    public IOException close(IOException earlier) {
        IOException failure = closeQuietly(loader, earlier);
        return closeQuietly(writer, failure);
    }

    /** Closes {@code resource} when {@link Closeable}; returns {@code earlier} if set, else what closing threw. */
    public static IOException closeQuietly(Object resource, IOException earlier) {
        if (resource instanceof Closeable closeable) {
            try {
                closeable.close();
            } catch (IOException e) {
                return earlier == null ? e : earlier;
            }
        }
        return earlier;
    }
}
