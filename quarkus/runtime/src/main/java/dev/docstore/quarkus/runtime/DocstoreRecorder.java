package dev.docstore.quarkus.runtime;

import io.quarkus.cache.CacheManagerInfo;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What the build steps record for the application's start: the quarkus-cache backend and the supplier of
 * {@link DocstoreCaches}, which reads {@code quarkus.docstore.*} as it is when the application starts. Quarkus calls
 * it on the startup thread; the suppliers it returns hold nothing mutable and may be called from any thread.
 */
@Recorder
public class DocstoreRecorder {
    private final RuntimeValue<DocstoreConfig> config;

    /** Quarkus passes the runtime configuration. */
    public DocstoreRecorder(RuntimeValue<DocstoreConfig> config) {
        this.config = config;
    }

    /** The backend quarkus-cache chooses for {@code quarkus.cache.type=docstore}. */
    public CacheManagerInfo backend() {
        return new DocstoreBackend();
    }

    /**
     * Opens the application's docstore: {@code declared} are the cache names of {@code @DocstoreCache} injection
     * points; {@code micrometer} whether quarkus-micrometer is present, so meters are bound.
     */
    public Supplier<DocstoreCaches> caches(Set<String> declared, boolean micrometer) {
        return () -> DocstoreCaches.open(config.getValue(), declared,
                micrometer ? MicrometerCacheMeters.global() : CacheObserver.NONE,
                Thread.currentThread().getContextClassLoader());
    }
}
