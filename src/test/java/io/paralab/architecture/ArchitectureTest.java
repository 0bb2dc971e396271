package io.paralab.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package layout of ParaLab as rules the build checks: the library works in any Java program, the kernel and
 * the extension meet only through JJava's {@code Extension} SPI, the rooms form no cycle, and JShell stays in the
 * kernel. A violation fails with the rule's sentence and the offending dependencies.
 */
class ArchitectureTest {

    /** The library rooms: usable from any Java program. */
    private static final String[] LIBRARY = {
            "io.paralab.threads..", "io.paralab.process..", "io.paralab.shared..", "io.paralab.bench..",
            "io.paralab.web..", "io.paralab.cluster..", "io.paralab.format..", "io.paralab.lesson.."};

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.paralab");
    }

    @Test
    void libraryPackagesImportNeitherTheKernelNorTheExtension() {
        ArchRule rule = noClasses().that().resideInAnyPackage(LIBRARY)
                .should().dependOnClassesThat().resideInAnyPackage("io.paralab.kernel..", "io.paralab.jupyter..")
                .as("the library packages (threads, process, shared, bench, web, cluster, format, lesson) import neither "
                        + "the kernel nor the extension");
        rule.check(classes);
    }

    @Test
    void kernelDoesNotImportTheExtension() {
        noClasses().that().resideInAPackage("io.paralab.kernel..")
                .should().dependOnClassesThat().resideInAPackage("io.paralab.jupyter..")
                .as("the kernel finds the extension only through JJava's Extension SPI (ServiceLoader)")
                .check(classes);
    }

    @Test
    void extensionDoesNotImportTheKernel() {
        noClasses().that().resideInAPackage("io.paralab.jupyter..")
                .should().dependOnClassesThat().resideInAPackage("io.paralab.kernel..")
                .as("the extension uses only JJava's API, so it also runs in stock JJava")
                .check(classes);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching("io.paralab.(**)")
                .should().beFreeOfCycles()
                .as("no two ParaLab packages depend on each other, directly or through others")
                .check(classes);
    }

    @Test
    void onlyTheKernelUsesJShell() {
        noClasses().that().resideOutsideOfPackage("io.paralab.kernel..")
                .should().dependOnClassesThat().resideInAPackage("jdk.jshell..")
                .as("only the kernel uses JShell; the library and the extension run without it")
                .check(classes);
    }
}
