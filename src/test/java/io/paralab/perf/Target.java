package io.paralab.perf;

/**
 * A target for one table row: an upper bound on the Java median, a lower bound on how many
 * times faster Java is than Python (Python median / Java median), or a lower bound on a speed-up row.
 *
 * <pre>{@code
 * Target.atMost(0.100, "≤ 100 ms").met(0.083, Double.NaN);        // true
 * Target.fasterThanPython(20).met(0.010, 0.38);                   // true: 38×
 * }</pre>
 *
 * @param text  the target as the table shows it
 * @param kind  what is bounded
 * @param bound the bound
 */
public record Target(String text, Kind kind, double bound) {

    /** No target for this row. */
    public static final Target NONE = new Target("", Kind.NONE, 0);

    /** What a target bounds. */
    public enum Kind { NONE, JAVA_AT_MOST, JAVA_AT_LEAST, RATIO_AT_LEAST }

    /** The Java median must be at most {@code bound} (in the row's unit). */
    public static Target atMost(double bound, String text) {
        return new Target(text, Kind.JAVA_AT_MOST, bound);
    }

    /** The Java median (e.g. a speed-up) must be at least {@code bound}. */
    public static Target atLeast(double bound, String text) {
        return new Target(text, Kind.JAVA_AT_LEAST, bound);
    }

    /** Python's median over Java's must be at least {@code times}. */
    public static Target fasterThanPython(double times) {
        return new Target("≥ " + (times == Math.rint(times) ? String.valueOf((int) times) : String.valueOf(times))
                + "× Python", Kind.RATIO_AT_LEAST, times);
    }

    /**
     * Whether the target is met; null when there is no target or the Python figure it needs is missing.
     *
     * @param javaMedian   the Java median
     * @param pythonMedian Python's median, NaN when unknown
     */
    public Boolean met(double javaMedian, double pythonMedian) {
        return switch (kind) {
            case NONE -> null;
            case JAVA_AT_MOST -> javaMedian <= bound;
            case JAVA_AT_LEAST -> javaMedian >= bound;
            case RATIO_AT_LEAST -> Double.isNaN(pythonMedian) ? null : pythonMedian / javaMedian >= bound;
        };
    }
}
