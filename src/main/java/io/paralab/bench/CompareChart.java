package io.paralab.bench;

import io.paralab.format.TimeFormat;

import java.awt.Color;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** Draws a {@link CompareResult} as bars of median time with ± 1 standard deviation error bars. */
final class CompareChart {

    private CompareChart() {
    }

    static CategoryChart of(CompareResult result) {
        List<Measurement> variants = result.variants();
        double largest = variants.stream().mapToDouble(v -> v.stats().median()).max().orElse(0);
        TimeFormat unit = TimeFormat.unitFor(largest);
        CategoryChart chart = new CategoryChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(result.title())
                .xAxisTitle("variant")
                .yAxisTitle("median time per run (" + unit.symbol() + "), error bars ± 1 std dev")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setErrorBarsColor(Color.DARK_GRAY);
        chart.getStyler().setYAxisMin(0.0);
        if (variants.stream().anyMatch(v -> v.name().length() > 14) || variants.size() > 6) {
            chart.getStyler().setXAxisLabelRotation(20);
        }
        chart.addSeries("median",
                variants.stream().map(Measurement::name).toList(),
                variants.stream().map(v -> unit.of(v.stats().median())).toList(),
                variants.stream().map(v -> unit.of(v.stats().stdDev())).toList());
        return chart;
    }
}
