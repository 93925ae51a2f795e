package dev.docstore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Keeps the engine and the documents free of JCache and JMX (brief, section 2), and the documents free of the engine,
 * so the JCache provider and the management layer can sit on top without the core knowing them.
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
    static final ArchRule documentsDoNotDependOnTheEngine = noClasses()
            .that().resideInAPackage("dev.docstore.document..")
            .should().dependOnClassesThat().resideInAPackage("dev.docstore.engine..")
            .because("documents are the engine's values, usable without it");
}
