package dev.tributary.sim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Architecture rules, enforced rather than hoped for. */
class ArchitectureTest {

    private static final JavaClasses SIMULATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tributary.sim");

    @Test
    void simulatorNeverImportsUiToolkits() {
        noClasses().that().resideInAPackage("dev.tributary.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..", "org.jfree..")
                .check(SIMULATOR);
    }

    @Test
    void theEngineKnowsNothingOfTheModel() {
        noClasses().that().resideInAPackage("dev.tributary.sim.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tributary.sim.model..", "dev.tributary.sim.scenario..",
                        "dev.tributary.sim.theory..", "dev.tributary.sim.report..", "dev.tributary.sim.cli..")
                .check(SIMULATOR);
    }

    @Test
    void theoryIsPureAndNeedsNoEngine() {
        noClasses().that().resideInAPackage("dev.tributary.sim.theory..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.tributary.sim.engine..", "dev.tributary.sim.model..",
                        "dev.tributary.sim.report..", "dev.tributary.sim.cli..")
                .allowEmptyShould(true)
                .check(SIMULATOR);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("dev.tributary.sim.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(SIMULATOR);
    }
}
