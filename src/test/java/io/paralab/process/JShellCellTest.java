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
 * them): a cell-defined record and lambda, a cell variable read by a lambda, a cell class coming back; a
 * variable changed in a later cell, or a list grown with {@code add}, is seen at its new value by a warm pool;
 * a variable holding a thread is named when it cannot travel.
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
            var warm = ProcessPool.of(2); int kk = 1;
            System.out.println("KK " + warm.map(x -> kk, List.of(1, 2, 3, 4)));
            kk = 2;
            System.out.println("KK " + warm.map(x -> kk, List.of(1, 2, 3, 4, 5, 6)));
            var names = new ArrayList<String>(List.of("a"));
            System.out.println("SIZE " + warm.map(x -> names.size(), List.of(1, 2)));
            names.add("b"); names.add("c");
            System.out.println("SIZE " + warm.map(x -> names.size(), List.of(1, 2)));
            Thread thread = new Thread();
            try { warm.map(x -> thread.getName(), List.of(1)); } catch (IllegalArgumentException e) { System.out.println("REFUSED " + e.getMessage()); }
            warm.close();
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
        String classes = Path.of(ProcessPool.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + java.io.File.pathSeparator    // the pool reads cell class files with ASM, which paralab.jar bundles
                + Path.of(org.objectweb.asm.ClassReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
        assertTrue(printed.contains("KK [1, 1, 1, 1]\nKK [2, 2, 2, 2, 2, 2]"), printed);
        assertTrue(printed.contains("SIZE [1, 1]\nSIZE [3, 3]"), printed);
        assertTrue(printed.contains("REFUSED the task reads cell variable thread ("), printed);
    }
}
