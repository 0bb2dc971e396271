package io.paralab.perf;

import io.paralab.bench.Stats;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The comparison as one Markdown table, ready for the README: workload, Java variant, Java median (min–max),
 * the Python variant and its median, the ratio Python / Java (above 1: Java is faster, or smaller), the
 * target, whether it is met, and the effective cores probed around the workload on each side; then where
 * Python's figures come from. Units: the peers record process memory in MiB and thread memory in KiB, as the
 * Java rows do.
 *
 * <pre>{@code
 * System.out.println(ComparisonTable.markdown(rows, python, probes));
 * }</pre>
 */
final class ComparisonTable {

    private ComparisonTable() {
    }

    static String markdown(List<Row> rows, PeerFigures python, Map<String, List<Double>> javaProbes) {
        StringBuilder out = new StringBuilder();
        out.append("| # | Java | Java median (min–max) | Python | Python median | Python / Java | target | met? | cores Java; Python |\n");
        out.append("|---|---|---|---|---|---|---|---|---|\n");
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
                    .append(" | ").append(probe(javaProbes.get(row.workload()))).append("; ")
                    .append(probe(python.probes().get(row.pythonWorkload())))
                    .append(" |\n");
        }
        out.append("\nPython: ").append(python.source()).append('\n');
        out.append("Cores: the effective core count probed before–after the workload (2.0 = two full cores, "
                + "1.0 = the host gave one core's worth: speed-ups collapse).\n");
        return out.toString();
    }

    private static String probe(List<Double> beforeAfter) {
        return beforeAfter == null || beforeAfter.size() != 2 ? "–"
                : String.format(Locale.ROOT, "%.1f–%.1f", beforeAfter.get(0), beforeAfter.get(1));
    }
}
