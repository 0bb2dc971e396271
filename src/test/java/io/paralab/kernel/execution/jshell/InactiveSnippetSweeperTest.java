package io.paralab.kernel.execution.jshell;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sweeping a JShell of its own (the tests run with the kernel's {@code --add-opens jdk.jshell/jdk.jshell}): the records
 * of replaced snippets and dead classes go, and what JShell does next still works.
 */
class InactiveSnippetSweeperTest {

    private JShell shell;
    private SnippetWrapTrimmer wraps;
    private InactiveSnippetSweeper sweeper;

    @BeforeEach
    void startJShell() {
        shell = JShell.builder().executionEngine("local").build();
        wraps = SnippetWrapTrimmer.of(shell);
        sweeper = InactiveSnippetSweeper.of(shell);
    }

    @AfterEach
    void stopJShell() {
        shell.close();
    }

    @Test
    void replacedDeclarationsAreReleasedAndTheirClassSourcesAndFilesGo() throws Exception {
        assertEquals(InactiveSnippetSweeper.State.SWEEPING, sweeper.state());
        for (int i = 0; i < 30; i++) {
            eval("int a" + i + " = " + i + " * 3;");
            eval("Object value = a" + i + " + 1;");       // replaces the previous value: as the kernel's value cells
        }
        int classSources = classSources().size();
        int classFiles = classFiles().size();
        sweep();
        assertEquals(31, shell.snippets().count());                           // 30 a's and the last value
        assertTrue(shell.snippets().allMatch(s -> shell.status(s).isActive()));
        assertEquals(0, sweeper.unreleased());
        assertTrue(classSources().size() <= classSources - 29, classSources + " -> " + classSources().size());
        assertTrue(classFiles().size() <= classFiles - 29, classFiles + " -> " + classFiles().size());
        assertEquals("88", shell.varValue(variable("value")));
        assertEquals(0, sweep());                                              // nothing left to release
    }

    @Test
    void aNameDeclaredAgainAfterSweepingGetsTheNewValueEvenWhenItsCodeRepeats() {
        for (String initializer : List.of("1", "2", "2", "1", "\"one\"", "1")) {
            eval("Object value = " + initializer + ";");
            sweep();
            assertEquals(initializer, shell.varValue(variable("value")));
        }
        eval("int base = 10;");
        for (int i = 0; i < 5; i++) {
            eval("base = base + 1;");
            eval("Object value = base * 2;");
            sweep();
            assertEquals(String.valueOf((11 + i) * 2), shell.varValue(variable("value")));
        }
    }

    @Test
    void aLambdaOfADroppedSnippetStillThrowsWithItsLine() {
        eval("java.util.List<Runnable> tasks = new java.util.ArrayList<>();");
        eval("boolean added = tasks.add(() -> {\n    int x = 1;\n    throw new IllegalStateException(\"late \" + x);\n});");
        VarSnippet added = variable("added");
        shell.drop(added);
        for (int i = 0; i < 3; i++) {
            eval("Object value = " + i + ";");
        }
        assertEquals(3, sweep());                                              // added and two values
        SnippetEvent run = shell.eval("tasks.get(0).run();").getFirst();
        StackTraceElement top = run.exception().getStackTrace()[0];
        assertEquals("#" + added.id(), top.getFileName(), List.of(run.exception().getStackTrace()).toString());
        assertEquals(3, top.getLineNumber());                                  // line 3 of the dropped snippet
    }

    @Test
    void dependentsAndRedeclaredTypesWorkAfterSweeping() {
        eval("int width = 4;");
        eval("String describe() { return \"width \" + width; }");
        eval("class Point { int x = 1; }");
        eval("Point p = new Point();");
        sweep();
        eval("long width = 5;");
        eval("class Point { int x = 2; int y = 3; }");
        sweep();
        assertEquals("\"width 5\"", shell.eval("describe()").getFirst().value());
        assertEquals("5", shell.eval("new Point().x + new Point().y").getFirst().value());
        eval("String describe() { return \"w=\" + width; }");
        sweep();
        assertEquals("\"w=5\"", shell.eval("describe()").getFirst().value());
        assertTrue(shell.snippets().allMatch(s -> shell.status(s).isActive() || s.kind() == Snippet.Kind.EXPRESSION
                || s.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND));
    }

    @Test
    void linesOfKeepsWhatJShellCountsAsLines() {
        assertEquals("", InactiveSnippetSweeper.linesOf("no line break"));
        assertEquals(".\n\n", InactiveSnippetSweeper.linesOf("int a;\nint b;\n"));
        assertEquals("\n\n", InactiveSnippetSweeper.linesOf("\nint b;\n"));     // a break at index 0 is not counted
        assertTrue(InactiveSnippetSweeper.linesOf("a\nb\n") == InactiveSnippetSweeper.linesOf("c\nd\n"));   // shared
    }

    private int sweep() {
        wraps.trimCompiled();
        return sweeper.sweep();
    }

    private Map<?, ?> classSources() throws ReflectiveOperationException {
        Object outerMap = field(JShell.class, "outerMap").get(shell);
        return (Map<?, ?>) field(outerMap.getClass().getSuperclass() == Object.class ? outerMap.getClass()
                : Class.forName("jdk.jshell.OuterWrapMap"), "classOuters").get(outerMap);
    }

    private Map<?, ?> classFiles() throws ReflectiveOperationException {
        Object taskFactory = field(JShell.class, "taskFactory").get(shell);
        Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
        return (Map<?, ?>) field(fileManager.getClass(), "classObjects").get(fileManager);
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field field = owner.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }

    private void eval(String source) {
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() == null && (!event.status().isDefined() || event.exception() != null)) {
                throw new AssertionError(source + ": " + event + " " + shell.diagnostics(event.snippet()).toList());
            }
        }
    }

    private VarSnippet variable(String name) {
        return shell.variables().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
    }
}
