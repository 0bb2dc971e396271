package io.paralab.bench;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PythonOriginalTest {

    private static Set<Path> scratchDirs() throws Exception {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("paralab-python-")).collect(Collectors.toSet());
        }
    }

    @Test
    void aScriptsTimingsAndResultsComeBackAsMeasurements() throws Exception {
        assumeTrue(PythonOriginal.findPython().isPresent(), "no Python on this machine");
        Set<Path> before = scratchDirs();
        String source = """
                import sys
                from paralab_timing import measure, record
                n = int(sys.argv[1])
                print("hello from the script")
                measure("sum", lambda: sum(range(n)), runs=3)
                for w in (1, 2):
                    record(f"workers({w})", [0.2 / w, 0.21 / w], result=w)
                """;
        PythonRun run = PythonOriginal.inline("sums", source).args(1000).run();
        assertTrue(run.ran(), run.toString());
        assertEquals(List.of("sum", "workers(1)", "workers(2)"), run.names());
        assertEquals(3, run.measurement("sum").samplesNanos().size());
        assertEquals("Python sum", run.measurement("sum").name());
        assertEquals(499_500L, run.result("sum"));
        assertTrue(run.output().contains("hello from the script"));
        ScalingResult scaling = run.scaling("workers", "Python workers");
        assertEquals(2.0, scaling.speedup(2), 1e-6);
        assertEquals(ScalingResult.WORKERS, scaling.varied());
        ScalingResult byPermits = run.scaling("workers", "Python semaphore", "permits");
        assertEquals("permits", byPermits.varied());
        assertTrue(byPermits.toString().contains("permits"), byPermits.toString());
        assertTrue(run.toString().startsWith("Python 3."), run.toString());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> run.measurement("nope"));
        assertTrue(missing.getMessage().contains("it recorded: sum, workers(1), workers(2)"), missing.getMessage());
        assertEquals(before, scratchDirs(), "the script's folder must be removed");
    }

    @Test
    void aMissingModuleSkipsWithOneLineAndAFailingScriptIsAnError() throws Exception {
        assumeTrue(PythonOriginal.findPython().isPresent(), "no Python on this machine");
        PythonRun skipped = PythonOriginal.inline("x", "import no_such_module_here").requires("no_such_module_here").run();
        assertFalse(skipped.ran());
        assertTrue(skipped.toString().startsWith("Python original 'x' skipped: module no_such_module_here is missing"),
                skipped.toString());
        assertFalse(skipped.toString().contains("\n"));
        assertThrows(IllegalStateException.class, () -> skipped.measurement("anything"));

        IllegalStateException failed = assertThrows(IllegalStateException.class,
                () -> PythonOriginal.inline("boom", "raise SystemExit('the script says no')").run());
        assertTrue(failed.getMessage().contains("the script says no"), failed.getMessage());
        IllegalStateException silent = assertThrows(IllegalStateException.class,
                () -> PythonOriginal.inline("quiet", "print('no timing')").run());
        assertTrue(silent.getMessage().contains("recorded no timing"), silent.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PythonOriginal.inline("bad name!", ""));
        assertThrows(IllegalArgumentException.class, () -> PythonOriginal.inline("x", "").requires("os; rm").run());
    }

    @Test
    void theCpuProbeFindsAtMostAboutTheCoresThereAre() {
        CpuProbe probe = CpuProbe.measure();
        assertEquals(Runtime.getRuntime().availableProcessors(), probe.cores());
        assertTrue(probe.freeCores() > 0 && probe.freeCores() <= probe.cores() * 1.5, probe.toString());
        assertTrue(probe.toString().contains(" of " + probe.cores() + " cores free right now"), probe.toString());
    }
}
