package io.paralab.jupyter;

import java.time.Duration;
import java.util.Locale;

/**
 * Formats durations, sizes and rates for people, as the extension's tables and progress bars show them.
 *
 * <pre>{@code
 * Units.seconds(Duration.ofMillis(1234));   // "1.23"
 * Units.mebibytes(51_200);                  // "50.0"  (from KiB)
 * }</pre>
 */
final class Units {

    private Units() {
    }

    /** Seconds with two decimals, e.g. {@code "1.23"}. */
    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.2f", duration.toNanos() / 1e9);
    }

    /** Mebibytes with one decimal from a size in kibibytes, e.g. {@code 51200} gives {@code "50.0"}. */
    static String mebibytes(long kibibytes) {
        return String.format(Locale.ROOT, "%.1f", kibibytes / 1024.0);
    }

    /** A rate of items per second with at most three significant decimals, e.g. {@code "813"} or {@code "2.50"}. */
    static String perSecond(long items, Duration elapsed) {
        double rate = items / (elapsed.toNanos() / 1e9);
        return rate >= 100 ? String.format(Locale.ROOT, "%.0f", rate) : String.format(Locale.ROOT, "%.2f", rate);
    }
}
