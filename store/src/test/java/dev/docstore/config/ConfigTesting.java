package dev.docstore.config;

import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/** What the configuration tests share: files and jars in a temporary folder, and managers read from them. */
final class ConfigTesting {
    private ConfigTesting() {
    }

    static CachingProvider provider() {
        return Caching.getCachingProvider();
    }

    static CacheManager manager(URI uri) {
        return provider().getCacheManager(uri, ConfigTesting.class.getClassLoader());
    }

    static URI write(Path folder, String name, String content) {
        try {
            return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8).toUri();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar holding {@code content} at {@code entry}; returns the jar file. */
    static Path jar(Path folder, String jarName, String entry, byte[] content) {
        Path jar = folder.resolve(jarName);
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry(entry));
            out.write(content);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jar;
    }

    @SuppressWarnings("unchecked") // the tests ask for the configuration class every docstore cache has
    static DocstoreConfiguration<Object, Object> configuration(Cache<?, ?> cache) {
        return (DocstoreConfiguration<Object, Object>) cache.getConfiguration(DocstoreConfiguration.class);
    }

    @SuppressWarnings("unchecked") // unwrap takes a raw class; a docstore cache is a DocumentCache of its own types
    static <K, V> DocumentCache<K, V> documents(Cache<K, V> cache) {
        return cache.unwrap(DocumentCache.class);
    }

    static String typesOf(Configuration<?, ?> configuration) {
        return configuration.getKeyType().getName() + " -> " + configuration.getValueType().getName();
    }
}
