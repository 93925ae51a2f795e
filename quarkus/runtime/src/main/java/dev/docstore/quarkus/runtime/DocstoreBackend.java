package dev.docstore.quarkus.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheManager;
import io.quarkus.cache.CacheManagerInfo;
import io.quarkus.cache.runtime.CacheManagerImpl;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * docstore as a quarkus-cache backend: serves the caches whose type is {@value #TYPE} ({@code quarkus.cache.type}, or
 * {@code quarkus.cache."name".type} for one cache) while caching is enabled. Each is the
 * {@link dev.docstore.quarkus.DocstoreQuarkusCache} of the docstore cache of the same name.
 *
 * <p>Thread-safe: stateless; the manager it supplies is built once by quarkus-cache, at startup.
 */
public final class DocstoreBackend implements CacheManagerInfo {
    /** The value of {@code quarkus.cache.type} that selects docstore. */
    public static final String TYPE = "docstore";

    @Override
    public boolean supports(Context context) {
        return context.cacheEnabled() && TYPE.equals(context.cacheType());
    }

    @Override
    public Supplier<CacheManager> get(Context context) {
        Set<String> names = Set.copyOf(context.cacheNames());
        return () -> {
            DocstoreCaches docstore = Arc.container().instance(DocstoreCaches.class).get();
            Map<String, Cache> caches = new HashMap<>();
            names.forEach(name -> caches.put(name, docstore.quarkusCache(name)));
            return new CacheManagerImpl(caches);
        };
    }
}
