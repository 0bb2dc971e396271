package io.paralab.kernel.execution.jshell;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Trimming JShell's class sources in a JShell of its own (the tests run with the kernel's
 * {@code --add-opens jdk.jshell/jdk.jshell}): the text goes, what JShell reads later still works.
 */
class SnippetWrapTrimmerTest {

    private JShell shell;
    private SnippetWrapTrimmer wraps;

    @BeforeEach
    void startJShell() {
        shell = JShell.builder().executionEngine("local").build();
        wraps = SnippetWrapTrimmer.of(shell);
    }

    @AfterEach
    void stopJShell() {
        shell.close();
    }

    @Test
    void oldClassSourcesLoseTheImportsOfEarlierDeclarations() {
        assertEquals(SnippetWrapTrimmer.State.TRIMMING, wraps.state());
        for (int i = 0; i < 60; i++) {
            eval("int a" + i + " = " + i + " * 3;");
            eval("Object value = a" + i + " + 1;");
        }
        VarSnippet early = variable("a5");
        String before = shell.sourceCodeAnalysis().wrapper(early).wrapped();
        assertTrue(before.contains("import static REPL.$JShell$"), before);   // a1..a4 were in effect for a5

        assertTrue(wraps.untrimmed() >= 100, "class sources to trim: " + wraps.untrimmed());
        assertTrue(wraps.trimCompiled() >= 100);
        assertEquals(0, wraps.untrimmed());
        assertEquals(0, wraps.trimCompiled());                                   // nothing left to do

        String after = shell.sourceCodeAnalysis().wrapper(early).wrapped();
        assertFalse(after.contains("import"), after);
        assertTrue(after.startsWith("package REPL;\n\nclass $JShell$"), after);
        assertTrue(after.contains("public static int a5;"), after);
        assertEquals(before.lines().count(), after.lines().count());
        assertEquals("15", shell.varValue(early));                              // its class is still found by name
    }

    @Test
    void aStackTraceThroughAnOldSnippetKeepsItsLine() {
        eval("int fails(int n) {\n    int doubled = n * 2;\n    if (n > 0) throw new IllegalStateException(\"at \" + n);\n    return doubled;\n}");
        for (int i = 0; i < 20; i++) {
            eval("int b" + i + " = " + i + ";");
        }
        wraps.trimCompiled();
        SnippetEvent call = shell.eval("fails(b3)").getFirst();
        StackTraceElement top = call.exception().getStackTrace()[0];
        assertEquals("fails", top.getMethodName());
        assertEquals(3, top.getLineNumber());                                   // line 3 of the method's snippet
    }

    @Test
    void dependentsOfAChangedDeclarationAreCompiledAgainAfterTrimming() {
        eval("int width = 4;");
        eval("String describe() { return \"width \" + width; }");
        for (int i = 0; i < 10; i++) {
            eval("int c" + i + " = " + i + ";");
        }
        wraps.trimCompiled();
        List<SnippetEvent> changed = shell.eval("String width = \"wide\";");
        assertTrue(changed.stream().anyMatch(e -> e.causeSnippet() != null
                && e.snippet().kind() == Snippet.Kind.METHOD && e.status() == Snippet.Status.VALID), changed.toString());
        assertEquals("\"width wide\"", shell.eval("describe()").getFirst().value());
        assertTrue(wraps.trimCompiled() >= 2);                                  // the new sources are trimmed too
        assertEquals(0, wraps.untrimmed());
    }

    @Test
    void headersKeepTheirLineBreaksAndFirstAndLastLine() {
        String header = "package REPL;\nimport static REPL.$JShell$3.a;   import static REPL.$JShell$4.b;   \n"
                + "class $JShell$5 {\n";
        assertEquals("package REPL;\n\nclass $JShell$5 {\n", SnippetWrapTrimmer.withoutImports(header));
        String multiLine = "package REPL;\nimport java.util.*;\nimport java.io.*;\nclass $JShell$6 {\n";
        assertEquals("package REPL;\n\n\nclass $JShell$6 {\n", SnippetWrapTrimmer.withoutImports(multiLine));
        String trimmed = "package REPL;\n\nclass $JShell$5 {\n";
        assertEquals(trimmed, SnippetWrapTrimmer.withoutImports(trimmed));
        assertTrue(SnippetWrapTrimmer.isTrimmed(trimmed));
        assertFalse(SnippetWrapTrimmer.isTrimmed(header));
        assertFalse(SnippetWrapTrimmer.isTrimmed(multiLine));
    }

    private void eval(String source) {
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() == null && !event.status().isDefined()) {
                throw new AssertionError(source + ": " + event + " " + shell.diagnostics(event.snippet()).toList());
            }
        }
    }

    private VarSnippet variable(String name) {
        return shell.variables().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
