package io.paralab.bench;

import io.paralab.format.TimeFormat;
import java.util.List;
import java.util.Objects;

/**
 * A speed-up with the spread of the runs it comes from: the ratio of the baseline's median time to the
 * variant's, and the same ratio taken between their quartiles, so a figure such as "1.6×" is read with how
 * much the runs let it move.
 *
 * <p>Contract: {@code median = median(baseline) / median(variant)}; {@code low = p25(baseline) /
 * p75(variant)} (a slow variant run against a fast baseline run); {@code high = p75(baseline) /
 * p25(variant)}. So {@code low <= median <= high}. Quartiles interpolate linearly as {@link Stats#percentile}
 * does; with one run each, all three are equal.
 *
 * <pre>{@code
 * SpeedupRange r = compareResult.speedupRange("threads");
 * r.median();        // 1.62
 * r.toString();      // "1.62× (1.41–1.80)"
 * r.overlapsOne();   // false: faster in more than the middle half of the runs
 * }</pre>
 *
 * @param median ratio of the medians
 * @param low    ratio of the baseline's first quartile to the variant's third
 * @param high   ratio of the baseline's third quartile to the variant's first
 */
public record SpeedupRange(double median, double low, double high) {

    /**
     * The speed-up of {@code variant} over {@code baseline}, from their raw timings.
     *
     * @throws IllegalArgumentException when either has no sample or a time is not positive
     */
    public static SpeedupRange of(List<Long> baselineNanos, List<Long> variantNanos) {
        double[] base = positive("baseline", baselineNanos);
        double[] variant = positive("variant", variantNanos);
        return new SpeedupRange(Stats.percentile(0.5, base) / Stats.percentile(0.5, variant),
                Stats.percentile(0.25, base) / Stats.percentile(0.75, variant),
                Stats.percentile(0.75, base) / Stats.percentile(0.25, variant));
    }

    /** Whether 1.0 (no difference) lies within the range: the runs do not clearly tell the two apart. */
    public boolean overlapsOne() {
        return low <= 1 && 1 <= high;
    }

    /** Each figure to three significant digits, e.g. {@code "1.62× (1.41–1.80)"}, {@code "1182× (988–1520)"}. */
    @Override
    public String toString() {
        return TimeFormat.threeDigits(median) + "× (" + TimeFormat.threeDigits(low) + "–" + TimeFormat.threeDigits(high)
                + ")";
    }

    private static double[] positive(String what, List<Long> nanos) {
        Objects.requireNonNull(nanos, what);
        if (nanos.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " has no timing");
        }
        double[] values = new double[nanos.size()];
        for (int i = 0; i < values.length; i++) {
            if (nanos.get(i) <= 0) {
                throw new IllegalArgumentException("the " + what + " has a time that is not positive: " + nanos.get(i));
            }
            values[i] = nanos.get(i);
        }
        return values;
    }
}
