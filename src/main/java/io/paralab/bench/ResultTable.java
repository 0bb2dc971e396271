package io.paralab.bench;

import io.paralab.format.TimeFormat;

import io.paralab.format.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table that compare and scaling results share: a label column, the timing statistics of each row, the
 * result's own figures, and a note with the run's parameters, how to read it, and the machine.
 */
final class ResultTable {

    private static final List<String> STATS_HEADERS = List.of("median", "mean", "std dev", "min", "max", "p95", "runs");

    private final List<Table.Column> columns;
    private final List<List<String>> rows = new ArrayList<>();

    /** Columns: {@code label}, the statistics, then {@code extraFigures}. */
    ResultTable(String label, String... extraFigures) {
        List<String> figures = new ArrayList<>(STATS_HEADERS);
        figures.addAll(List.of(extraFigures));
        this.columns = Table.Column.labelThenFigures(label, figures.toArray(String[]::new));
    }

    /** Adds a row: its label, its timing statistics formatted, then its own figures. */
    ResultTable row(String label, Stats s, String... extraFigures) {
        List<String> cells = new ArrayList<>(List.of(label, TimeFormat.format(s.median()), TimeFormat.format(s.mean()),
                TimeFormat.format(s.stdDev()), TimeFormat.format(s.min()), TimeFormat.format(s.max()),
                TimeFormat.format(s.p95()), String.valueOf(s.n())));
        cells.addAll(List.of(extraFigures));
        rows.add(cells);
        return this;
    }

    /** The table with its note: parameters, then {@code howToRead}, then when and where it was measured. */
    Table toTable(String title, Map<String, String> parameters, String howToRead, String measuredAt, Machine machine) {
        String params = parameters.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining("; "));
        String note = (params.isEmpty() ? "" : params + ". ") + howToRead + " Measured " + measuredAt + " on "
                + machine.summary() + ".";
        return new Table(title, columns, rows, List.of(note));
    }
}
