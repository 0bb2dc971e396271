package io.paralab.bench;

import io.paralab.format.TimeFormat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws a {@link CompareResult}: per variant its median, and a whisker from its fastest to its slowest run
 * (never below zero, since no run takes less than no time). On a linear axis the median is a bar; on a
 * logarithmic one a dot. A variant whose answer was wrong is drawn in {@link ChartTheme#WRONG} with
 * "(wrong answer)" under it.
 */
final class CompareChart {

    /** Medians this many times apart or more are drawn on a log axis by {@link CompareResult#chart()}. */
    static final int LOG_RATIO = 50;

    private CompareChart() {
    }

    static ChartScale suitedScale(CompareResult result) {
        double smallest = result.variants().stream().mapToDouble(v -> v.stats().median()).min().orElse(1);
        double largest = result.variants().stream().mapToDouble(v -> v.stats().median()).max().orElse(1);
        return smallest > 0 && largest / smallest >= LOG_RATIO ? ChartScale.LOG : ChartScale.LINEAR;
    }

    static CategoryChart of(CompareResult result, ChartScale scale) {
        List<Measurement> variants = result.variants();
        double largest = variants.stream().mapToDouble(v -> v.stats().max()).max().orElse(0);
        TimeFormat unit = TimeFormat.unitFor(largest);
        String runs = variants.stream().map(v -> String.valueOf(v.stats().n())).distinct().collect(Collectors.joining("/"));
        boolean log = scale == ChartScale.LOG;
        CategoryChart chart = ChartTheme.categoryChart(result.title(),
                (log ? "dot" : "bar") + ": median of " + runs + " runs; whisker: fastest to slowest run"
                        + (log ? "; log axis" : ""),
                "time per run (" + unit.symbol() + ")");
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendVisible(false);
        List<String> names = variants.stream()
                .map(v -> v.validation().wrong() ? v.name() + " (wrong answer)" : v.name()).toList();
        if (names.stream().anyMatch(n -> n.length() > 14) || names.size() > 6) {
            chart.getStyler().setXAxisLabelRotation(20);
        }
        // On a log axis the values are drawn as their logarithms on a linear axis whose tick labels undo the
        // logarithm: XChart's own log axis misplaces error bars, and a bar there would have no true length.
        // The smallest time a log axis can show is 1 ns: no run takes less.
        java.util.function.DoubleUnaryOperator y = log ? t -> Math.log10(Math.max(unit.of(1), unit.of(t))) : unit::of;
        List<Double> right = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        List<Double> middles = new ArrayList<>();
        List<Double> halfRanges = new ArrayList<>();
        double lowest = Double.MAX_VALUE;
        double highest = -Double.MAX_VALUE;
        for (Measurement v : variants) {
            double median = y.applyAsDouble(v.stats().median());
            right.add(v.validation().wrong() ? null : median);
            wrong.add(v.validation().wrong() ? median : null);
            double low = y.applyAsDouble(v.stats().min());
            double high = Math.max(low, y.applyAsDouble(v.stats().max()));
            middles.add((low + high) / 2);          // XChart's error bars are symmetric: centre them on the range
            halfRanges.add((high - low) / 2);
            lowest = Math.min(lowest, low);
            highest = Math.max(highest, high);
        }
        if (log) {
            chart.getStyler().setYAxisMin(Math.floor(lowest - 0.1));
            chart.getStyler().setYAxisMax(Math.ceil(highest + 0.1));
            chart.getStyler().setyAxisTickLabelsFormattingFunction(CompareChart::powerOfTen);
        } else {
            right.replaceAll(v -> v == null ? 0.0 : v);
            wrong.replaceAll(v -> v == null ? 0.0 : v);
        }
        CategorySeries.CategorySeriesRenderStyle style = log
                ? CategorySeries.CategorySeriesRenderStyle.Scatter : CategorySeries.CategorySeriesRenderStyle.Bar;
        CategorySeries medians = chart.addSeries("median", names, right);
        medians.setChartCategorySeriesRenderStyle(style);
        medians.setFillColor(ChartTheme.SERIES[0]);
        medians.setMarkerColor(ChartTheme.SERIES[0]);
        medians.setMarker(SeriesMarkers.CIRCLE);
        if (variants.stream().anyMatch(v -> v.validation().wrong())) {
            CategorySeries wrongs = chart.addSeries("median, wrong answer", names, wrong);
            wrongs.setChartCategorySeriesRenderStyle(style);
            wrongs.setFillColor(ChartTheme.WRONG);
            wrongs.setMarkerColor(ChartTheme.WRONG);
            wrongs.setMarker(SeriesMarkers.CIRCLE);
        }
        CategorySeries whiskers = chart.addSeries("fastest to slowest run", names, middles, halfRanges);
        whiskers.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
        whiskers.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /** The tick label of a log-axis value: 10 to that power, to three significant digits. */
    static String powerOfTen(double exponent) {
        return new java.math.BigDecimal(Math.pow(10, exponent)).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString();
    }

}
