package io.paralab.bench;

import java.util.Arrays;
import java.util.Collection;

/**
 * Summary statistics of a set of samples, e.g. the run times of one benchmark variant.
 *
 * <p>Definitions: {@code mean} is the arithmetic mean; {@code stdDev} is the <em>sample</em> standard
 * deviation (divides by {@code n - 1}; 0 for a single sample); {@code median} and {@code p95} are
 * percentiles by linear interpolation between closest ranks (the definition of R type 7, NumPy's
 * default and Excel's {@code PERCENTILE.INC}): for sorted samples {@code x[0..n-1]} the p-quantile is
 * {@code x[h]} interpolated at {@code h = (n - 1) * p}. So the median of an even count is the mean of the
 * two middle samples.
 *
 * <pre>{@code
 * Stats s = Stats.of(3, 1, 2, 10);
 * s.median();   // 2.5
 * s.p95();      // 8.95
 * }</pre>
 *
 * @param n      number of samples, at least 1
 * @param mean   arithmetic mean
 * @param median 50th percentile
 * @param stdDev sample standard deviation (n - 1 in the denominator), 0 when n == 1
 * @param min    smallest sample
 * @param max    largest sample
 * @param p95    95th percentile
 */
public record Stats(int n, double mean, double median, double stdDev, double min, double max, double p95) {

    /**
     * Computes the statistics of the given samples.
     *
     * @throws IllegalArgumentException when there is no sample or a sample is NaN or infinite
     */
    public static Stats of(double... samples) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("statistics need at least one sample, got none");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double x : sorted) {
            if (!Double.isFinite(x)) {
                throw new IllegalArgumentException("sample is not a finite number: " + x);
            }
            sum += x;
        }
        int n = sorted.length;
        double mean = sum / n;
        double squares = 0;
        for (double x : sorted) {
            squares += (x - mean) * (x - mean);
        }
        double stdDev = n == 1 ? 0 : Math.sqrt(squares / (n - 1));
        return new Stats(n, mean, percentileOfSorted(sorted, 0.5), stdDev, sorted[0], sorted[n - 1],
                percentileOfSorted(sorted, 0.95));
    }

    /** Computes the statistics of the given samples, e.g. nanosecond timings. */
    public static Stats of(Collection<? extends Number> samples) {
        return of(samples.stream().mapToDouble(Number::doubleValue).toArray());
    }

    /**
     * The p-quantile of the samples, by the same linear interpolation as {@link #median()} and
     * {@link #p95()}.
     *
     * @param p        between 0 and 1, e.g. 0.99
     * @param samples  at least one
     */
    public static double percentile(double p, double... samples) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("percentile must be between 0 and 1, got " + p);
        }
        if (samples.length == 0) {
            throw new IllegalArgumentException("a percentile needs at least one sample, got none");
        }
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return percentileOfSorted(sorted, p);
    }

    /** Standard deviation relative to the mean, e.g. 0.05 for 5 %; 0 when the mean is 0. */
    public double relativeStdDev() {
        return mean == 0 ? 0 : stdDev / mean;
    }

    private static double percentileOfSorted(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }
}
