package io.paralab.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.Objects;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/**
 * ParaLab's one chart style: notebook-sized, white, readable fonts, one colour sequence, and a colour kept
 * for wrong answers. Every chart the library draws uses it; a chart built by hand takes it with
 * {@link #apply(Chart)}, or starts from {@link #xyChart} / {@link #categoryChart}, which are already styled.
 *
 * <pre>{@code
 * XYChart throughput = ChartTheme.xyChart("requests per second", "connections", "requests / s");
 * throughput.addSeries("virtual threads", connections, rates);
 * throughput;                                           // shown inline, in the ParaLab style
 *
 * CategoryChart old = new CategoryChartBuilder().width(600).height(400).build();
 * ChartTheme.apply(old);                                // same fonts, colours and background
 * }</pre>
 */
public final class ChartTheme {

    /** Logical width in pixels; the extension shows PNGs at this width. */
    public static final int WIDTH = 720;
    /** Logical height in pixels of a bar or line chart. */
    public static final int HEIGHT = 405;
    /** The series colours, in order: blue, orange, green, purple, brown, pink, grey, olive, cyan. */
    public static final Color[] SERIES = {
        new Color(0x1F, 0x77, 0xB4), new Color(0xFF, 0x7F, 0x0E), new Color(0x2C, 0xA0, 0x2C),
        new Color(0x94, 0x67, 0xBD), new Color(0x8C, 0x56, 0x4B), new Color(0xE3, 0x77, 0xC2),
        new Color(0x7F, 0x7F, 0x7F), new Color(0xBC, 0xBD, 0x22), new Color(0x17, 0xBE, 0xCF),
    };
    /** The colour of a variant that computed a wrong answer, and of nothing else. */
    public static final Color WRONG = new Color(0xD6, 0x27, 0x28);
    /** Reference lines: the ideal, the core count. */
    public static final Color REFERENCE = Color.GRAY;

    static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private ChartTheme() {
    }

    /** An XY chart of {@link #WIDTH} × {@link #HEIGHT} with the titles given, styled. */
    public static XYChart xyChart(String title, String xAxisTitle, String yAxisTitle) {
        return apply(new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build());
    }

    /** A category (bar) chart of {@link #WIDTH} × {@link #HEIGHT} with the titles given, styled. */
    public static CategoryChart categoryChart(String title, String xAxisTitle, String yAxisTitle) {
        CategoryChart chart = apply(new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xAxisTitle).yAxisTitle(yAxisTitle).build());
        chart.getStyler().setYAxisMin(0.0);
        return chart;
    }

    /**
     * Styles any XChart chart: background, fonts, grid, series colours. Series added before keep their
     * colours only where they were set explicitly.
     *
     * @return the same chart
     */
    public static <C extends Chart<?, ?>> C apply(C chart) {
        Objects.requireNonNull(chart, "chart");
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderColor(Color.GRAY);
        styler.setChartTitleFont(TITLE);
        styler.setChartTitleBoxVisible(false);
        styler.setLegendFont(TICKS);
        styler.setLegendBorderColor(Color.LIGHT_GRAY);
        styler.setSeriesColors(SERIES);
        styler.setAntiAlias(true);
        if (styler instanceof AxesChartStyler axes) {
            axes.setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
            axes.setAxisTitleFont(AXIS_TITLE);
            axes.setAxisTickLabelsFont(TICKS);
            axes.setErrorBarsColor(Color.DARK_GRAY);
        }
        return chart;
    }

    /**
     * Whether the chart's y-axis title fits beside its plot: XChart does not wrap or shrink it, it is cut
     * at the chart's edges. Leaves room for the chart title and the x axis.
     */
    public static boolean yAxisTitleFits(Chart<?, ?> chart) {
        if (!(chart.getStyler() instanceof AxesChartStyler axes)) {
            return true;
        }
        String text = chart.getYAxisTitle();
        if (text == null || text.isEmpty()) {
            return true;
        }
        double width = axes.getAxisTitleFont().getStringBounds(text, new FontRenderContext(null, true, true)).getWidth();
        return width <= chart.getHeight() - 110;
    }
}
