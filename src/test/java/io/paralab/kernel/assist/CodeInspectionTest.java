package io.paralab.kernel.assist;

import jdk.jshell.JShell;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Contextual help with the JDK's Javadoc as text. */
class CodeInspectionTest {

    private static JShell shell;

    @BeforeAll
    static void start() {
        shell = JShell.create();
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    @Test
    void javadocTagsBecomeText() {
        assertEquals("Returns the int value of x.\n\nSee List.add and the size.",
                JavadocText.plain(" Returns the {@code int} value of {@code x}.<p>See {@link java.util.List#add List.add}"
                        + " and the {@linkplain #size size}."));
        String blocks = JavadocText.plain("Sum.\n @param a first\n @return a &lt; b");
        assertTrue(blocks.startsWith("Sum.") && blocks.contains("\n@param a first") && blocks.endsWith("\n@return a < b"),
                blocks);
    }

    @Test
    void severalOverloadsShowTheirSignaturesAndTheFirstOnesJavadoc() {
        assumeTrue(Files.isRegularFile(Path.of(System.getProperty("java.home"), "lib", "src.zip")),
                "the JDK ships no src.zip");
        DisplayData help = CodeInspection.inspect("Math.max", 8, CodeInspection.DetailLevel.SIGNATURES,
                shell.sourceCodeAnalysis(), Stream.empty());
        String text = (String) help.getData(MIMEType.TEXT_PLAIN);
        assertTrue(text.contains("int Math.max(int a, int b)") && text.contains("double Math.max(double a, double b)"), text);
        assertTrue(text.contains("Returns the greater of two int values."), text);
        assertTrue(!text.contains("{@code"), text);
    }
}
