package io.paralab.kernel.execution;

import io.paralab.kernel.execution.jshell.SessionUpkeep;
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
    void theCaretIsUnderTheSecondStatementOfALineAndTheMissingSymbolIsNamed() {
        CellFailure failure = assertThrows(CellFailure.class,
                () -> evaluator.evaluate("int first = 1; int second = missing + 1;", 6));
        assertEquals("cell line 1: cannot find symbol: variable missing", failure.getMessage());
        String line = failure.traceback().get(1);
        String caret = failure.traceback().get(2);
        assertEquals(line.indexOf("missing"), caret.indexOf('^'), line + "\n" + caret);
        assertEquals("^".repeat("missing".length()), caret.strip());
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
    void aMethodAfterBlankLinesOrAnotherStatementNamesTheLineOfItsFailure() {
        evaluator.evaluate("int a = 1;\nint tenth(int x) {\n    return 10 / x;\n}", 7);
        evaluator.evaluate("int b = 1;\n\n\nint third(int x) {\n    return 3 / x;\n}", 8);
        CellFailure tenth = assertThrows(CellFailure.class, () -> evaluator.evaluate("tenth(0)", 9));
        assertEquals("\tat tenth(cell [7] line 3)", tenth.traceback().get(1));
        CellFailure third = assertThrows(CellFailure.class, () -> evaluator.evaluate("\n\nthird(0)", 10));
        assertEquals(java.util.List.of("java.lang.ArithmeticException: / by zero", "\tat third(cell [8] line 5)",
                "\tat cell [10] line 3"), third.traceback());
    }

    @Test
    void overALongSessionValuesRedeclarationsAndCellLinesHoldWhileJShellLetsGoOfOldRecords() {
        evaluator.evaluate("int tenth(int x) {\n    return 10 / x;\n}", 40);
        evaluator.evaluate("java.util.List<Runnable> later = new java.util.ArrayList<>();", 39);
        evaluator.evaluate("Runnable task = () -> {\n    throw new IllegalStateException(\"later\");\n};\n"
                + "later.add(task)", 41);
        evaluator.evaluate("String task = \"replaced\";", 42);          // the lambda's class is of no snippet now
        for (int n = 1; n <= SessionUpkeep.SNIPPETS_PER_COMPILER_CONTEXT; n++) {      // two snippets a cell: renewals
            assertEquals(n * 3 + 1, evaluator.evaluate("int s" + n + " = " + n + " * 3;\ns" + n + " + 1", 100 + n));
        }
        assertEquals(3 + 600, evaluator.evaluate("s1 + s" + SessionUpkeep.SNIPPETS_PER_COMPILER_CONTEXT, 400));
        evaluator.evaluate("int s1 = 1000;", 401);                               // redeclared
        assertEquals(1000, evaluator.evaluate("s1", 402));
        CellFailure divided = assertThrows(CellFailure.class, () -> evaluator.evaluate("\ntenth(0)", 403));
        assertEquals(java.util.List.of("java.lang.ArithmeticException: / by zero",
                "\tat tenth(cell [40] line 2)", "\tat cell [403] line 2"), divided.traceback());
        CellFailure late = assertThrows(CellFailure.class, () -> evaluator.evaluate("later.get(0).run();", 404));
        // a frame of the replaced class still names a cell line (JShell maps it through the snippet that replaced
        // it, whose first compilation took the class name: so it did before the records were released)
        assertTrue(late.traceback().get(1).matches("\tat lambda\\$do_it\\$\\$0\\(cell \\[4[12]] line \\d\\)"),
                late.traceback().toString());
    }

    @Test
    void standaloneExpressionsGiveTheirValueAndLeaveNoVariableBehind() {
        evaluator.evaluate("int counter = 1;", 20);
        assertEquals(2, evaluator.evaluate("counter + 1", 21));
        assertEquals(7, evaluator.evaluate("counter = 7", 22));
        assertEquals(7, evaluator.evaluate("counter++;", 23));
        assertEquals(8, evaluator.evaluate("counter", 24));
        assertEquals('b', evaluator.evaluate("(char) ('a' + 1)", 25));
        assertEquals("x)", evaluator.evaluate("\"x)\"", 26));
        assertNull(evaluator.evaluate("null", 27));
        assertTrue(evaluator.variables().noneMatch(v -> v.name().startsWith("$")),
                () -> evaluator.variables().map(v -> v.name()).toList().toString());
    }

    @Test
    void theValueVariableHoldsNoObjectOnceItsCellEnded() {
        assertEquals(1_000_001, ((String) evaluator.evaluate("\"x\".repeat(1_000_000) + \"y\"", 28)).length());
        assertEquals(true, evaluator.evaluate("java.util.Objects.isNull($paralabValue)", 29));
    }

    @Test
    void aTooLongStringLiteralIsNamedAndNothingOfItsCellReachesJShell() {
        evaluator.evaluate("int beforeLiteral = 5;", 32);
        CellFailure failure = assertThrows(CellFailure.class, () -> evaluator.evaluate(
                "int inTheSameCell = 1;\nString text = \"" + "é".repeat(40_000) + "\";", 33));
        assertEquals("CompilationException", failure.name());
        assertTrue(failure.getMessage().startsWith("cell line 2: constant string too long: 80,000 bytes"),
                failure.getMessage());
        assertEquals(6, evaluator.evaluate("beforeLiteral + 1", 34));
        assertEquals(3, evaluator.evaluate("String text = \"abc\";\ntext.length()", 35));
    }

    @Test
    void aCellTooLargeToCompileIsRefusedBeforeAnySnippetRuns() {
        String code = "int ranFirst = 1;\n" + "ranFirst++;\n".repeat(60_000);
        CellFailure failure = assertThrows(CellFailure.class, () -> evaluator.evaluate(code, 36));
        assertEquals("CellTooLarge", failure.name());
        assertTrue(evaluator.variables().noneMatch(v -> v.name().equals("ranFirst")));
    }

    @Test
    void aStandaloneExpressionFailsAsAnyOtherSnippet() {
        CellFailure compile = assertThrows(CellFailure.class, () -> evaluator.evaluate("int k = 2;\nk + nowhere", 30));
        assertTrue(compile.getMessage().startsWith("cell line 2: cannot find symbol"), compile.getMessage());
        CellFailure thrown = assertThrows(CellFailure.class, () -> evaluator.evaluate("int zero = 0;\n\n10 / zero", 31));
        assertEquals("java.lang.ArithmeticException", thrown.name());
        assertTrue(String.join("\n", thrown.traceback()).contains("cell [31] line 3"), thrown.traceback().toString());
        assertTrue(evaluator.variables().noneMatch(v -> v.name().startsWith("$")),
                () -> evaluator.variables().map(v -> v.name()).toList().toString());
    }

    @Test
    void consecutiveImportsHoldTogetherAndRepeatingOneKeepsTheOthers() {
        assertNull(evaluator.evaluate("import java.util.zip.*;\nimport java.awt.geom.*;\nimport java.text.*;", 40));
        assertNull(evaluator.evaluate("import java.util.zip.*;", 41));
        assertNull(evaluator.evaluate("import java.awt.geom.*;\nimport java.util.zip.*;", 42));
        assertEquals(0L, evaluator.evaluate("new CRC32().getValue()", 43));
        assertEquals(1.0, evaluator.evaluate("new Point2D.Double(1, 2).getX()", 44));
        assertEquals("1", evaluator.evaluate("new DecimalFormat(\"0\").format(1)", 45));
    }

    @Test
    void theDefaultImportsSurviveTheirFirstImportWrittenAgainWithCommentsOrSpaces() {
        assertNull(evaluator.evaluate("// setup\nimport java.io.*;\nimport java.time.*; // dates\nimport java.util.*;", 46));
        assertNull(evaluator.evaluate("import java . io . * ;", 47));
        assertNull(evaluator.evaluate("/* again */ import java.io.*", 48));
        assertEquals("a", evaluator.evaluate("Path.of(\"a\").toString()", 49));
        assertEquals(1L, evaluator.evaluate("new AtomicLong(1).get()", 49));
        assertEquals(2000, evaluator.evaluate("Year.of(2000).getValue()", 49));
    }

    @Test
    void aBadImportAmongOthersNamesItsLineAndTheOnesBeforeItHold() {
        CellFailure failure = assertThrows(CellFailure.class,
                () -> evaluator.evaluate("import java.util.logging.*;\nimport no.such.pkg.*;\nimport java.time.*;", 50));
        assertTrue(failure.getMessage().startsWith("cell line 2: package no.such.pkg does not exist"), failure.getMessage());
        assertEquals("x", evaluator.evaluate("Logger.getLogger(\"x\").getName()", 51));
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
