package io.paralab.kernel.execution.jshell;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renewing the javac contexts of a JShell of its own (the tests run with the kernel's
 * {@code --add-opens jdk.jshell/jdk.jshell}): the pool is replaced when due, and everything declared before still
 * compiles, runs, completes and maps its stack traces.
 */
class CompilerContextsTest {

    private JShell shell;
    private CompilerContexts contexts;

    @BeforeEach
    void startJShell() {
        shell = JShell.builder().executionEngine("local").build();
        contexts = CompilerContexts.of(shell);
    }

    @AfterEach
    void stopJShell() {
        shell.close();
    }

    @Test
    void theContextsAreRenewedOnceEnoughSnippetsWereCompiled() throws Exception {
        assertEquals(CompilerContexts.State.RENEWING, contexts.state());
        eval("int a = 1;");
        Object pool = pool();
        for (int i = 1; i < CompilerContexts.SNIPPETS_PER_CONTEXT; i++) {
            contexts.compiled();
        }
        assertFalse(contexts.renewIfDue());
        assertSame(pool, pool());
        contexts.compiled();
        assertTrue(contexts.renewIfDue());
        assertNotSame(pool, pool());
        assertFalse(contexts.renewIfDue());                                    // the count starts again
    }

    @Test
    void whatWasDeclaredBeforeARenewalStillWorksAfterIt() {
        eval("int width = 4;");
        eval("String describe() { return \"width \" + width; }");
        eval("class Point { int x = 1; }");
        eval("int fails(int n) {\n    int doubled = n * 2;\n    if (n > 0) throw new IllegalStateException(\"at \" + n);\n    return doubled;\n}");
        contexts.renew();
        assertEquals("\"width 4\"", value("describe()"));
        assertEquals("1", value("new Point().x"));
        List<SnippetEvent> changed = shell.eval("String width = \"wide\";");       // dependents compiled again
        assertTrue(changed.stream().allMatch(e -> e.status().isDefined() || e.status() == Snippet.Status.OVERWRITTEN),
                changed.toString());
        contexts.renew();
        assertEquals("\"width wide\"", value("describe()"));
        StackTraceElement top = shell.eval("fails(3)").getFirst().exception().getStackTrace()[0];
        assertEquals(3, top.getLineNumber());
        List<SourceCodeAnalysis.Suggestion> suggestions = shell.sourceCodeAnalysis()
                .completionSuggestions("descr", 5, new int[1]);
        assertTrue(suggestions.stream().anyMatch(s -> s.continuation().startsWith("describe")), suggestions.toString());
    }

    private Object pool() throws ReflectiveOperationException {
        Field factory = JShell.class.getDeclaredField("taskFactory");
        factory.setAccessible(true);
        Object taskFactory = factory.get(shell);
        Field pool = taskFactory.getClass().getDeclaredField("javacTaskPool");
        pool.setAccessible(true);
        return pool.get(taskFactory);
    }

    private String value(String expression) {
        SnippetEvent event = shell.eval(expression).getFirst();
        assertTrue(event.status().isDefined() && event.exception() == null, event.toString());
        return event.value();
    }

    private void eval(String source) {
        for (SnippetEvent event : shell.eval(source)) {
            if (event.causeSnippet() == null && !event.status().isDefined()) {
                throw new AssertionError(source + ": " + event + " " + shell.diagnostics(event.snippet()).toList());
            }
        }
    }
}
