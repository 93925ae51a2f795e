package dev.docstore.quarkus.deployment;

import dev.docstore.quarkus.DocstoreCache;
import dev.docstore.quarkus.runtime.DocstoreCaches;
import dev.docstore.quarkus.runtime.DocstoreRecorder;
import io.quarkus.arc.deployment.AutoInjectAnnotationBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.cache.deployment.CacheManagerInfoBuildItem;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.metrics.MetricsCapabilityBuildItem;
import io.quarkus.runtime.metrics.MetricsFactory;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;

/**
 * Build steps: docstore as the quarkus-cache backend for {@code quarkus.cache.type=docstore}, and the singleton that
 * opens the application's docstore cache manager at startup (the CDI producers of the cache manager and of
 * {@code @DocstoreCache} caches read it). Run by Quarkus's build, one step at a time as their items are ready.
 */
class DocstoreProcessor {
    private static final String FEATURE = "docstore";
    private static final DotName DOCSTORE_CACHE = DotName.createSimple(DocstoreCache.class);

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** {@code @DocstoreCache} fields are injected without {@code @Inject}, as {@code @CacheName} ones are. */
    @BuildStep
    AutoInjectAnnotationBuildItem autoInjectDocstoreCache() {
        return new AutoInjectAnnotationBuildItem(DOCSTORE_CACHE);
    }

    /** Offers docstore to quarkus-cache, which picks it for the caches whose type is {@code docstore}. */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    CacheManagerInfoBuildItem backend(DocstoreRecorder recorder) {
        return new CacheManagerInfoBuildItem(recorder.backend());
    }

    /**
     * The application's docstore, opened at startup so a bad configuration stops the application there; the caches
     * that {@code @DocstoreCache} injection points name are created with it.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem caches(DocstoreRecorder recorder, CombinedIndexBuildItem index,
                                  Optional<MetricsCapabilityBuildItem> metrics) {
        Set<String> declared = new HashSet<>();
        for (AnnotationInstance qualifier : index.getIndex().getAnnotations(DOCSTORE_CACHE)) {
            // injection points only: the extension's own producer methods carry the qualifier too
            AnnotationTarget.Kind kind = qualifier.target().kind();
            if (kind == AnnotationTarget.Kind.FIELD || kind == AnnotationTarget.Kind.METHOD_PARAMETER) {
                declared.add(qualifier.value().asString());
            }
        }
        boolean micrometer = metrics.map(capability -> capability.metricsSupported(MetricsFactory.MICROMETER))
                .orElse(false);
        return SyntheticBeanBuildItem.configure(DocstoreCaches.class)
                .scope(Singleton.class)
                .unremovable()
                .setRuntimeInit()
                .startup()
                .supplier(recorder.caches(declared, micrometer))
                .destroyer(DocstoreCaches.Closer.class)
                .done();
    }
}
