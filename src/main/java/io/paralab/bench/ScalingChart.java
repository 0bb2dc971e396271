package io.paralab.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws one or more {@link ScalingResult}s: each median speed-up with a whisker over the rounds' own
 * speed-ups (lowest to highest), the ideal line, and — when the count is of workers competing for the
 * cores and some counts exceed the cores — a line at the core count of the first result's machine (the
 * axis title always names it).
 */
final class ScalingChart {

    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {6f, 4f}, 0f);
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.CROSS,
    };

    private ScalingChart() {
    }

    /**
     * @param title   the chart title
     * @param results the first one gives the core count and the axis; one measured line each, labelled by
     *                its title when there are several
     */
    static XYChart of(String title, List<ScalingResult> results) {
        ScalingResult first = results.get(0);
        int cores = first.cores();
        boolean workers = first.varied().equals(ScalingResult.WORKERS);
        XYChart chart = ChartTheme.xyChart(title,
                (workers ? "workers (" + cores + " cores available)" : first.varied())
                        + " — whisker: lowest to highest round",
                "speed-up (× vs 1)");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setErrorBarsColorSeriesColor(true);   // each line's whiskers in its own colour

        int maxWorkers = 1;
        double top = 1;
        for (int i = 0; i < results.size(); i++) {
            ScalingResult result = results.get(i);
            Color color = ChartTheme.SERIES[i % ChartTheme.SERIES.length];
            List<Integer> counts = result.points().stream().map(ScalingPoint::workers).toList();
            List<Double> speedups = counts.stream().map(result::speedup).toList();
            List<Double> middles = new ArrayList<>();
            List<Double> halfRanges = new ArrayList<>();
            for (int n : counts) {
                Stats rounds = result.roundSpeedups(n);
                middles.add((rounds.min() + rounds.max()) / 2);   // XChart's error bars are symmetric
                halfRanges.add((rounds.max() - rounds.min()) / 2);
                top = Math.max(top, rounds.max());
            }
            maxWorkers = Math.max(maxWorkers, counts.get(counts.size() - 1));
            String label = results.size() == 1 ? "measured (median)" : result.title() + " (median)";
            XYSeries measured = chart.addSeries(label, counts, speedups);
            measured.setMarker(MARKERS[i % MARKERS.length]);
            measured.setLineColor(color);
            measured.setMarkerColor(color);
            XYSeries spread = chart.addSeries(label + ", rounds", counts, middles, halfRanges);
            spread.setXYSeriesRenderStyle(org.knowm.xchart.XYSeries.XYSeriesRenderStyle.Scatter);
            spread.setMarker(SeriesMarkers.NONE);
            spread.setMarkerColor(color);
            spread.setLineColor(color);
            spread.setShowInLegend(false);
        }

        String per = workers ? "workers" : first.varied();
        XYSeries ideal = chart.addSeries("ideal (speed-up = " + per + ")", List.of(1, maxWorkers), List.of(1, maxWorkers));
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineStyle(DASHED);
        ideal.setLineColor(ChartTheme.REFERENCE);

        if (workers && cores < maxWorkers) {   // at the last count, a line there would hide that point's whisker
            XYSeries coreLine = chart.addSeries(cores + " cores", List.of(cores, cores),
                    List.of(0.0, Math.max(maxWorkers, top)));
            coreLine.setMarker(SeriesMarkers.NONE);
            coreLine.setLineColor(Color.BLACK);
            coreLine.setLineStyle(DASHED);
        }
        return chart;
    }
}
