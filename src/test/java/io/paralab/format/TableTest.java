package io.paralab.format;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableTest {

    private final Table table = new Table("Threads <of> JVM",
            List.of(Table.Column.numeric("id"), Table.Column.text("name & role")),
            List.of(List.of("1", "main"), List.of("23", "<script>alert('x')</script>")),
            List.of("note with \"quotes\""));

    @Test
    void htmlEscapesEveryPieceOfText() {
        String html = table.toHtml();
        assertTrue(html.contains("<caption style=\"text-align:left\">Threads &lt;of&gt; JVM</caption>"), html);
        assertTrue(html.contains(">name &amp; role</th>"), html);
        assertTrue(html.contains(">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</td>"), html);
        assertTrue(html.contains("<p><small>note with &quot;quotes&quot;</small></p>"), html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void htmlAlignsNumericColumnsRight() {
        String html = table.toHtml();
        assertTrue(html.contains("<th style=\"text-align:right\">id</th><th style=\"text-align:left\">name &amp; role</th>"), html);
        assertTrue(html.contains("<tr><td style=\"text-align:right\">23</td><td style=\"text-align:left\">"), html);
    }

    @Test
    void textAlignsColumns() {
        assertEquals("""
                Threads <of> JVM
                id  name & role
                -------------------------------
                 1  main
                23  <script>alert('x')</script>
                note with "quotes\"""", table.toText());
    }

    @Test
    void rejectsARowWithTheWrongNumberOfCells() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Table("t",
                List.of(Table.Column.text("a"), Table.Column.text("b")), List.of(List.of("only one")), List.of()));
        assertEquals("row 0 has 1 cells but the table has 2 columns", e.getMessage());
    }

    @Test
    void labelThenFiguresIsOneTextColumnThenNumericOnes() {
        assertEquals(List.of(new Table.Column("variant", Table.Column.Kind.TEXT),
                        new Table.Column("median", Table.Column.Kind.NUMERIC),
                        new Table.Column("spread", Table.Column.Kind.NUMERIC)),
                Table.Column.labelThenFigures("variant", "median", "spread"));
    }
}
