package dev.docstore.micrometer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** micrometer-core is an optional dependency: only this package may use it, or applications without it would fail. */
@AnalyzeClasses(packages = "dev.docstore", importOptions = ImportOption.DoNotIncludeTests.class)
class MicrometerStaysOptionalTest {
    @ArchTest
    static final ArchRule onlyTheMicrometerPackageUsesMicrometer = noClasses()
            .that().resideOutsideOfPackage("dev.docstore.micrometer..")
            .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
            .because("micrometer-core is optional: the rest of docstore must load without it");

    @ArchTest
    static final ArchRule nothingElseUsesTheMicrometerPackage = noClasses()
            .that().resideOutsideOfPackage("dev.docstore.micrometer..")
            .should().dependOnClassesThat().resideInAPackage("dev.docstore.micrometer..")
            .because("loading the binder loads Micrometer; only applications that have it may do so");
}
