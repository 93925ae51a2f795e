package dev.docstore;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The boundaries inside docstore-core, and around it: the core is plain Java (its pom's enforcer rule keeps its
 * dependency list empty; this keeps its code off anything outside the JDK, JMX included), the documents know nothing of
 * the engine, and the engine nothing of its indexes, so each layer sits on the one below.
 */
@AnalyzeClasses(packages = "dev.docstore", importOptions = ImportOption.DoNotIncludeTests.class)
class CoreArchitectureTest {
    @ArchTest
    static final ArchRule theCoreUsesOnlyTheJdk = classes()
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.docstore.document..", "dev.docstore.engine..", "dev.docstore.index..",
                    "dev.docstore.eviction..")
            .because("docstore-core ships without dependencies; JCache, Jackson and Micrometer belong to docstore");

    @ArchTest
    static final ArchRule theCoreKnowsNoJmx = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("java.lang.management..", "javax.management..")
            .because("management is a layer of the docstore module, on top of the core");

    @ArchTest
    static final ArchRule theCoreHoldsOnlyItsOwnPackages = classes()
            .should().resideInAnyPackage("dev.docstore.document..", "dev.docstore.engine..", "dev.docstore.index..",
                    "dev.docstore.eviction..")
            .because("the JCache provider and what builds on it live in the docstore module");

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
