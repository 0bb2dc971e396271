package io.paralab.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws one or more {@link ScalingResult}s: each measured speed-up, the ideal line, and the core count of
 * the first result's machine.
 */
final class ScalingChart {

    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {6f, 4f}, 0f);
    private static final Color[] COLORS = {
        new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E), new Color(0x2C, 0xA0, 0x2C),
        new Color(0x94, 0x67, 0xBD), new Color(0x8C, 0x56, 0x4B),
    };
    private static final Marker[] MARKERS = {
        SeriesMarkers.CIRCLE, SeriesMarkers.SQUARE, SeriesMarkers.DIAMOND, SeriesMarkers.TRIANGLE_UP,
        SeriesMarkers.CROSS,
    };
    private static final Color CORES = new Color(0xD6, 0x27, 0x28);

    private ScalingChart() {
    }

    /**
     * @param title   the chart title
     * @param results the first one gives the core count; one measured line each, labelled by its title
     *                when there are several
     */
    static XYChart of(String title, List<ScalingResult> results) {
        int cores = results.get(0).cores();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(title)
                .xAxisTitle("workers (" + cores + " cores available)")
                .yAxisTitle("speed-up (× vs 1 worker)")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("#");

        int maxWorkers = 1;
        double top = 1;
        for (int i = 0; i < results.size(); i++) {
            ScalingResult result = results.get(i);
            List<Integer> workers = result.points().stream().map(ScalingPoint::workers).toList();
            List<Double> speedups = workers.stream().map(result::speedup).toList();
            maxWorkers = Math.max(maxWorkers, workers.get(workers.size() - 1));
            top = Math.max(top, speedups.stream().mapToDouble(Double::doubleValue).max().orElse(1));
            String label = results.size() == 1 ? "measured (median)" : result.title() + " (median)";
            XYSeries measured = chart.addSeries(label, workers, speedups);
            measured.setMarker(MARKERS[i % MARKERS.length]);
            measured.setLineColor(COLORS[i % COLORS.length]);
            measured.setMarkerColor(COLORS[i % COLORS.length]);
        }

        XYSeries ideal = chart.addSeries("ideal (speed-up = workers)", List.of(1, maxWorkers), List.of(1, maxWorkers));
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineStyle(DASHED);
        ideal.setLineColor(Color.GRAY);

        if (cores <= maxWorkers) {
            XYSeries coreLine = chart.addSeries(cores + " cores", List.of(cores, cores),
                    List.of(0.0, Math.max(maxWorkers, top)));
            coreLine.setMarker(SeriesMarkers.NONE);
            coreLine.setLineColor(CORES);
            coreLine.setLineStyle(DASHED);
        }
        return chart;
    }
}
