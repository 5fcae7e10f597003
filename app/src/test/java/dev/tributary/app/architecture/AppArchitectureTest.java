package dev.tributary.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** MVVM kept by a test: view-models and the runner hold no nodes, so they are tested without a window. */
class AppArchitectureTest {

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tributary.app");

    @Test
    void viewModelsUseNoNodesOrCharts() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..", "org.jfree..")
                .check(APP);
    }

    @Test
    void theSimulationThreadSideKnowsNoJavaFx() {
        noClasses().that().resideInAPackage("dev.tributary.app.run..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree..")
                .check(APP);
    }

    @Test
    void chartDataIsPlainJava() {
        noClasses().that().haveSimpleName("SeriesBuffer").or().haveSimpleName("ChartModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree..")
                .check(APP);
    }
}
