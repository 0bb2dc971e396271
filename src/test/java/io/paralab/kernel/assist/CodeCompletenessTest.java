package io.paralab.kernel.assist;

import jdk.jshell.JShell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** is_complete classification. */
class CodeCompletenessTest {

    private static JShell shell;

    @BeforeAll
    static void start() {
        shell = JShell.create();
    }

    @AfterAll
    static void stop() {
        shell.close();
    }

    private static CodeCompleteness.Verdict check(String code) {
        return CodeCompleteness.check(code, shell.sourceCodeAnalysis());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 + 1", "int x = 1;", "int x = 1", "void f() {}", "", "// just a comment",
            "int a = 1;\nint b = 2;\na + b", "String s = \")\";"})
    void complete(String code) {
        assertEquals(CodeCompleteness.Verdict.COMPLETE, check(code));
    }

    @Test
    void openBlockAsksForAnIndentedLine() {
        assertEquals(new CodeCompleteness.Verdict("incomplete", "    "), check("for (int i = 0; i < 3; i++) {"));
        assertEquals(new CodeCompleteness.Verdict("incomplete", "        "), check("class A {\n    void f() {"));
    }

    @Test
    void unfinishedExpressionIsIncomplete() {
        assertEquals("incomplete", check("int y = (1 +").status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"int z = 1; }", ")", "foo(]", "int x = 1;\n}}"})
    void closerWithoutOpenerIsInvalid(String code) {
        assertEquals(CodeCompleteness.Verdict.INVALID, check(code));
    }

    @ParameterizedTest
    @ValueSource(strings = {"String s = \"abc;", "char c = 'ab';", "char e = '';", "int # = 1;", "String q = \"\\q\";",
            "int h = 0x;", "double d = 1e;", "int big = 99999999999;", "int x = 1;\nString s = \"open\nint y = 2;"})
    void lexicalErrorsAreInvalid(String code) {
        assertEquals(CodeCompleteness.Verdict.INVALID, check(code), code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/* a comment that goes on", "String t = \"\"\"\n    text block", "int y = (1 +"})
    void whatMoreTextCanFinishIsNotInvalid(String code) {
        assertEquals("incomplete", check(code).status(), code);
    }

    @Test
    void bracketsInStringsAndCommentsDoNotCount() {
        assertFalse(CodeCompleteness.hasUnmatchedCloser("String s = \"}\"; char c = ')'; // ]\n/* ) */"));
        assertTrue(CodeCompleteness.hasUnmatchedCloser("String s = \"{\"; }"));
    }
}
