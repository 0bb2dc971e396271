package io.paralab.bench;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the charts promise a learner: spread drawn as it is, wrong answers marked, one style. */
class HonestChartsTest {

    private static final Machine MACHINE = new Machine(2, 2, "test CPU", "Java", "25", "test", "Linux", "amd64");

    /** Skewed samples whose mean minus one standard deviation is below zero. */
    private static final List<Long> SKEWED = List.of(1_000L, 1_100L, 1_200L, 90_000L);

    private static CompareResult result(Measurement... variants) {
        return new CompareResult("t", variants[0].name(), List.of(variants), Map.of(), MACHINE, "now");
    }

    private static List<Double> lowEnds(Iterable<? extends Number> middles, Iterable<? extends Number> halves) {
        List<Double> lows = new ArrayList<>();
        Iterator<? extends Number> half = halves.iterator();
        for (Number middle : middles) {
            lows.add(middle.doubleValue() - half.next().doubleValue());
        }
        return lows;
    }

    @Test
    void compareWhiskersSpanFastestToSlowestRunAndNeverGoBelowZero() {
        Stats s = Stats.of(SKEWED);
        assertTrue(s.median() - s.stdDev() < 0, "the samples must be the kind that ± 1 std dev would draw below zero");
        for (ChartScale scale : ChartScale.values()) {
            CategoryChart chart = result(new Measurement("skewed", SKEWED), new Measurement("steady", List.of(5_000L, 5_000L)))
                    .chart(scale);
            CategorySeries whiskers = chart.getSeriesMap().get("fastest to slowest run");
            List<Double> lows = lowEnds(whiskers.getYData(), whiskers.getExtraValues());
            List<Double> highs = new ArrayList<>();
            Iterator<? extends Number> half = whiskers.getExtraValues().iterator();
            for (Number middle : whiskers.getYData()) {
                highs.add(middle.doubleValue() + half.next().doubleValue());
            }
            if (scale == ChartScale.LINEAR) {
                lows.forEach(low -> assertTrue(low >= 0, "a whisker goes below zero: " + low));
                // in µs: the skewed variant's whisker runs from its fastest (1 µs) to its slowest (90 µs) run
                assertEquals(1.0, lows.get(0), 1e-9);
                assertEquals(90.0, highs.get(0), 1e-9);
            } else {   // drawn as logarithms on a linear axis whose labels undo them
                assertEquals(Math.log10(1.0), lows.get(0), 1e-9);
                assertEquals(Math.log10(90.0), highs.get(0), 1e-9);
                assertEquals("90", CompareChart.powerOfTen(Math.log10(90.0)));
            }
            assertTrue(chart.getXAxisTitle().contains("whisker: fastest to slowest run"), chart.getXAxisTitle());
        }
    }

    @Test
    void aLogChartDrawsDotsNotBarsAndIsChosenForWideRanges() {
        CompareResult wide = result(new Measurement("thread", List.of(10_000L, 12_000L)),
                new Measurement("process", List.of(20_000_000L, 25_000_000L)));
        CategoryChart chart = wide.chart();
        assertTrue(chart.getXAxisTitle().contains("log axis"), chart.getXAxisTitle());
        chart.getSeriesMap().values().forEach(series -> assertNotEquals(
                CategorySeries.CategorySeriesRenderStyle.Bar, series.getChartCategorySeriesRenderStyle(), series.getName()));
        assertFalse(result(new Measurement("a", List.of(10L)), new Measurement("b", List.of(20L))).chart()
                .getXAxisTitle().contains("log axis"));
    }

    @Test
    void aVariantWithAWrongAnswerIsMarkedInItsResultTableAndChart() {
        CompareResult r = Bench.compare("counter").warmup(1).runs(3).expect(4L)
                .variant("racy", () -> 3)
                .variant("locked", () -> 4)
                .variant("boxed", () -> Long.valueOf(4))
                .baseline("locked")
                .run();
        assertEquals(Validation.Verdict.WRONG, r.variant("racy").validation().verdict());
        assertEquals("returned 3 in 4 of 4 calls (warm-up and measured), expected 4", r.variant("racy").validation().detail());
        assertEquals(Validation.Verdict.CORRECT, r.variant("locked").validation().verdict());
        assertEquals(Validation.Verdict.CORRECT, r.variant("boxed").validation().verdict());
        assertTrue(r.toString().contains("racy (WRONG answer)"), r.toString());
        assertTrue(r.toHtml().contains("WRONG answer: &#39;racy&#39; returned 3") || r.toHtml().contains("WRONG answer: 'racy' returned 3"),
                r.toHtml());
        assertTrue(r.relativeSpeed("racy").endsWith(", WRONG answer"));
        assertNotEquals("racy", r.fastest().name());

        CategoryChart chart = r.chart(ChartScale.LINEAR);
        CategorySeries wrong = chart.getSeriesMap().get("median, wrong answer");
        assertEquals(ChartTheme.WRONG, wrong.getFillColor());
        List<?> labels = new ArrayList<>(wrong.getXData());
        assertEquals("racy (wrong answer)", labels.get(0));
        List<? extends Number> heights = new ArrayList<>(wrong.getYData());
        assertTrue(heights.get(0).doubleValue() > 0);
        assertEquals(0.0, heights.get(1).doubleValue());
        assertEquals(0.0, new ArrayList<>(chart.getSeriesMap().get("median").getYData()).get(0).doubleValue());

        CompareResult again = CompareResult.fromJson(r.toJson());
        assertEquals(r.variant("racy").validation(), again.variant("racy").validation());
        assertEquals(Validation.UNCHECKED, CompareResult.fromJson(r.toJson().replaceAll(
                "(?s),\\s*\"validation\"\\s*:\\s*\\{[^}]*\\}", "")).variant("locked").validation());
    }

