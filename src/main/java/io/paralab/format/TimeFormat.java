package io.paralab.format;

import java.util.Locale;

/**
 * Durations and ratios with three significant digits: the unit that keeps the number at least 1 ({@code ns},
 * {@code µs}, {@code ms}, {@code s}), minutes from 60 s on; the digits shown are the digits meant, so 2 ms reads
 * {@code "2.00 ms"}. The one duration formatter of ParaLab: the bench tables, the charts' axes and the
 * kernel's timing magics all use it. Negative values keep their sign; the methods are pure functions,
 * safe from any thread.
 *
 * <pre>{@code
 * TimeFormat.format(12_345_000);      // "12.3 ms"
 * TimeFormat.seconds(1.0);            // "1.00 s"
 * TimeFormat.threeDigits(21.43);      // "21.4"
 * TimeFormat unit = TimeFormat.unitFor(2.5e6);   // MILLIS: unit.of(2.5e6) == 2.5, unit.symbol() == "ms"
 * }</pre>
 */
public enum TimeFormat {
    /** Nanoseconds, {@code ns}. */
    NANOS("ns", 1),
    /** Microseconds, {@code µs}. */
    MICROS("µs", 1e3),
    /** Milliseconds, {@code ms}. */
    MILLIS("ms", 1e6),
    /** Seconds, {@code s}. */
    SECONDS("s", 1e9);

    private final String symbol;
    private final double nanos;

    TimeFormat(String symbol, double nanos) {
        this.symbol = symbol;
        this.nanos = nanos;
    }

    /**
     * The unit to show a duration in.
     *
     * @param nanos a duration in nanoseconds
     * @return the largest unit in which {@code |nanos|} is at least 1; {@link #NANOS} for smaller values
     */
    public static TimeFormat unitFor(double nanos) {
        TimeFormat best = NANOS;
        for (TimeFormat unit : values()) {
            if (Math.abs(nanos) >= unit.nanos) {
                best = unit;
            }
        }
        return best;
    }

    /**
     * A duration with three significant digits in the unit that fits.
     *
     * @param nanos a duration in nanoseconds
     * @return e.g. {@code "12.3 ms"}; from 60 s on, minutes and seconds, e.g. {@code "2min 5.00 s"}
     */
    public static String format(double nanos) {
        double seconds = nanos / SECONDS.nanos;
        if (Math.abs(seconds) >= 60) {
            long minutes = (long) (seconds / 60);
            return minutes + "min " + threeDigits(seconds - minutes * 60) + " s";
        }
        return unitFor(nanos).formatIn(nanos);
    }

    /**
     * A duration given in seconds, formatted as by {@link #format(double)}.
     *
     * @param seconds a duration in seconds
     * @return e.g. {@code "1.00 s"} for 1.0, {@code "250 ms"} for 0.25
     */
    public static String seconds(double seconds) {
        return format(seconds * SECONDS.nanos);
    }

    /** {@code nanos} in this unit with three significant digits and the unit symbol. */
    private String formatIn(double nanos) {
        return threeDigits(of(nanos)) + " " + symbol;
    }

    /**
     * A duration converted to this unit, e.g. for a chart axis labelled with {@link #symbol()}.
     *
     * @param nanos a duration in nanoseconds
     * @return the duration in this unit
     */
    public double of(double nanos) {
        return nanos / this.nanos;
    }

    /**
     * The unit's symbol.
     *
     * @return e.g. {@code "ms"}
     */
    public String symbol() {
        return symbol;
    }

    /**
     * A number with three significant digits, or a whole number from 100 on.
     *
     * @param value any number
     * @return e.g. {@code "21.4"} for 21.43, {@code "2.00"} for 2.0, {@code "1234"} for 1234.4, {@code "0"} for 0
     */
    public static String threeDigits(double value) {
        if (value == 0) {
            return "0";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 99.95 ? "%.0f" : magnitude >= 9.995 ? "%.1f" : "%.2f";
        return String.format(Locale.ROOT, pattern, value);
    }
}
