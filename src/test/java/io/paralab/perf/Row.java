package io.paralab.perf;

import io.paralab.bench.Stats;

import java.util.Arrays;
import java.util.Objects;

/**
 * One line of the comparison table: a Java variant of a peer workload with its raw samples, the Python figure
 * it is compared with, and the target for it.
 *
 * <pre>{@code
 * Row row = new Row("5", "4 procs x 100,000 SharedLong", Unit.SECONDS, samples,
 *         "shared_counter", "Value('i') with get_lock(), 4 procs", Target.fasterThanPython(20));
 * }</pre>
 *
 * @param workload       the number in src/test/perf/WORKLOADS.md, e.g. {@code "1b"}
 * @param variant        what Java ran
 * @param unit           the unit of the samples
 * @param samples        one value per measured run
 * @param pythonWorkload the peers' workload key, or null when nothing in Python compares
 * @param pythonVariant  the peers' result name within that workload, or null
 * @param target         the target, or {@link Target#NONE}
 */
public record Row(String workload, String variant, Unit unit, double[] samples, String pythonWorkload,
                  String pythonVariant, Target target) {

    /** Checks there is at least one sample. */
    public Row {
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(target, "target");
        if (samples.length == 0) {
            throw new IllegalArgumentException("row '" + variant + "' has no sample");
        }
        samples = samples.clone();
    }

    /** The units of the table, with how a value prints. */
    public enum Unit {
        SECONDS, MIB, KIB, TIMES;

        String format(double value) {
            return switch (this) {
                case SECONDS -> value >= 1 ? String.format("%.3f s", value)
                        : value >= 1e-3 ? String.format("%.1f ms", value * 1e3) : String.format("%.1f µs", value * 1e6);
                case MIB -> String.format("%.1f MiB", value);
                case KIB -> String.format("%.1f KiB", value);
                case TIMES -> String.format("%.2f×", value);
            };
        }
    }

    /** Nanosecond timings, e.g. {@link io.paralab.bench.Measurement#samplesNanos()}, as seconds. */
    public static double[] seconds(java.util.List<Long> nanos) {
        return nanos.stream().mapToDouble(n -> n / 1e9).toArray();
    }

    /** Statistics of the Java samples. */
    public Stats java() {
        return Stats.of(samples);
    }

    /**
     * Whether Python's median over Java's means something: both known and positive, and not a speed-up row.
     * (An idle virtual thread's RSS growth is about zero, within the noise: its stack lives in the heap.)
     */
    public boolean comparable(double pythonMedian) {
        return unit != Unit.TIMES && pythonMedian > 0 && java().median() > 0;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Row row && workload.equals(row.workload) && variant.equals(row.variant)
                && unit == row.unit && Arrays.equals(samples, row.samples)
                && Objects.equals(pythonWorkload, row.pythonWorkload) && Objects.equals(pythonVariant, row.pythonVariant)
                && target.equals(row.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(workload, variant, unit, Arrays.hashCode(samples), pythonWorkload, pythonVariant, target);
    }
}
