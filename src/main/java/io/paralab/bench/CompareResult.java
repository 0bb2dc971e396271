package io.paralab.bench;

import io.paralab.format.TimeFormat;

import io.paralab.format.Table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.knowm.xchart.CategoryChart;

/**
 * The outcome of {@link Bench#compare(String)}: every variant's raw timings, the baseline the others are
 * compared with, the parameters of the run and the machine it ran on. Shows itself as a text table
 * ({@link #toString()}), an HTML table ({@link #toHtml()}) and a bar chart ({@link #chart()}); saves to and
 * loads from JSON.
 *
 * <pre>{@code
 * CompareResult r = Bench.compare("counter").variant("lock", ...).variant("atomic", ...).run();
 * r.speedup("atomic");          // baseline median / atomic median
 * r.save(Path.of("counter.json"));
 * CompareResult again = CompareResult.load(Path.of("counter.json"));
 * }</pre>
 *
 * @param title      what was compared
 * @param baseline   name of the variant the others are compared with
 * @param variants   one measurement per variant, in the order they were added
 * @param parameters how the run was made (warm-up, runs, user parameters), in insertion order
 * @param machine    where it ran
 * @param measuredAt when the run started, ISO-8601 UTC
 */
public record CompareResult(String title, String baseline, List<Measurement> variants,
                            Map<String, String> parameters, Machine machine, String measuredAt)
        implements BenchResult {

    /** Checks that variant names are unique and that the baseline is one of them. */
    public CompareResult {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(measuredAt, "measuredAt");
        variants = List.copyOf(variants);
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("compare result '" + title + "' has no variant");
        }
        Set<String> names = new HashSet<>();
        for (Measurement variant : variants) {
            if (!names.add(variant.name())) {
                throw new IllegalArgumentException("variant name '" + variant.name() + "' appears twice");
            }
        }
        if (!names.contains(baseline)) {
            throw new IllegalArgumentException("baseline '" + baseline + "' is not a variant; variants: "
                    + names(variants));
        }
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * The measurement of the named variant.
     *
     * @throws IllegalArgumentException naming the variants there are, when there is none of that name
     */
    public Measurement variant(String name) {
        return variants.stream().filter(v -> v.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no variant '" + name + "'; variants: "
                        + names(variants)));
    }

    /** How many times faster than the baseline the variant is, by medians: 2.0 means twice as fast. */
    public double speedup(String name) {
        return variant(baseline).stats().median() / variant(name).stats().median();
    }

    /** The speed-up over the baseline with the quartile range of the runs; see {@link SpeedupRange}. */
    public SpeedupRange speedupRange(String name) {
        return SpeedupRange.of(variant(baseline).samplesNanos(), variant(name).samplesNanos());
    }

    /**
     * E.g. {@code "1.00× (baseline)"}, {@code "3.20× faster"}, {@code "1.50× slower"}, with the range the
     * ratio spans across runs whenever the runs varied at all ({@code "3.20× faster, 2.90–3.50× across runs"};
     * a narrow range is shown too, since it is what makes the ratio trustworthy), and
     * {@code ", WRONG answer"} after a variant whose answer was wrong.
     */
    public String relativeSpeed(String name) {
        String wrong = variant(name).validation().wrong() ? ", WRONG answer" : "";
        if (name.equals(baseline)) {
            return "1.00× (baseline)" + wrong;
        }
        double speedup = speedup(name);
        String spread = "";
        boolean timed = variant(baseline).samplesNanos().stream().allMatch(t -> t > 0)
                && variant(name).samplesNanos().stream().allMatch(t -> t > 0);
        if (timed) {
            SpeedupRange range = speedupRange(name);
            if (range.high() > range.low()) {
                spread = ", " + range(speedup >= 1 ? range.low() : 1 / range.high(),
                        speedup >= 1 ? range.high() : 1 / range.low()) + " across runs";
            }
        }
        return (speedup >= 1 ? TimeFormat.threeDigits(speedup) + "× faster" : TimeFormat.threeDigits(1 / speedup) + "× slower")
                + spread + wrong;
    }

    /**
     * The variant with the lowest median among those whose answer is not known to be wrong.
     *
     * @throws IllegalStateException when every variant's answer is wrong
     */
    public Measurement fastest() {
        return variants.stream().filter(v -> !v.validation().wrong())
                .min(java.util.Comparator.comparingDouble(v -> v.stats().median()))
                .orElseThrow(() -> new IllegalStateException("every variant of '" + title + "' computed a wrong answer"));
    }

    /**
     * A bar per variant: its median time, a whisker from its fastest to its slowest run, and wrong answers
     * drawn in the wrong-answer colour. When the medians differ by {@value CompareChart#LOG_RATIO}× or more,
     * a dot per median on a logarithmic axis instead, since on a log axis a bar's length depends on where the
     * axis happens to start.
     */
    @Override
    public CategoryChart chart() {
        return CompareChart.of(this, CompareChart.suitedScale(this));
    }

    /** Like {@link #chart()} on the axis asked for: bars on {@link ChartScale#LINEAR}, dots on {@link ChartScale#LOG}. */
    public CategoryChart chart(ChartScale scale) {
        return CompareChart.of(this, Objects.requireNonNull(scale, "scale"));
    }

    private static String range(double low, double high) {
        return TimeFormat.threeDigits(low) + "–" + TimeFormat.threeDigits(high) + "×";
    }

    /** The table as aligned plain text, with the run's parameters and machine below it. */
    @Override
    public String toString() {
        return table().toText() + "\n";
    }

    /**
     * Reads a result written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not a compare result
     */
    public static CompareResult fromJson(String json) {
        return Json.read(json, CompareResult.class, "a ParaLab compare result");
    }

    /** Reads a result written by {@link #save(Path)}. */
    public static CompareResult load(Path file) throws IOException {
        return Json.load(file, CompareResult.class, "a ParaLab compare result");
    }

    @Override
    public Table table() {
        ResultTable table = new ResultTable("variant", "vs " + baseline);
        StringBuilder wrong = new StringBuilder();
        for (Measurement variant : variants) {
            table.row(variant.validation().wrong() ? variant.name() + " (WRONG answer)" : variant.name(),
                    variant.stats(), relativeSpeed(variant.name()));
            if (variant.validation().wrong()) {
                wrong.append(" WRONG answer: '").append(variant.name()).append("' ")
                        .append(variant.validation().detail()).append(".");
            }
        }
        return table.toTable(title, parameters,
                "Time per run; std dev is the sample standard deviation, p95 by linear interpolation; the range "
                        + "after a ratio is its quartile range (see SpeedupRange)." + wrong,
                measuredAt, machine);
    }

    private static String names(List<Measurement> variants) {
        return variants.stream().map(Measurement::name).collect(Collectors.joining(", "));
    }
}
