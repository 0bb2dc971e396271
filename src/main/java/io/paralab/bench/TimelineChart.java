package io.paralab.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws timeline spans as a Gantt-like chart on an XChart XY chart: each task is a thick horizontal line in
 * its worker's lane; consecutive tasks of a lane alternate between two shades so back-to-back tasks stay
 * distinguishable. Lanes are numbered from 1 (the first worker to start) at the bottom; the legend gives
 * each number's worker.
 */
final class TimelineChart {

    private static final Color[] PALETTE = {
        new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E), new Color(0x2C, 0xA0, 0x2C),
        new Color(0xD6, 0x27, 0x28), new Color(0x94, 0x67, 0xBD), new Color(0x8C, 0x56, 0x4B),
        new Color(0xE3, 0x77, 0xC2), new Color(0x7F, 0x7F, 0x7F), new Color(0xBC, 0xBD, 0x22),
        new Color(0x17, 0xBE, 0xCF),
    };

    private TimelineChart() {
    }

    static XYChart of(String title, List<Span> spans, List<String> lanes, int maxConcurrency) {
        int height = Math.clamp(150 + 32L * lanes.size(), 240, 900);
        XYChart chart = new XYChartBuilder().width(ChartStyle.WIDTH).height(height)
                .title(title)
                .xAxisTitle("time since first start (ms) — " + spans.size() + " tasks on " + lanes.size()
                        + " workers, at most " + maxConcurrency + " at once")
                .yAxisTitle("worker (see legend)")
                .build();
        ChartStyle.apply(chart.getStyler());
        // lane i (in order of first start) sits at y = i + 1; the legend names the worker of each number.
        // Lane names are not drawn as y tick labels: XChart's tick search can loop forever on custom labels.
        chart.getStyler().setYAxisMin(0.4);
        chart.getStyler().setYAxisMax(Math.max(lanes.size(), 1) + 0.6);
        chart.getStyler().setYAxisDecimalPattern("#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        if (spans.isEmpty()) {
            chart.addSeries("no tasks", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
            return chart;
        }
        long origin = spans.stream().mapToLong(Span::startNanos).min().orElseThrow();
        float thickness = (float) Math.clamp((height - 140.0) / lanes.size() * 0.6, 2.0, 24.0);
        BasicStroke bar = new BasicStroke(thickness, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
        Map<String, Integer> tasksInLane = new HashMap<>();
        List<Span> byStart = spans.stream().sorted(Comparator.comparingLong(Span::startNanos)).toList();
        for (int i = 0; i < byStart.size(); i++) {
            Span span = byStart.get(i);
            int lane = lanes.indexOf(span.lane());
            double y = lane + 1;
            double start = (span.startNanos() - origin) / 1e6;
            double end = Math.max((span.endNanos() - origin) / 1e6, start + 1e-6);
            int nth = tasksInLane.merge(span.lane(), 1, Integer::sum);
            Color color = PALETTE[lane % PALETTE.length];
            XYSeries series = chart.addSeries("task " + i, new double[] {start, end}, new double[] {y, y});
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(bar);
            series.setLineColor(nth % 2 == 0 ? color.darker() : color);
            series.setShowInLegend(nth == 1);
            if (nth == 1) {
                series.setLabel((lane + 1) + ": " + span.lane());
            }
        }
        return chart;
    }
}
