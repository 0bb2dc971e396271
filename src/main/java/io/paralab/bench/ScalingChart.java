package io.paralab.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Draws a {@link ScalingResult}: measured speed-up, the ideal line, and the machine's core count. */
final class ScalingChart {

    private static final BasicStroke DASHED = new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {6f, 4f}, 0f);

    private ScalingChart() {
    }

    static XYChart of(ScalingResult result) {
        List<ScalingPoint> points = result.points();
        List<Integer> workers = points.stream().map(ScalingPoint::workers).toList();
        List<Double> speedups = workers.stream().map(result::speedup).toList();
        int maxWorkers = workers.get(workers.size() - 1);
        int cores = result.cores();
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(ChartStyle.HEIGHT)
                .title(result.title())
                .xAxisTitle("workers (" + cores + " cores available)")
                .yAxisTitle("speed-up (× vs 1 worker)")
                .build();
        ChartStyle.apply(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("#");

        XYSeries measured = chart.addSeries("measured (median)", workers, speedups);
        measured.setMarker(SeriesMarkers.CIRCLE);
        measured.setLineColor(new Color(0x1F, 0x77, 0xB4));
        measured.setMarkerColor(new Color(0x1F, 0x77, 0xB4));

        XYSeries ideal = chart.addSeries("ideal (speed-up = workers)", List.of(1, maxWorkers), List.of(1, maxWorkers));
        ideal.setMarker(SeriesMarkers.NONE);
        ideal.setLineStyle(DASHED);
        ideal.setLineColor(Color.GRAY);

        if (cores <= maxWorkers) {
            double top = Math.max(maxWorkers, speedups.stream().mapToDouble(Double::doubleValue).max().orElse(1));
            XYSeries coreLine = chart.addSeries(cores + " cores", List.of(cores, cores),
                    List.of(0.0, top));
            coreLine.setMarker(SeriesMarkers.NONE);
            coreLine.setLineColor(new Color(0xD6, 0x27, 0x28));
            coreLine.setLineStyle(DASHED);
        }
        return chart;
    }
}
