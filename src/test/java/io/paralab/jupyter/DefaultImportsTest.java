package io.paralab.jupyter;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class DefaultImportsTest {

    @Test
    void importsOnlyTheLibraryPackagesThatArePresent(@TempDir Path classes) throws IOException {
        Files.createDirectories(classes.resolve("io/paralab/threads"));
        Files.createDirectories(classes.resolve("io/paralab/bench"));
        try (URLClassLoader loader = new URLClassLoader(new URL[]{classes.toUri().toURL()}, null)) {
            assertEquals(List.of(
                    "import java.util.concurrent.*;",
                    "import io.paralab.threads.*;",
                    "import io.paralab.bench.*;",
                    "import io.paralab.jupyter.ProgressBar;",
                    "import io.paralab.jupyter.JsonView;"), DefaultImports.statements(loader));
        }
    }

    @Test
    void everyStatementCompilesInJShellWithThisClassPath() {
        List<String> statements = DefaultImports.statements(ParaLabExtension.class.getClassLoader());
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            for (String statement : statements) {
                List<SnippetEvent> events = shell.eval(statement);
                assertEquals(1, events.size(), statement);
                assertEquals(Snippet.Status.VALID, events.get(0).status(),
                        statement + ": " + shell.diagnostics(events.get(0).snippet()).map(d -> d.getMessage(null)).toList());
            }
            List<SnippetEvent> use = shell.eval("ProgressBar.MAX_UPDATES_PER_SECOND + ForkJoinPool.getCommonPoolParallelism()");
            assertEquals(Snippet.Status.VALID, use.get(0).status());
            assertFalse(use.get(0).value().isEmpty());
        }
    }

    @Test
    void anAbsentPackageWouldNotCompile() {
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            List<SnippetEvent> events = shell.eval("import io.paralab.nosuchpackage.*;");
            assertEquals(Snippet.Status.REJECTED, events.get(0).status(), "which is why absent packages are skipped");
        }
    }
}
