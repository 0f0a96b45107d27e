package canopy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering the README's "Project layout" table states, checked on the compiled classes so an
 * arrow that points up fails the build rather than a review:
 *
 * <pre>
 *   model ← engine ← io ← (render, compare, generate, layout) ← cli ← ui ← canopy.Main
 * </pre>
 *
 * (cli names ui only to open the designer and to time its canvas, designer and bench-ui.)
 *
 * A layer may use any layer below it, never one above or beside it; no two packages (sub-packages
 * included: ui and ui.panels are two) depend on each other, even through others; and everything
 * below the front ends runs without JavaFX, so the command line and the engine load no toolkit.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages("canopy");
    }

    @Test
    void layersDependOnlyDownward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("model").definedBy("canopy.model..")
                .layer("engine").definedBy("canopy.engine..")
                .layer("io").definedBy("canopy.io..")
                .layer("render").definedBy("canopy.render..")
                .layer("compare").definedBy("canopy.compare..")
                .layer("generate").definedBy("canopy.generate..")
                .layer("layout").definedBy("canopy.layout..")
                .layer("cli").definedBy("canopy.cli..")
                .layer("ui").definedBy("canopy.ui..")
                .layer("main").definedBy("canopy")
                .whereLayer("main").mayNotBeAccessedByAnyLayer()
                .whereLayer("cli").mayOnlyBeAccessedByLayers("main")
                // designer and bench-ui open windows: the command line may start the designer, never
                // the other way round
                .whereLayer("ui").mayOnlyBeAccessedByLayers("cli", "main")
                .whereLayer("render").mayOnlyBeAccessedByLayers("cli", "ui", "main")
                .whereLayer("compare").mayOnlyBeAccessedByLayers("cli", "ui", "main")
                .whereLayer("generate").mayOnlyBeAccessedByLayers("cli", "ui", "main")
                .whereLayer("layout").mayOnlyBeAccessedByLayers("cli", "ui", "main")
                .whereLayer("io").mayOnlyBeAccessedByLayers("render", "compare", "generate", "layout",
                        "cli", "ui", "main")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("io", "render", "compare", "generate", "layout",
                        "cli", "ui", "main")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("canopy.(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void everythingBelowTheFrontEndsIsFreeOfJavaFx() {
        noClasses().that().resideInAnyPackage("canopy.model..", "canopy.engine..", "canopy.io..",
                        "canopy.render..", "canopy.compare..", "canopy.generate..", "canopy.layout..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }
}
