package io.paralab.kernel.magics;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Formats durations the way IPython's {@code %time} and {@code %timeit} do: three significant digits and the unit
 * that fits ({@code s}, {@code ms}, {@code µs}, {@code ns}), e.g. {@code 12.3 ms}.
 *
 * <pre>{@code
 * TimeFormat.seconds(0.0123);   // "12.3 ms"
 * }</pre>
 */
public final class TimeFormat {

    private static final String[] UNITS = {"s", "ms", "µs", "ns"};

    private TimeFormat() {
    }

    /** Formats {@code seconds} with three significant digits in the largest unit that keeps it at least 1. */
    public static String seconds(double seconds) {
        if (seconds >= 60) {
            long whole = (long) seconds;
            return whole / 60 + "min " + fmt(seconds - whole / 60 * 60) + " s";
        }
        int order = seconds > 0 ? Math.min(-(int) Math.floor(Math.floor(Math.log10(seconds)) / 3), 3) : 3;
        order = Math.max(order, 0);
        return fmt(seconds * Math.pow(1000, order)) + " " + UNITS[order];
    }

    /** Formats nanoseconds, see {@link #seconds(double)}. */
    public static String nanos(long nanos) {
        return seconds(nanos / 1e9);
    }

    private static String fmt(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
