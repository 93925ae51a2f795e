package dev.docstore.console.testing;

import dev.docstore.jcache.DocstoreCachingProvider;
import dev.docstore.jcache.DocstoreConfiguration;
import dev.docstore.jcache.DocumentCache;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * docstore caches with statistics and management on, in the platform MBeanServer of the test JVM, each under a
 * manager of its own (a fresh URI) unless the test names one, all closed (so unregistered) by {@link #close()}.
 */
public final class TestCaches implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<CacheManager> managers = new ArrayList<>();

    /** A fresh manager with one managed cache named {@code name}. */
    public Cache<String, Map<String, Object>> create(String name) {
        return create(URI.create("urn:docstore:console-test-" + UUID.randomUUID()), name);
    }

    /** A managed cache named {@code name} of the manager {@code uri} (created if need be). */
    public Cache<String, Map<String, Object>> create(URI uri, String name) {
        CacheManager manager = Caching.getCachingProvider(DocstoreCachingProvider.class.getName())
                .getCacheManager(uri, TestCaches.class.getClassLoader());
        if (!managers.contains(manager)) {
            managers.add(manager);
        }
        return manager.createCache(name, managed());
    }

    @SuppressWarnings("unchecked") // the caches hold documents: string keys, Map values
    public static DocstoreConfiguration<String, Map<String, Object>> managed() {
        DocstoreConfiguration<String, Map<String, Object>> configuration = new DocstoreConfiguration<>();
        configuration.setTypes(String.class, (Class<Map<String, Object>>) (Class<?>) Map.class);
        configuration.setStatisticsEnabled(true);
        configuration.setManagementEnabled(true);
        return configuration;
    }

    @SuppressWarnings("unchecked") // the caches hold documents
    public static DocumentCache<String, Map<String, Object>> documents(Cache<String, Map<String, Object>> cache) {
        return cache.unwrap(DocumentCache.class);
    }

    /** The cache's export as it is now, as text. */
    public static String exportOf(Cache<String, Map<String, Object>> cache) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        documents(cache).exportTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** An export's text without the header's {@code exportedAt}, so two exports of one state read alike. */
    public static String withoutExportedAt(String export) {
        String[] lines = export.split("\n", 2);
        try {
            ObjectNode header = (ObjectNode) JSON.readTree(lines[0]);
            header.remove("exportedAt");
            return header + "\n" + lines[1];
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The manager URI of {@code cache}, as the console names it. */
    public static String manager(Cache<?, ?> cache) {
        return cache.getCacheManager().getURI().toString();
    }

    @Override
    public void close() {
        for (CacheManager manager : managers) {
            manager.close();
        }
        managers.clear();
    }
}
