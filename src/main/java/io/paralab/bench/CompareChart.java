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
        String shape = scale == ChartScale.LOG ? "dot" : "bar";
        CategoryChart chart = ChartTheme.categoryChart(result.title(),
                shape + ": median of " + runs + " runs; whisker: fastest to slowest run"
                        + (scale == ChartScale.LOG ? "; log axis" : ""),
                "time per run (" + unit.symbol() + ")");
        chart.getStyler().setOverlapped(true);
        chart.getStyler().setLegendVisible(false);
        List<String> names = variants.stream()
                .map(v -> v.validation().wrong() ? v.name() + " (wrong answer)" : v.name()).toList();
        if (names.stream().anyMatch(n -> n.length() > 14) || names.size() > 6) {
            chart.getStyler().setXAxisLabelRotation(20);
        }
        // the smallest value a log axis can show: a whisker or dot at 0 would have no place on it
        double floor = scale == ChartScale.LOG ? Math.max(1e-3, unit.of(variants.stream()
                .mapToDouble(v -> v.stats().min()).filter(m -> m > 0).min().orElse(1)) / 2) : 0;
        if (scale == ChartScale.LOG) {
            chart.getStyler().setYAxisLogarithmic(true);
            chart.getStyler().setYAxisMin(floor);
        }
        List<Double> right = new ArrayList<>();
        List<Double> wrong = new ArrayList<>();
        List<Double> middles = new ArrayList<>();
        List<Double> halfRanges = new ArrayList<>();
        for (Measurement v : variants) {
            double median = Math.max(floor, unit.of(v.stats().median()));
            right.add(v.validation().wrong() ? 0.0 : median);
            wrong.add(v.validation().wrong() ? median : 0.0);
            double low = Math.max(floor, unit.of(v.stats().min()));
            double high = Math.max(low, unit.of(v.stats().max()));
            middles.add((low + high) / 2);          // XChart's error bars are symmetric: centre them on the range
            halfRanges.add((high - low) / 2);
        }
        CategorySeries.CategorySeriesRenderStyle style = scale == ChartScale.LOG
                ? CategorySeries.CategorySeriesRenderStyle.Scatter : CategorySeries.CategorySeriesRenderStyle.Bar;
        CategorySeries medians = chart.addSeries("median", names, scale == ChartScale.LOG ? nullForZero(right) : right);
        medians.setChartCategorySeriesRenderStyle(style);
        medians.setFillColor(ChartTheme.SERIES[0]);
        medians.setMarkerColor(ChartTheme.SERIES[0]);
        medians.setMarker(SeriesMarkers.CIRCLE);
        if (variants.stream().anyMatch(v -> v.validation().wrong())) {
            CategorySeries wrongs = chart.addSeries("median, wrong answer", names,
                    scale == ChartScale.LOG ? nullForZero(wrong) : wrong);
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

    private static List<Double> nullForZero(List<Double> values) {
        return values.stream().map(v -> v == 0.0 ? null : v).toList();
    }
}
