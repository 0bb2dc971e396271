package io.paralab.format;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HtmlTest {

    @Test
    void escapesTheFiveSpecialCharacters() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;t&#39;&gt;Tom &amp; Jerry&lt;/a&gt;",
                Html.escape("<a href=\"x\" title='t'>Tom & Jerry</a>"));
    }

    @Test
    void leavesOtherTextAlone() {
        assertEquals("pool-1-thread-3 └─ 50 % ünïcode", Html.escape("pool-1-thread-3 └─ 50 % ünïcode"));
    }

    @Test
    void escapesAlreadyEscapedTextAgain() {
        assertEquals("&amp;lt;", Html.escape("&lt;"));
    }

    @Test
    void nullIsEmpty() {
        assertEquals("", Html.escape(null));
    }
}
