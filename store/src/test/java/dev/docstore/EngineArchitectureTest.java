package dev.docstore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the engine, the documents and the indexes free of JCache and JMX (brief, section 2), the documents free of the
 * engine and the engine free of the indexes, so each layer sits on the one below without the core knowing them.
 */
@AnalyzeClasses(packages = "dev.docstore", importOptions = ImportOption.DoNotIncludeTests.class)
class EngineArchitectureTest {
    @ArchTest
    static final ArchRule engineAndDocumentsKnowNoJCacheNorJmx = noClasses()
            .that().resideInAnyPackage("dev.docstore.engine..", "dev.docstore.document..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("javax.cache..", "javax.management..", "java.lang.management..")
            .because("the engine is plain Java; JCache and JMX are layers on top of it (brief, section 2)");

    @ArchTest
    static final ArchRule indexesKnowNoJCacheNorJmx = noClasses()
            .that().resideInAPackage("dev.docstore.index..")
            .should().dependOnClassesThat()
            .resideInAnyPackage("javax.cache..", "javax.management..", "java.lang.management..")
            .because("indexes are part of the core the JCache and JMX layers sit on");

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
    static final ArchRule theEngineDoesNotKnowItsIndexes = noClasses()
            .that().resideInAPackage("dev.docstore.engine..")
            .should().dependOnClassesThat().resideInAPackage("dev.docstore.index..")
            .because("indexes plug into the engine through WriteObserver; the arrow points one way");

    @ArchTest
    static final ArchRule documentsDoNotDependOnTheEngine = noClasses()
            .that().resideInAPackage("dev.docstore.document..")
            .should().dependOnClassesThat().resideInAPackage("dev.docstore.engine..")
            .because("documents are the engine's values, usable without it");
}
