package io.paralab.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A table of text cells with a caption and notes, formatted as HTML and as aligned plain text.
 * Numeric columns are right-aligned in both forms. All text is escaped in the HTML form. Immutable: the
 * lists are copied at construction, so a table is safe to share between threads.
 *
 * <pre>{@code
 * Table table = new Table("Threads",
 *         List.of(Table.Column.text("name"), Table.Column.numeric("cpu s")),
 *         List.of(List.of("main", "0.52")),
 *         List.of("virtual threads are not listed"));
 * String html = table.toHtml();
 * }</pre>
 *
 * @param caption what the table shows
 * @param columns the column headers, left to right
 * @param rows    the cells, one list per row, as many cells as columns
 * @param notes   sentences shown under the table
 */
public record Table(String caption, List<Column> columns, List<List<String>> rows, List<String> notes) {

    /**
     * Checks that every row has one cell per column and copies the lists.
     *
     * @throws IllegalArgumentException naming the row, when a row has more or fewer cells than there are columns
     * @throws NullPointerException     when a list, a cell or the caption is null
     */
    public Table {
        Objects.requireNonNull(caption, "caption");
        columns = List.copyOf(columns);
        List<List<String>> copied = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + i + " has " + row.size() + " cells but the table has "
                        + columns.size() + " columns");
            }
            copied.add(List.copyOf(row));
        }
        rows = List.copyOf(copied);
        notes = List.copyOf(notes);
    }

    /**
     * A column header and what its cells hold.
     *
     * <pre>{@code
     * List<Table.Column> columns = List.of(Table.Column.text("name"), Table.Column.numeric("cpu s"));
     * }</pre>
     *
     * @param header the header text
     * @param kind   text (left-aligned) or numbers (right-aligned)
     */
    public record Column(String header, Kind kind) {

        /**
         * What a column's cells hold, which decides their alignment.
         *
         * <pre>{@code
         * new Table.Column("cpu s", Table.Column.Kind.NUMERIC);   // as Table.Column.numeric("cpu s")
         * }</pre>
         */
        public enum Kind {
            /** Text, left-aligned. */
            TEXT,
            /** Numbers, right-aligned so their digits line up. */
            NUMERIC
        }

        /**
         * Checks that neither part is null.
         *
         * @throws NullPointerException when {@code header} or {@code kind} is null
         */
        public Column {
            Objects.requireNonNull(header, "header");
            Objects.requireNonNull(kind, "kind");
        }

        /**
         * A left-aligned column.
         *
         * @param header the header text
         * @return a {@link Kind#TEXT} column
         */
        public static Column text(String header) {
            return new Column(header, Kind.TEXT);
        }

        /**
         * A right-aligned column of numbers.
         *
         * @param header the header text
         * @return a {@link Kind#NUMERIC} column
         */
        public static Column numeric(String header) {
            return new Column(header, Kind.NUMERIC);
        }

        /**
         * A text column named {@code first}, then a numeric column for each of {@code figures}: the shape of a
         * results table, one row per variant.
         *
         * @param first   the header of the label column
         * @param figures the headers of the numeric columns, left to right
         * @return the columns, {@code 1 + figures.length} of them
         */
        public static List<Column> labelThenFigures(String first, String... figures) {
            List<Column> columns = new ArrayList<>(1 + figures.length);
            columns.add(text(first));
            for (String figure : figures) {
                columns.add(numeric(figure));
            }
            return columns;
        }

        boolean rightAligned() {
            return kind == Kind.NUMERIC;
        }
    }

    /**
     * The table as HTML.
     *
     * @return a {@code <table>} with the caption, a header row and the rows, followed by one paragraph per note
     */
    public String toHtml() {
        StringBuilder html = new StringBuilder();
        html.append("<table class=\"paralab-table\">\n<caption style=\"text-align:left\">")
                .append(Html.escape(caption)).append("</caption>\n<thead><tr>");
        for (Column column : columns) {
            html.append(column.rightAligned() ? "<th style=\"text-align:right\">" : "<th style=\"text-align:left\">")
                    .append(Html.escape(column.header())).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            html.append("<tr>");
            for (int c = 0; c < columns.size(); c++) {
                html.append(columns.get(c).rightAligned()
                                ? "<td style=\"text-align:right\">" : "<td style=\"text-align:left\">")
                        .append(Html.escape(row.get(c))).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>");
        for (String note : notes) {
            html.append("\n<p><small>").append(Html.escape(note)).append("</small></p>");
        }
        return html.toString();
    }

    /**
     * The table as aligned plain text.
     *
     * @return the caption, the header, a rule, the rows, then the notes, one per line; no trailing white space
     */
    public String toText() {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).header().length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        StringBuilder text = new StringBuilder(caption).append('\n');
        appendLine(text, columns.stream().map(Column::header).toList(), widths);
        int ruleLength = 0;
        for (int width : widths) {
            ruleLength += width;
        }
        ruleLength += 2 * Math.max(0, widths.length - 1);
        text.append("-".repeat(ruleLength)).append('\n');
        for (List<String> row : rows) {
            appendLine(text, row, widths);
        }
        for (String note : notes) {
            text.append(note).append('\n');
        }
        return text.toString().stripTrailing();
    }

    private void appendLine(StringBuilder text, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            String cell = cells.get(c);
            String padding = " ".repeat(widths[c] - cell.length());
            line.append(columns.get(c).rightAligned() ? padding + cell : cell + padding);
        }
        text.append(line.toString().stripTrailing()).append('\n');
    }
}
