package dev.tributary.sim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

/** Architecture rules, enforced rather than hoped for. */
class ArchitectureTest {

    private static final String SIM = "dev.tributary.sim";
    private static final String KINDS = SIM + ".element.";

    private static final JavaClasses SIMULATOR = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(SIM);

    @Test
    void simulatorNeverImportsUiToolkits() {
        noClasses().that().resideInAPackage("dev.tributary.sim..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.awt..", "javax.swing..", "org.jfree..")
                .check(SIMULATOR);
    }

    @Test
    void noPackageCycles() {
        slices().matching("dev.tributary.sim.(**)").should().beFreeOfCycles().check(SIMULATOR);
    }

    /**
     * Bottom to top: the engine and plain values (failure specs among them) know nothing of the model;
     * theory knows no element; the element SPI knows no kind; kinds know no registry; the fault
     * timeline and the monitor know no kind; the registry and reader know no model; the model knows no
     * report; the sweep (points, replications on a pool) sits on the report; only the CLI is on top.
     */
    @Test
    void layersPointOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Foundation").definedBy(SIM + ".engine..", SIM + ".value..", SIM + ".distribution..",
                        SIM + ".metrics..", SIM + ".kafka..", SIM + ".observe..", SIM + ".format..", SIM + ".failure..")
                .layer("Theory").definedBy(SIM + ".theory..")
                .layer("Element").definedBy(SIM + ".element")
                .layer("Kinds").definedBy(SIM + ".element.(*)..")
                .layer("Timeline").definedBy(SIM + ".fault..", SIM + ".monitor..")
                .layer("Scenario").definedBy(SIM + ".scenario..")
                .layer("Model").definedBy(SIM + ".model..")
                .layer("Report").definedBy(SIM + ".report..")
                .layer("Sweep").definedBy(SIM + ".sweep..")
                .layer("Cli").definedBy(SIM + ".cli..")
                .whereLayer("Cli").mayNotBeAccessedByAnyLayer()
                .whereLayer("Sweep").mayOnlyBeAccessedByLayers("Cli")
                .whereLayer("Report").mayOnlyBeAccessedByLayers("Sweep", "Cli")
                .whereLayer("Model").mayOnlyBeAccessedByLayers("Report", "Sweep", "Cli")
                .whereLayer("Scenario").mayOnlyBeAccessedByLayers("Model", "Report", "Sweep", "Cli")
                .whereLayer("Kinds").mayOnlyBeAccessedByLayers("Kinds", "Scenario", "Model", "Report", "Sweep", "Cli")
                .whereLayer("Timeline").mayOnlyBeAccessedByLayers("Scenario", "Model", "Report", "Sweep", "Cli")
                .whereLayer("Element").mayOnlyBeAccessedByLayers("Kinds", "Timeline", "Scenario", "Model", "Report",
                        "Sweep", "Cli")
                .whereLayer("Theory").mayOnlyBeAccessedByLayers("Element", "Kinds", "Timeline", "Scenario", "Model", "Report",
                        "Sweep", "Cli")
                .check(SIMULATOR);
    }

    @Test
    void theEngineKnowsNothingOfTheModel() {
        noClasses().that().resideInAPackage(SIM + ".engine..")
                .should().dependOnClassesThat().resideOutsideOfPackages(SIM + ".engine..", "java..")
                .check(SIMULATOR);
    }

    @Test
    void onlyTheCliPrints() {
        noClasses().that().resideOutsideOfPackage(SIM + ".cli..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(SIMULATOR);
    }

    @Test
    void onlyTheCliUsesPicocli() {
        noClasses().that().resideOutsideOfPackage(SIM + ".cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(SIMULATOR);
    }

    /** A kind is known by its own folder only: nobody else asks "is this a queue?". */
    @Test
    void noTypeTestsOnElementKindsOutsideTheirFolder() {
        classes().should(testTypesOnlyOfTheirOwnKind()).check(SIMULATOR);
    }

    /** The condition shared with the app's architecture test. */
    static ArchCondition<JavaClass> testTypesOnlyOfTheirOwnKind() {
        return new ArchCondition<>("test types of element kinds only inside the kind's own folder") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String own = kindFolder(c.getPackageName());
                for (JavaCodeUnit u : c.getCodeUnits()) {
                    for (InstanceofCheck check : u.getInstanceofChecks()) {
                        String target = kindFolder(check.getRawType().getPackageName());
                        if (target != null && !target.equals(own)) {
                            events.add(SimpleConditionEvent.violated(check, c.getName() + " tests for "
                                    + check.getRawType().getName() + " in " + check.getSourceCodeLocation()));
                        }
                    }
                }
            }
        };
    }

    /** The kind folder a package lies in ({@code element.queue}), or null outside every kind folder. */
    static String kindFolder(String pkg) {
        if (!pkg.startsWith(KINDS)) {
            return null;
        }
        String rest = pkg.substring(KINDS.length());
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
