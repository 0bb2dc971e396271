package io.paralab.kernel.execution;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which snippets may be compiled as the initializer of an {@code Object} variable. */
class StandaloneExpressionTest {

    @ParameterizedTest
    @ValueSource(strings = {"1 + 1", "1+1;", "a.b.c", "arr[i]", "x = 5", "i++", "-x", "(int) 3.5", "s + \"!\"",
            "\"text )\"", "'c'", "c ? 1 : 2", "1.5e-3 * 0x1Fp+2", "a < b", "x > 0", "String.class",
            "list.size() + 1", "this.x"})
    void recognizesExpressionsThatCannotBeVoid(String snippet) {
        assertTrue(StandaloneExpression.recognizes(snippet), snippet);
    }

    @ParameterizedTest
    @ValueSource(strings = {"list.size()", "System.out.println(1)", "new P(1, 2)", "int x = 1", "String s = \"a\"",
            "List<String> l = null", "int[] a", "Foo[] f = null", "var v = 3", "return 1", "assert x > 0",
            "x -> x", "String::length", "new Runnable() { public void run() {} }", "switch (x) { default -> 1; }",
            "1 + 1 // note", "\"\"\"\ntext\"\"\"", "x instanceof String s", "new int[2]", "import java.util.*;",
            "@Deprecated int y", "if (x) y++", "", ";", "\"open", "x", "counter;"})
    void leavesEverythingElseToJShell(String snippet) {
        assertFalse(StandaloneExpression.recognizes(snippet), snippet);
    }
}
