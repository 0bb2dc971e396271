package io.paralab.perf;

import io.paralab.bench.Stats;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as one Markdown table, ready for the README: workload, Java variant, Java median (min–max),
 * the Python variant and its median, the ratio Python / Java (above 1: Java is faster, or smaller), the target
 * and whether it is met (units: the peers record process memory in MiB and thread memory in KiB, as the
 * Java rows do); then where Python's figures come from and the core probes.
 *
 * <pre>{@code
 * System.out.println(ComparisonTable.markdown(rows, python, probes));
 * }</pre>
 */
final class ComparisonTable {

    private ComparisonTable() {
    }

    static String markdown(List<Row> rows, PeerFigures python, Map<String, Object> javaProbes) {
        StringBuilder out = new StringBuilder();
        out.append("| # | Java | Java median (min–max) | Python | Python median | Python / Java | target | met? |\n");
        out.append("|---|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            Stats java = row.java();
            double py = python.median(row.pythonWorkload(), row.pythonVariant());
            Boolean met = row.target().met(java.median(), py);
            out.append("| ").append(row.workload())
                    .append(" | ").append(row.variant())
                    .append(" | ").append(row.unit().format(java.median())).append(" (")
                    .append(row.unit().format(java.min())).append("–").append(row.unit().format(java.max())).append(")")
                    .append(" | ").append(row.pythonVariant() == null ? "" : "`" + row.pythonVariant() + "`")
                    .append(" | ").append(Double.isNaN(py) ? "–" : row.unit().format(py))
                    .append(" | ").append(row.comparable(py) ? String.format(Locale.ROOT, "%.2f", py / java.median()) : "")
                    .append(" | ").append(row.target().text())
                    .append(" | ").append(met == null ? "" : met ? "yes" : "**no**")
                    .append(" |\n");
        }
        out.append("\nPython: ").append(python.source()).append('\n');
        if (!python.probes().isEmpty()) {
            out.append("Python core probe before/after, by workload: ").append(python.probes()).append('\n');
        }
        out.append("Java core probe before/after, by workload (2.0 = two full cores, 1.0 = one core's worth): ")
                .append(javaProbes).append('\n');
        return out.toString();
    }
}