    @Test
    void anImportedFigureKeepsItsDeclaredVerdictAndEveryWrongOneIsNoFastest() {
        Measurement python = new Measurement("py", List.of(5L)).validated(Validation.of(10, 7L));
        assertTrue(python.validation().wrong());
        CompareResult r = Bench.compare("c").warmup(0).runs(1).variant("py", python).run();
        assertTrue(r.variant("py").validation().wrong());
        assertThrows(IllegalStateException.class, r::fastest);
        assertEquals(Validation.Verdict.CORRECT, Validation.of(5, 5L).verdict());
    }

    @Test
    void scalingChartsShowEachRoundsSpreadAndNameWhatVaries() {
        ScalingResult permits = Bench.scaling("downloads").varying("permits").workers(1, 2, 4).warmup(0).runs(3)
                .work(n -> n).clock(new java.util.function.LongSupplier() {
                    long t;
                    final long[] steps = {0, 100, 100, 160, 160, 200, 200, 290, 290, 330, 330, 380, 380, 470, 470, 520, 520, 560};
                    int i;

                    @Override
                    public long getAsLong() {
                        return steps[i++] + t;
                    }
                }).run();
        assertEquals("permits", permits.varied());
        Stats rounds = permits.roundSpeedups(2);
        assertEquals(3, rounds.n());
        XYChart chart = permits.chart();
        assertTrue(chart.getXAxisTitle().startsWith("permits"), chart.getXAxisTitle());
        assertFalse(chart.getSeriesMap().keySet().stream().anyMatch(name -> name.endsWith("cores")),
                "a permits chart must not draw a core line: " + chart.getSeriesMap().keySet());
        XYSeries spread = chart.getSeriesMap().get("measured (median), rounds");
        List<Double> lows = lowEnds(toList(spread.getYData()), toList(spread.getExtraValues()));
        lows.forEach(low -> assertTrue(low >= 0));
        assertEquals(rounds.min(), lows.get(1), 1e-9);

        int cores = Runtime.getRuntime().availableProcessors();
        ScalingResult workers = Bench.scaling("w").workers(java.util.stream.IntStream.rangeClosed(1, cores + 1).toArray())
                .warmup(0).runs(2).work(n -> n).run();
        assertTrue(workers.chart().getSeriesMap().containsKey(cores + " cores"), "counts beyond the cores: a core line");
        assertTrue(workers.chart().getXAxisTitle().contains(cores + " cores available"));
        assertEquals(ScalingResult.WORKERS, ScalingResult.fromJson(workers.toJson()).varied());
    }

    private static List<Double> toList(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    @Test
    void everyLibraryChartAndAHandBuiltOneWearTheTheme() {
        Timeline timeline = new Timeline("t");
        timeline.record("worker-1", "a", 0, 1_000_000);
        timeline.record("worker-2", "b", 500_000, 2_000_000);
        List<Chart<?, ?>> charts = List.of(
                result(new Measurement("a", List.of(1L, 2L))).chart(),
                Bench.scaling("s").workers(1, 2).warmup(0).runs(1).work(n -> n).run().chart(),
                timeline.chart(),
                ChartTheme.apply(new CategoryChartBuilder().width(600).height(400).yAxisTitle("y").build()),
                ChartTheme.xyChart("hand-built", "x", "y"));
        for (Chart<?, ?> chart : charts) {
            assertEquals(Color.WHITE, chart.getStyler().getChartBackgroundColor(), chart.getTitle());
            assertEquals(ChartTheme.TITLE, chart.getStyler().getChartTitleFont(), chart.getTitle());
            assertEquals(ChartTheme.SERIES[0], chart.getStyler().getSeriesColors()[0], chart.getTitle());
            assertTrue(ChartTheme.yAxisTitleFits(chart), "y-axis title clipped: " + chart.getYAxisTitle());
        }
        XYChart clipped = ChartTheme.xyChart("t", "x", "a y-axis title far too long to fit beside a plot of this height, cut");
        assertFalse(ChartTheme.yAxisTitleFits(clipped));
    }

    @Test
    void timelineBarsHaveOneColourAndNoLegendToDecode() {
        Timeline timeline = new Timeline("t");
        for (int i = 0; i < 24; i++) {
            timeline.record("download-" + i, "d" + i, i * 1_000L, 5_000_000L + i * 1_000L);
        }
        timeline.record("download-0", "again", 6_000_000L, 7_000_000L);
        XYChart chart = timeline.chart();
        assertFalse(chart.getStyler().isLegendVisible());
        java.util.Set<Color> colours = new java.util.HashSet<>();
        chart.getSeriesMap().values().forEach(series -> colours.add(series.getLineColor()));
        assertEquals(java.util.Set.of(ChartTheme.SERIES[0], ChartTheme.SERIES[0].darker()), colours);
        assertEquals(List.of("a", "a (2)", "a-very-long-…-thread-name-number-one", "worker-12 (pid 1234567) thread 15"),
                TimelineChart.laneNames(List.of("a", "a", "a-very-long-worker-thread-name-number-one",
                        "worker-12 (pid 1234567) thread 15")));
    }
}
