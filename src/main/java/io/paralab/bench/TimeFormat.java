package io.paralab.bench;

/** Picks a readable unit for nanosecond durations and formats them with three significant digits. */
enum TimeFormat {
    NANOS("ns", 1), MICROS("µs", 1e3), MILLIS("ms", 1e6), SECONDS("s", 1e9);

    private final String symbol;
    private final double nanos;

    TimeFormat(String symbol, double nanos) {
        this.symbol = symbol;
        this.nanos = nanos;
    }

    /** The largest unit in which {@code nanos} is at least 1. */
    static TimeFormat unitFor(double nanos) {
        TimeFormat best = NANOS;
        for (TimeFormat unit : values()) {
            if (Math.abs(nanos) >= unit.nanos) {
                best = unit;
            }
        }
        return best;
    }

    /** E.g. {@code "12.3 ms"}. */
    static String format(double nanos) {
        return unitFor(nanos).formatIn(nanos);
    }

    /** {@code nanos} in this unit with three significant digits and the unit symbol. */
    String formatIn(double nanos) {
        return threeDigits(of(nanos)) + " " + symbol;
    }

    /** {@code nanos} converted to this unit. */
    double of(double nanos) {
        return nanos / this.nanos;
    }

    String symbol() {
        return symbol;
    }

    static String threeDigits(double value) {
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%.0f" : magnitude >= 10 ? "%.1f" : "%.2f";
        return String.format(java.util.Locale.ROOT, pattern, value);
    }
}
