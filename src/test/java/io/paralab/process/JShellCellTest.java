package io.paralab.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The issue's example, run as real JShell cells ({@code jshell --execution local}, as the kernel runs
 * them): a cell-defined record and lambda, a cell variable read by a lambda, a cell class coming back.
 */
class JShellCellTest {

    private static final String CELLS = """
            import io.paralab.process.*;
            record Point(int x, int y) implements java.io.Serializable {}
            try (var pool = ProcessPool.of(2)) {
                List<Integer> r = pool.map(p -> p.x() * p.y(), List.of(new Point(2, 3), new Point(4, 5)));
                System.out.println("RESULT " + r);
            }
            int k = 3;
            try (var pool = ProcessPool.of(1)) {
                System.out.println("VARIABLE " + pool.map(x -> x * k, List.of(1, 2)));
            }
            try (var child = JvmProcess.start(() -> new Point(7, 8))) { System.out.println("CHILD " + child.result()); }
            /exit
            """;

    @TempDir
    Path dir;

    @Test
    void theIssuesExampleWorksInJShellCells() throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assumeTrue(Files.isExecutable(jshell), "this JDK has no jshell");
        Path script = Files.writeString(dir.resolve("cells.jsh"), CELLS);
        Path output = dir.resolve("out.txt");
        String classes = Path.of(ProcessPool.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        Process process = new ProcessBuilder(jshell.toString(), "--execution", "local", "--class-path", classes,
                script.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "jshell finished");
        } finally {
            process.destroyForcibly();
        }
        String printed = Files.readString(output);
        assertTrue(printed.contains("RESULT [6, 20]"), printed);
        assertTrue(printed.contains("VARIABLE [3, 6]"), printed);
        assertTrue(printed.contains("CHILD Point[x=7, y=8]"), printed);
    }
}
