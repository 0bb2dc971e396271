package io.paralab.bench;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * What a notebook shows for a bench outcome: an HTML table or summary, a chart, and plain text
 * ({@link Object#toString()}) as the fallback. The notebook extension registers one renderer for this type.
 *
 * <pre>{@code
 * BenchReport report = Bench.compare("counter").variant(...).run();
 * String html = report.toHtml() + "<img src='data:image/png;base64,"
 *         + Base64.getEncoder().encodeToString(ChartImages.png(report.chart())) + "'>";
 * }</pre>
 */
public sealed interface BenchReport permits BenchResult, Timeline {

    /** An HTML fragment (a table or a summary) with every text escaped. */
    String toHtml();

    /** The chart of this outcome, a plain XChart chart. */
    Chart<?, ?> chart();
}
