package io.paralab.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws timeline spans as a Gantt-like chart on an XChart XY chart: one lane per worker, its name written at
 * the left just above it (the first worker to start at the bottom), each task a thick horizontal bar in its
 * lane. (XChart's tick search can loop forever on custom tick labels, so names are annotations.) Every bar
 * has the same colour — a task — and back-to-back tasks of one lane alternate between two shades of it so
 * that each stays visible.
 */
final class TimelineChart {

    private static final Color TASK = ChartTheme.SERIES[0];
    private static final Color NEXT_TASK = TASK.darker();
    private static final int MAX_LANE_NAME = 36;   // "worker-12 (pid 1234567) thread 15" fits whole
    private static final java.awt.Font LANE_NAME = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11);
    private static final java.awt.font.FontRenderContext CONTEXT = new java.awt.font.FontRenderContext(null, true, true);

    private TimelineChart() {
    }

    static XYChart of(String title, List<Span> spans, List<String> lanes, int maxConcurrency) {
        int height = Math.clamp(150 + 36L * lanes.size(), 240, 1200);
        XYChart chart = ChartTheme.apply(new XYChartBuilder().width(ChartTheme.WIDTH).height(height).title(title)
                .xAxisTitle("time since the first start (ms) — " + spans.size() + " tasks on " + lanes.size()
                        + " workers, at most " + maxConcurrency + " at once").yAxisTitle("worker").build());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setYAxisMin(0.4);
        chart.getStyler().setYAxisMax(Math.max(lanes.size(), 1) + 0.6);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setAnnotationTextFont(LANE_NAME);
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
        if (spans.isEmpty()) {
            chart.addSeries("no tasks", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
            return chart;
        }
        long origin = spans.stream().mapToLong(Span::startNanos).min().orElseThrow();
        double span = Math.max(1e-3, (spans.stream().mapToLong(Span::endNanos).max().orElseThrow() - origin) / 1e6);
        double pitch = (height - 150.0) / lanes.size();      // pixels between lanes
        float thickness = (float) Math.clamp(pitch * 0.45, 2.0, 20.0);
        BasicStroke bar = new BasicStroke(thickness, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER);
        Map<String, Integer> tasksInLane = new HashMap<>();
        List<Span> byStart = spans.stream().sorted(Comparator.comparingLong(Span::startNanos)).toList();
        for (int i = 0; i < byStart.size(); i++) {
            Span s = byStart.get(i);
            double y = lanes.indexOf(s.lane()) + 1;
            double start = (s.startNanos() - origin) / 1e6;
            double end = Math.max((s.endNanos() - origin) / 1e6, start + 1e-6);
            int nth = tasksInLane.merge(s.lane(), 1, Integer::sum);
            XYSeries series = chart.addSeries("task " + i, new double[] {start, end}, new double[] {y, y});
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(bar);
            series.setLineColor(nth % 2 == 0 ? NEXT_TASK : TASK);
        }
        // each lane's worker named just above its lane, from the left edge: XChart centres an annotation on its
        // point, so the point sits half the name's width (in milliseconds of this plot) from the edge
        List<String> names = laneNames(lanes);
        double msPerPixel = span / (ChartTheme.WIDTH - 110.0);
        double lanesPerPixel = 1 / pitch;
        for (int lane = 0; lane < names.size(); lane++) {
            double textWidth = LANE_NAME.getStringBounds(names.get(lane), CONTEXT).getWidth();
            chart.addAnnotation(new AnnotationText(names.get(lane), (textWidth / 2 + 4) * msPerPixel,
                    lane + 1 + (thickness / 2 + 8) * lanesPerPixel, false));
        }
        return chart;
    }

    /** The lane names as shown: long ones shortened in the middle, every one distinct. */
    static List<String> laneNames(List<String> lanes) {
        java.util.Set<String> taken = new java.util.HashSet<>();
        return lanes.stream().map(lane -> {
            String name = lane.length() <= MAX_LANE_NAME ? lane
                    : lane.substring(0, 12) + "…" + lane.substring(lane.length() - (MAX_LANE_NAME - 13));
            String unique = name;
            for (int n = 2; !taken.add(unique); n++) {
                unique = name + " (" + n + ")";
            }
            return unique;
        }).toList();
    }
}
