package io.paralab.kernel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cell evaluation in JShell: snippets, values, error formats, the exit guard and the class loader contract. */
class CellEvaluatorTest {

    private static CellEvaluator evaluator;

    @BeforeAll
    static void startJShell() {
        evaluator = new CellEvaluator(ClassLoader.getSystemClassLoader());
    }

    @AfterAll
    static void stopJShell() {
        evaluator.close();
    }

    @Test
    void returnsTheValueOfTheLastExpressionAsAnObject() {
        Object value = evaluator.evaluate("int a = 20;\nint b = 22;\njava.util.List.of(a, b)", 1);
        assertEquals(java.util.List.of(20, 22), value);
    }

    @Test
    void declarationsAndStatementsGiveNoValue() {
        assertNull(evaluator.evaluate("int declared = 3;", 2));
        assertNull(evaluator.evaluate("declared++;\nSystem.out.print(\"\");", 3));
        assertEquals(4, evaluator.evaluate("declared", 4));
    }

    @Test
    void compileErrorNamesTheCellLineAndMarksTheCode() {
        CellFailure failure = assertThrows(CellFailure.class,
                () -> evaluator.evaluate("int ok = 1;\n\nint bad = \"text\";", 5));
        assertEquals("CompilationException", failure.name());
        assertTrue(failure.getMessage().startsWith("cell line 3: incompatible types"), failure.getMessage());
        assertEquals("    int bad = \"text\";", failure.traceback().get(1));
        assertTrue(failure.traceback().get(2).contains("^"), failure.traceback().toString());
    }

    @Test
    void exceptionTraceStopsAtTheCellAndNamesCellLines() {
        CellFailure failure = assertThrows(CellFailure.class,
                () -> evaluator.evaluate("int divide(int x) {\n    return 10 / x;\n}\n\ndivide(0)", 6));
        assertEquals("java.lang.ArithmeticException", failure.name());
        assertEquals("/ by zero", failure.getMessage());
        assertEquals(java.util.List.of("java.lang.ArithmeticException: / by zero",
                "\tat divide(cell [6] line 2)", "\tat cell [6] line 5"), failure.traceback());
    }

    @Test
    void systemExitAndHaltEndTheCellWithAClearError() {
        for (String call : new String[]{"System.exit(3)", "Runtime.getRuntime().exit(4)", "Runtime.getRuntime().halt(5)"}) {
            CellFailure failure = assertThrows(CellFailure.class, () -> evaluator.evaluate(call, 7));
            assertEquals(CellExitError.class.getName(), failure.name());
            assertTrue(failure.getMessage().contains("the kernel does not exit"), failure.getMessage());
        }
    }

    @Test
    void cellClassBytesAreServedAsResources() throws Exception {
        String binaryName = (String) evaluator.evaluate("record Point(int x, int y) {}\nPoint.class.getName()", 8);
        assertTrue(binaryName.startsWith("REPL.$JShell$"), binaryName);
        try (InputStream in = evaluator.loader().getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            assertNotNull(in);
            byte[] header = Arrays.copyOf(in.readAllBytes(), 4);
            assertArrayEquals(new byte[]{(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE}, header);
        }
    }

    @Test
    void servedBytesAreAsCompiledSoOtherJvmsRunTheCodeAsWritten() throws Exception {
        String binaryName = (String) evaluator.evaluate(
                "class Quitter { static void quit() { System.exit(2); } }\nQuitter.class.getName()", 9);
        try (InputStream in = evaluator.loader().getResourceAsStream(binaryName.replace('.', '/') + ".class")) {
            String constants = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            assertTrue(constants.contains("java/lang/System"), "the exit call is served as written");
            assertFalse(constants.contains(ExitGuard.class.getName().replace('.', '/')), "served bytes are rewritten");
            assertFalse(constants.contains(CellStop.class.getName().replace('.', '/')), "served bytes are rewritten");
        }
    }

    @Test
    void addedClasspathEntriesAreUrlsOfTheCellLoader() throws Exception {
        Path folder = Files.createTempDirectory("paralab-cp");
        try {
            evaluator.addToClasspath(folder.toString());
            assertTrue(Arrays.asList(evaluator.loader().getURLs()).contains(folder.toUri().toURL()));
        } finally {
            Files.delete(folder);
        }
    }
}
