package io.paralab.kernel.magics;

import io.paralab.kernel.execution.CellFailure;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** %load's file lookup and notebook reading; %whos's table. */
class LoadAndWhosTest {

    @Test
    void loadFindsTheFileWithOrWithoutItsExtensionAndRunsNotebookCodeCellsInOrder(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("helpers.jsh"), "int helper = 1;");
        Files.writeString(dir.resolve("nb.ipynb"), """
                {"cells": [
                  {"cell_type": "markdown", "source": ["# title"]},
                  {"cell_type": "code", "source": ["int a = 1;\\n", "int b = a + 1;"]},
                  {"cell_type": "code", "source": "String c = \\"c\\";"}
                ], "nbformat": 4}""");
        List<String> ran = new ArrayList<>();
        LoadMagic load = new LoadMagic(code -> { ran.add(code); return null; });
        load.eval(null, List.of(dir.resolve("helpers").toString()));
        load.eval(null, List.of(dir.resolve("nb.ipynb").toString()));
        assertEquals(List.of("int helper = 1;", "int a = 1;\nint b = a + 1;", "String c = \"c\";"), ran);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> load.eval(null, List.of(dir + "/none")))
                .getMessage().contains("also tried .jsh, .jshell, .java, .jjava, .ipynb"));
    }

    @Test
    void aFailureInALoadedNotebookNamesTheFileAndCell(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("nb.ipynb"), """
                {"cells": [{"cell_type": "code", "source": "int a = 1;"}, {"cell_type": "code", "source": "a +"}]}""");
        LoadMagic load = new LoadMagic(code -> {
            if (code.equals("a +")) {
                throw new CellFailure("CompilationException", "bad", List.of("cell line 1: error: illegal start"));
            }
            return null;
        });
        String message = assertThrows(IllegalArgumentException.class,
                () -> load.eval(null, List.of(dir.resolve("nb.ipynb").toString()))).getMessage();
        assertTrue(message.contains("nb.ipynb (code cell 2): cell line 1: error: illegal start"), message);
    }

    @Test
    void whosListsNamesKindsTypesAndShortValues() {
        DisplayData table = WhosMagic.table(List.of(
                new WhosMagic.Entry("count", "variable", "int", "3"),
                new WhosMagic.Entry("text", "variable", "String", "\"" + "x".repeat(100) + "\""),
                new WhosMagic.Entry("twice", "method", "(int)int", ""),
                new WhosMagic.Entry("Point", "record", "Point", "")));
        String text = (String) table.getData(MIMEType.TEXT_PLAIN);
        String[] lines = text.split("\n");
        assertTrue(lines[0].startsWith("Name"), text);
        assertTrue(lines[2].matches("count\\s+variable\\s+int\\s+3"), lines[2]);
        assertTrue(lines[3].endsWith("…") && lines[3].length() < 120, lines[3]);
        assertTrue(lines[4].matches("twice\\s+method\\s+\\(int\\)int"), lines[4]);
        assertTrue(((String) table.getData(MIMEType.TEXT_HTML)).contains("<td>Point</td><td>record</td>"));
        assertEquals("Interactive namespace is empty.", WhosMagic.table(List.of()).getData(MIMEType.TEXT_PLAIN));
    }
}
