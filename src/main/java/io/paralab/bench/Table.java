package io.paralab.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * A small table of text cells rendered as aligned plain text or as an HTML table with every cell
 * escaped. The first column is left-aligned, the others right-aligned (they hold figures).
 */
final class Table {

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + header.size()
                    + " columns");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Columns padded to their widest cell, a rule under the header. */
    String toText() {
        int[] widths = new int[header.size()];
        for (List<String> line : allLines()) {
            for (int c = 0; c < widths.length; c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder();
        appendTextLine(text, header, widths);
        for (int c = 0; c < widths.length; c++) {
            text.append(c == 0 ? "" : "  ").append("-".repeat(widths[c]));
        }
        text.append('\n');
        for (List<String> row : rows) {
            appendTextLine(text, row, widths);
        }
        return text.toString();
    }

    /** A {@code <table>} with a caption, a header row and escaped cells. */
    String toHtml(String caption) {
        StringBuilder html = new StringBuilder("<table class=\"paralab-bench\">\n");
        html.append("<caption>").append(Html.escape(caption)).append("</caption>\n<thead><tr>");
        for (int c = 0; c < header.size(); c++) {
            html.append("<th").append(align(c)).append('>').append(Html.escape(header.get(c))).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int c = 0; c < row.size(); c++) {
                html.append("<td").append(align(c)).append('>').append(Html.escape(row.get(c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        return html.append("</tbody>\n</table>\n").toString();
    }

    private List<List<String>> allLines() {
        List<List<String>> lines = new ArrayList<>(rows);
        lines.add(header);
        return lines;
    }

    private static void appendTextLine(StringBuilder text, List<String> cells, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            String cell = cells.get(c);
            String pad = " ".repeat(widths[c] - cell.length());
            text.append(c == 0 ? "" : "  ").append(c == 0 ? cell + pad : pad + cell);
        }
        text.append('\n');
    }

    private static String align(int column) {
        return column == 0 ? " style=\"text-align:left\"" : " style=\"text-align:right\"";
    }
}
