package io.paralab.kernel.execution.jshell;

import io.paralab.process.JavaChild;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Cutting the imports of JShell's snippet classes to what each snippet names, in a JShell of its own (the tests run
 * with the kernel's {@code --add-opens jdk.jshell/jdk.jshell}): the classes import less, and what cells mean is the
 * same — dependents compiled again, generated types, overloads, escapes, completion.
 */
class SnippetImportsTest {

    private JShell shell;
    private SnippetImports imports;

    @BeforeEach
    void startJShell() {
        shell = JShell.builder().executionEngine("local").build();
        imports = SnippetImports.install(shell);
        assertEquals(SnippetImports.State.FILTERING, imports.state());
    }

    @AfterEach
    void stopJShell() {
        shell.close();
    }

    @Test
    void aSnippetsClassImportsOnlyTheDeclarationsItNames() {
        for (int i = 0; i < 40; i++) {
            filtered("int a" + i + " = " + i + ";");
        }
        Snippet total = filtered("int total = a3 + a7; // not a5").get(0).snippet();
        String wrapped = shell.sourceCodeAnalysis().wrapper(total).wrapped();
        assertTrue(wrapped.contains(".a3;") && wrapped.contains(".a7;") && wrapped.contains(".a5;"), wrapped);
        assertFalse(wrapped.contains(".a6;") || wrapped.contains(".a39;"), wrapped);
        assertEquals(3, wrapped.split("import static REPL\\.", -1).length - 1, wrapped);
        assertEquals("10", value("total"));

        Snippet unfiltered = shell.eval("int other = a1;").get(0).snippet();      // outside the scope: everything
        assertTrue(shell.sourceCodeAnalysis().wrapper(unfiltered).wrapped().contains(".a39;"));
    }

    @Test
    void aDependentCompiledAgainImportsWhatItsOwnCodeNames() {
        assertEquals(Snippet.Status.RECOVERABLE_DEFINED, filtered("int twice() { return base * 2; }").get(0).status());
        filtered("int base = 21;");
        assertEquals("42", value("twice()"));
        filtered("int base = 4;");                                  // replaces base: twice() is compiled again
        assertEquals("8", value("twice()"));
    }

    @Test
    void typesJShellWritesIntoGeneratedCodeAreImported() {
        filtered("record Point(int x, int y) {}");
        filtered("Point make() { return new Point(1, 2); }");
        List<SnippetEvent> events = filtered("var p = make();");      // JShell declares it as "Point p"
        assertEquals(Snippet.Status.VALID, events.get(0).status(), events.toString());
        assertEquals("3", value("p.x() + p.y()"));
    }

    @Test
    void overloadsDeclaredApartAreAllImported() {
        filtered("int f(int x) { return 1; }");
        filtered("int f(String s) { return 2; }");
        assertEquals("3", value("f(1) + f(\"a\")"));
    }

    @Test
    void namesWrittenWithUnicodeEscapesAreImported() {
        filtered("int \\u0061bc = 5;");
        filtered("int xyz = 2;");
        assertEquals("6", value("abc + 1"));
        assertEquals("6", value("\\u0078yz * 3"));
        assertEquals(Set.of("abc", "x", "int"), SnippetImports.identifiers("int \\u0061bc = x;"));
    }

    @Test
    void completionStillSeesEveryDeclaration() {
        for (int i = 0; i < 12; i++) {
            filtered("int a" + i + " = " + i + ";");
        }
        List<String> found = shell.sourceCodeAnalysis().completionSuggestions("a1", 2, new int[1]).stream()
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .toList();
        assertTrue(found.containsAll(List.of("a1", "a10", "a11")), found.toString());
    }

    @Test
    void withoutTheOpeningNothingIsCutAndCellsStillRun() throws Exception {
        try (JavaChild child = JavaChild.start(CellsWithoutOpening.class)) {     // its JVM does not open jdk.jshell
            assertEquals("DISABLED DISABLED 42", child.resultLine(60));
        }
    }

    /** Evaluates {@code source} inside the filter's scope and checks JShell accepted it. */
    private List<SnippetEvent> filtered(String source) {
        try (SnippetImports.Scope scope = imports.filtering()) {
            List<SnippetEvent> events = shell.eval(source);
            assertFalse(events.isEmpty(), source);
            assertTrue(events.get(0).status().isDefined(), source + ": " + events + " "
                    + shell.diagnostics(events.get(0).snippet()).map(d -> d.getMessage(null)).toList());
            return events;
        }
    }

    /** The value of an expression evaluated inside the filter's scope. */
    private String value(String expression) {
        SnippetEvent event = filtered(expression).get(0);
        assertEquals(null, event.exception(), expression);
        return event.value();
    }
}
