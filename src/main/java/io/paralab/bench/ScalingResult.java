package io.paralab.bench;

import io.paralab.format.TimeFormat;

import io.paralab.format.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/**
 * The outcome of {@link Bench#scaling(String)}: the same work timed at several worker counts, with the
 * speed-up over one worker and the machine's core count ({@link #cores()}) to read it against.
 *
 * <pre>{@code
 * ScalingResult r = Bench.scaling("primes < 2,000,000").maxWorkers(4).work(n -> countPrimes(n)).run();
 * r.speedup(2);   // median time with 1 worker / median time with 2
 * r.chart();      // speed-up, the ideal line, and the core count marked
 * }</pre>
 *
 * @param title      what was measured
 * @param points     one per worker count, in increasing order; one of them has 1 worker
 * @param parameters how the run was made, in insertion order
 * @param machine    where it ran
 * @param measuredAt when the run started, ISO-8601 UTC
 * @param varied     what the count on the x axis is: {@value #WORKERS} (workers that compete for the cores: the
 *                   chart marks the core count) or anything else, e.g. {@code "permits"}, {@code "connections"}
 *                   (no core line)
 */
public record ScalingResult(String title, List<ScalingPoint> points, Map<String, String> parameters,
                            Machine machine, String measuredAt, String varied) implements BenchResult {

    /** The default {@link #varied()}: workers that compete for the cores. */
    public static final String WORKERS = "workers";

    /** Sorts the points by worker count and checks there is exactly one per count, 1 included. */
    public ScalingResult {
        Objects.requireNonNull(title, "title");
        varied = varied == null || varied.isBlank() ? WORKERS : varied;
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(measuredAt, "measuredAt");
        points = points.stream().sorted(Comparator.comparingInt(ScalingPoint::workers)).toList();
        Set<Integer> counts = new HashSet<>();
        for (ScalingPoint point : points) {
            if (!counts.add(point.workers())) {
                throw new IllegalArgumentException("worker count " + point.workers() + " appears twice");
            }
        }
        if (!counts.contains(1)) {
            throw new IllegalArgumentException("scaling result '" + title
                    + "' has no 1-worker point to compute speed-ups against");
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** A result over {@value #WORKERS}. */
    public ScalingResult(String title, List<ScalingPoint> points, Map<String, String> parameters, Machine machine,
                         String measuredAt) {
        this(title, points, parameters, machine, measuredAt, WORKERS);
    }

    /**
     * The speed-up of each round: round i's time with 1 worker over round i's time with {@code workers}.
     * Rounds are interleaved (each runs every count once), so a round's ratio compares runs made under the
     * same machine load; their spread is how far the speed-up moved from run to run.
     */
    public Stats roundSpeedups(int workers) {
        List<Long> one = point(1).samplesNanos();
        List<Long> many = point(workers).samplesNanos();
        int rounds = Math.min(one.size(), many.size());
        double[] ratios = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            ratios[i] = one.get(i) / (double) Math.max(1, many.get(i));
        }
        return Stats.of(ratios);
    }

    /** The cores available where this was measured. */
    public int cores() {
        return machine.availableProcessors();
    }

    /**
     * The point for the given worker count.
     *
     * @throws IllegalArgumentException naming the measured counts, when that count was not measured
     */
    public ScalingPoint point(int workers) {
        return points.stream().filter(p -> p.workers() == workers).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no point for " + workers + " workers; measured: "
                        + points.stream().map(p -> String.valueOf(p.workers())).collect(Collectors.joining(", "))));
    }

    /** Median time with 1 worker divided by median time with {@code workers}: 2.0 means twice as fast. */
    public double speedup(int workers) {
        return point(1).stats().median() / point(workers).stats().median();
    }

    /** The speed-up over 1 worker with the quartile range of the runs; see {@link SpeedupRange}. */
    public SpeedupRange speedupRange(int workers) {
        return SpeedupRange.of(point(1).samplesNanos(), point(workers).samplesNanos());
    }

    /** Speed-up, ideal line {@code speed-up = workers}, and a vertical line at the core count. */
    @Override
    public XYChart chart() {
        return ScalingChart.of(title, List.of(this));
    }

    /**
     * This result's speed-up next to others', e.g. Java threads next to Python processes, each line
     * labelled by its result's title; the core count marked is this result's.
     *
     * <pre>{@code
     * javaThreads.chartWith("primes: Java vs Python", peers.scaling("cpu_bound_scaling", "ProcessPoolExecutor"));
     * }</pre>
     *
     * @param chartTitle the chart's title
     * @param others     the other results to draw
     */
    public XYChart chartWith(String chartTitle, ScalingResult... others) {
        List<ScalingResult> all = new ArrayList<>(List.of(this));
        all.addAll(List.of(others));
        return ScalingChart.of(Objects.requireNonNull(chartTitle, "chartTitle"), all);
    }

    /** The table as aligned plain text, with the run's parameters and machine below it. */
    @Override
    public String toString() {
        return table().toText() + "\n";
    }

    /**
     * Reads a result written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not a scaling result
     */
    public static ScalingResult fromJson(String json) {
        return Json.read(json, ScalingResult.class, "a ParaLab scaling result");
    }

    /** Reads a result written by {@link #save(Path)}. */
    public static ScalingResult load(Path file) throws IOException {
        return Json.load(file, ScalingResult.class, "a ParaLab scaling result");
    }

    @Override
    public Table table() {
        ResultTable table = new ResultTable(varied, "speed-up", "per round", "efficiency");
        for (ScalingPoint point : points) {
            double speedup = speedup(point.workers());
            Stats rounds = roundSpeedups(point.workers());
            table.row(String.valueOf(point.workers()), point.stats(), TimeFormat.threeDigits(speedup) + "×",
                    TimeFormat.threeDigits(rounds.min()) + "–" + TimeFormat.threeDigits(rounds.max()) + "×",
                    Math.round(100 * speedup / point.workers()) + " %");
        }
        return table.toTable(title, parameters,
                "Speed-up = median with 1 / median with n; per round = the lowest and highest of each round's "
                        + "own ratio; efficiency = speed-up / n.", measuredAt, machine);
    }
}
