package dev.tributary.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.InstanceofCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
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
    void theAppDoesNotPrint() {
        noClasses().should().accessField(System.class, "out").orShould().accessField(System.class, "err").check(APP);
    }

    /** The app draws shapes a kind declares; it never asks which kind an element is. */
    @Test
    void noTypeTestsOnElementKinds() {
        noClasses().should(new ArchCondition<JavaClass>("test for element kinds") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (JavaCodeUnit u : c.getCodeUnits()) {
                    for (InstanceofCheck check : u.getInstanceofChecks()) {
                        if (check.getRawType().getPackageName().startsWith("dev.tributary.sim.element.")) {
                            events.add(SimpleConditionEvent.satisfied(check, c.getName() + " tests for "
                                    + check.getRawType().getName()));
                        }
                    }
                }
            }
        }).check(APP);
    }

    @Test
    void chartDataIsPlainJava() {
        noClasses().that().haveSimpleName("SeriesBuffer").or().haveSimpleName("ChartModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.jfree..")
                .check(APP);
    }
}
