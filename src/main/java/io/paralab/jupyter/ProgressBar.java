package io.paralab.jupyter;

import io.paralab.threads.ProgressListener;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A live progress bar in a notebook cell, for anything that reports to a {@link ProgressListener}: a process
 * pool's {@code map}, a bench run. It appears when created and is updated in place (Jupyter's
 * {@code update_display_data}), at most {@value #MAX_UPDATES_PER_SECOND} times a second however often
 * progress is reported, and always ends with a 100 % update that gives the totals: items, elapsed time and
 * rate.
 *
 * <p>Thread-safe: reports may come from many pool threads at once and in any order; the bar never goes
 * backwards, and reports after the final one change nothing.
 *
 * <pre>{@code
 * List<Integer> squares = pool.map(x -> x * x, items, ProgressBar.show("squares"));
 * }</pre>
 */
public final class ProgressBar implements ProgressListener {

    /** The most display updates a bar sends in any second, the final one included. */
    public static final int MAX_UPDATES_PER_SECOND = 10;

    private final String label;
    private final ProgressDisplay display;
    private final LongSupplier nanoClock;
    private final long startNanos;
    private final UpdateThrottle throttle = new UpdateThrottle(MAX_UPDATES_PER_SECOND);
    private final String displayId;

    private long done;
    private long total = -1;
    private ProgressView.Phase phase = ProgressView.Phase.RUNNING;
    private long finishedNanos;

    ProgressBar(String label, ProgressDisplay display, LongSupplier nanoClock) {
        this.label = Objects.requireNonNull(label, "label");
        this.display = Objects.requireNonNull(display, "display");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.startNanos = nanoClock.getAsLong();
        this.displayId = display.show(viewAt(startNanos));
    }

    /**
     * Shows a new progress bar in the current notebook cell.
     *
     * @param label what runs, e.g. {@code "squares"}; shown before the bar
     * @return the bar, to pass wherever a {@link ProgressListener} is taken
     */
    public static ProgressBar show(String label) {
        return new ProgressBar(label, new NotebookProgressDisplay(), System::nanoTime);
    }

    /**
     * Records progress and updates the display if the rate limit allows; the report with {@code done == total}
     * always updates the display, once.
     *
     * @throws IllegalArgumentException if {@code total < 0} or {@code done} is not between 0 and {@code total};
     *                                  the bar is left as it was
     */
    @Override
    public void progress(long done, long total) {
        if (total < 0) {
            throw new IllegalArgumentException("total must not be negative, got " + total);
        }
        if (done < 0 || done > total) {
            throw new IllegalArgumentException("done must be between 0 and total " + total + ", got " + done);
        }
        synchronized (this) {
            if (phase == ProgressView.Phase.FINISHED) {
                return;
            }
            this.done = Math.max(this.done, done);
            this.total = total;
            long now = nanoClock.getAsLong();
            if (this.done >= total) {
                phase = ProgressView.Phase.FINISHED;
                finishedNanos = now;
                throttle.acquireFinal(now);
                display.update(displayId, viewAt(now));
            } else if (throttle.tryAcquire(now)) {
                display.update(displayId, viewAt(now));
            }
        }
    }

    /**
     * What the bar shows now.
     *
     * @return the view with the time elapsed until now; once finished, what the final update showed
     */
    public synchronized ProgressView view() {
        return viewAt(phase == ProgressView.Phase.FINISHED ? finishedNanos : nanoClock.getAsLong());
    }

    /**
     * The Jupyter display id of the bar's output.
     *
     * @return the id {@code update_display_data} messages of this bar carry
     */
    public String displayId() {
        return displayId;
    }

    private ProgressView viewAt(long now) {
        return new ProgressView(label, done, total, Duration.ofNanos(now - startNanos), phase);
    }

    @Override
    public String toString() {
        return "ProgressBar[" + view().toText() + "]";
    }
}
