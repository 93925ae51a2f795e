package dev.docstore;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.docstore.jcache.Copier;
import dev.docstore.jcache.DocstoreCachingProvider;

/**
 * The boundaries of the docstore module: its classes are the layers on docstore-core (which has its own test) and
 * none of the core's packages, and inside it the arrows point one way: JMX in management only, the configuration
 * file on top of the JCache layer, the cache on top of its concerns (events, expiry, copying) and of the export
 * format, which knows no cache.
 */
@AnalyzeClasses(packages = "dev.docstore", importOptions = {ImportOption.DoNotIncludeTests.class,
        ProviderArchitectureTest.ThisModuleOnly.class})
class ProviderArchitectureTest {
    /** The classes this module builds, wherever they are (a directory in the reactor, a jar after it), not the core's. */
    static final class ThisModuleOnly implements ImportOption {
        private static final String HOME =
                DocstoreCachingProvider.class.getProtectionDomain().getCodeSource().getLocation().toString();

        @Override
        public boolean includes(Location location) {
            return location.asURI().toString().contains(HOME);
        }
    }

    @ArchTest
    static final ArchRule theModuleAddsNoClassToTheCorePackages = classes()
            .should().resideInAnyPackage("dev.docstore.jcache..", "dev.docstore.management..",
                    "dev.docstore.config..", "dev.docstore.micrometer..", "dev.docstore.transfer..")
            .because("documents, engine and indexes are docstore-core's; a class of theirs here would split a package");

    @ArchTest
    static final ArchRule theJCacheLayerKnowsNoJmx = noClasses()
            .that().resideInAPackage("dev.docstore.jcache..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("javax.management..", "java.lang.management..", "dev.docstore.management..")
            .because("JMX lives in the management package, which plugs in through CacheManagement");

    @ArchTest
    static final ArchRule theJCacheLayerDoesNotKnowTheConfigurationFile = noClasses()
            .that().resideInAPackage("dev.docstore.jcache..")
            .should().dependOnClassesThat().resideInAPackage("dev.docstore.config..")
            .because("the file reader plugs in through ManagerSettingsSource; the arrow points from config to jcache");

    @ArchTest
    static final ArchRule theJCacheConcernsDoNotReachBackIntoTheCache = noClasses()
            .that().resideInAPackage("dev.docstore.jcache.*..")
            .should().dependOnClassesThat(resideInAPackage("dev.docstore.jcache").and(not(equivalentTo(Copier.class))))
            .because("the cache composes its concerns; one that used the cache's classes would make a cycle and need"
                    + " their internals public (Copier is the configured API that the copying calls)");

    @ArchTest
    static final ArchRule theFileFormatKnowsNoCacheJmxOrConfigurationFile = noClasses()
            .that().resideInAPackage("dev.docstore.transfer..")
            .should().dependOnClassesThat().resideInAnyPackage("javax.cache..", "dev.docstore.jcache..",
                    "javax.management..", "dev.docstore.management..", "dev.docstore.config..")
            .because("the cache feeds the export format from its snapshot and applies what it reads; the format"
                    + " itself is plain Jackson over documents and index definitions");

    @ArchTest
    static final ArchRule theJCacheConcernsAreFreeOfCycles = slices()
            .matching("dev.docstore.jcache.(*)..")
            .should().beFreeOfCycles();
}
