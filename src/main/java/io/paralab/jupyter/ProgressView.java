package io.paralab.jupyter;

import io.paralab.format.Html;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * What a {@link ProgressBar} shows at one moment: a bar with percentage and counts while the run goes on, and
 * the totals — items, elapsed time, rate — once it has finished. Immutable.
 *
 * <pre>{@code
 * ProgressView view = new ProgressView("squares", 250, 1000, Duration.ofMillis(310), ProgressView.Phase.RUNNING);
 * view.toText();   // "squares [#####---------------]  25%  250/1000  0.31 s"
 * }</pre>
 *
 * @param label    what runs, e.g. {@code "squares"}
 * @param done     items done
 * @param total    items in the run, or {@code -1} before the first report
 * @param elapsed  time since the bar was shown
 * @param phase    whether the run goes on or has finished
 */
public record ProgressView(String label, long done, long total, Duration elapsed, Phase phase)
        implements NotebookView {

    /**
     * Where a run is: going on (its total may not be known yet), or finished with every item done.
     *
     * <pre>{@code
     * if (bar.view().phase() == ProgressView.Phase.FINISHED) { ... }
     * }</pre>
     */
    public enum Phase {
        /** Items are still being done; the bar shows the percentage. */
        RUNNING,
        /** Every item is done; the bar shows the totals. */
        FINISHED
    }

    private static final int TEXT_BAR_WIDTH = 20;

    /**
     * Checks that the counts fit together: {@code 0 <= done <= total}, or {@code done == 0} before the start.
     *
     * @throws IllegalArgumentException naming the count that does not fit, or when a run finished before it started
     * @throws NullPointerException     when {@code label}, {@code elapsed} or {@code phase} is null
     */
    public ProgressView {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(elapsed, "elapsed");
        Objects.requireNonNull(phase, "phase");
        if (elapsed.isNegative()) {
            throw new IllegalArgumentException("elapsed must not be negative, got " + elapsed);
        }
        if (total < -1) {
            throw new IllegalArgumentException("total must be -1 (not started) or more, got " + total);
        }
        if (done < 0 || done > Math.max(total, 0)) {
            throw new IllegalArgumentException("done must be between 0 and total " + total + ", got " + done);
        }
        if (phase == Phase.FINISHED && total < 0) {
            throw new IllegalArgumentException("a run cannot finish before it has started");
        }
    }

    /**
     * Whether the run has finished.
     *
     * @return true in {@link Phase#FINISHED}
     */
    public boolean finished() {
        return phase == Phase.FINISHED;
    }

    /**
     * Whether the run has reported its total yet.
     *
     * @return true once {@code total} is known
     */
    public boolean started() {
        return total >= 0;
    }

    /**
     * How far the run has come.
     *
     * @return percentage done, 0 to 100, rounded down; an empty run that finished is 100 %
     */
    public int percent() {
        if (!started()) {
            return 0;
        }
        return total == 0 ? (finished() ? 100 : 0) : (int) (100 * done / total);
    }

    /**
     * The counts and times shown after the bar.
     *
     * @return e.g. {@code "25%  250/1000  0.31 s"} while running, {@code "100%  1000 items in 1.23 s, 813 items/s"}
     *         once finished
     */
    public String summary() {
        if (!started()) {
            return "waiting for the first item";
        }
        if (finished()) {
            String rate = elapsed.isZero() ? "" : ", " + Units.perSecond(done, elapsed) + " items/s";
            return String.format(Locale.ROOT, "100%%  %d items in %s s%s", done, Units.seconds(elapsed), rate);
        }
        return String.format(Locale.ROOT, "%3d%%  %d/%d  %s s", percent(), done, total, Units.seconds(elapsed));
    }

    /** A {@code <progress>} bar — indeterminate until the total is known — then the label and {@link #summary()}. */
    @Override
    public String toHtml() {
        String bar = started()
                ? "<progress value=\"" + (finished() ? Math.max(total, 1) : done) + "\" max=\"" + Math.max(total, 1) + "\""
                : "<progress";
        return "<div class=\"paralab-progress\">" + bar + " style=\"width:20em;vertical-align:middle\"></progress> <b>"
                + Html.escape(label) + "</b> " + Html.escape(summary()) + "</div>";
    }

    @Override
    public String toText() {
        int filled = TEXT_BAR_WIDTH * percent() / 100;
        return label + " [" + "#".repeat(filled) + "-".repeat(TEXT_BAR_WIDTH - filled) + "] " + summary();
    }

    @Override
    public String toString() {
        return toText();
    }
}
