package io.paralab.bench;

import io.paralab.format.Html;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import org.knowm.xchart.XYChart;

/**
 * Records which worker ran which task from when to when, and draws it: one lane per worker, one bar per
 * task, time in milliseconds from the first start. {@link #record} is thread-safe and has the shape of
 * {@code io.paralab.threads.TaskObserver}, so {@code timeline::record} plugs into the thread helpers and
 * the process pool.
 *
 * <pre>{@code
 * Timeline timeline = new Timeline("downloads, 3 permits");
 * // ... tasks call timeline.record(Thread.currentThread().getName(), "task " + i, start, System.nanoTime())
 * timeline.maxConcurrency();   // 3: the semaphore capped it
 * timeline.chart();
 * }</pre>
 */
public final class Timeline implements BenchReport {

    private final String title;
    private final List<Span> spans = new ArrayList<>();

    /** An empty timeline with the given chart title. */
    public Timeline(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * Records one finished task; may be called from any thread.
     *
     * @param lane       the worker that ran it
     * @param label      the task
     * @param startNanos {@link System#nanoTime()} at its start
     * @param endNanos   {@link System#nanoTime()} at its end
     * @throws IllegalArgumentException when it ends before it starts; nothing is recorded then
     */
    public void record(String lane, String label, long startNanos, long endNanos) {
        Span span = new Span(lane, label, startNanos, endNanos);
        synchronized (spans) {
            spans.add(span);
        }
    }

    /**
     * Runs {@code work} on the calling thread and records it as a task in the calling thread's lane (its
     * name; {@code "virtual-<id>"} for an unnamed virtual thread), also when it throws.
     *
     * <pre>{@code
     * pool.submit(() -> timeline.time("download " + i, () -> fetch(url)));
     * }</pre>
     *
     * @param label the task
     * @param work  the task's work
     * @return what the work returned
     * @throws E what the work threw
     */
    public <T, E extends Exception> T time(String label, TimedWork<T, E> work) throws E {
        Objects.requireNonNull(label, "label");
        Thread thread = Thread.currentThread();
        String lane = thread.getName().isEmpty() ? "virtual-" + thread.threadId() : thread.getName();
        long start = System.nanoTime();
        try {
            return work.call();
        } finally {
            record(lane, label, start, System.nanoTime());
        }
    }

    /**
     * Work timed by {@link #time(String, TimedWork)}; the exception type is inferred, so work that throws no
     * checked exception needs no try/catch around {@code time}.
     *
     * @param <T> what the work returns
     * @param <E> what the work may throw
     */
    @FunctionalInterface
    public interface TimedWork<T, E extends Exception> {
        /** Does the work. */
        T call() throws E;
    }

    /** The chart title. */
    public String title() {
        return title;
    }

    /** A copy of the recorded tasks, in the order they were recorded. */
    public List<Span> spans() {
        synchronized (spans) {
            return List.copyOf(spans);
        }
    }

    /** The workers, in the order of their first task's start. */
    public List<String> lanes() {
        LinkedHashSet<String> lanes = new LinkedHashSet<>();
        spans().stream().sorted(Comparator.comparingLong(Span::startNanos)).forEach(s -> lanes.add(s.lane()));
        return List.copyOf(lanes);
    }

    /**
     * The largest number of tasks that ran at the same moment. A task occupies {@code [start, end)}: one
     * that starts exactly when another ends does not overlap it. 0 when nothing was recorded.
     */
    public int maxConcurrency() {
        List<Span> all = spans();
        long[] starts = all.stream().mapToLong(Span::startNanos).sorted().toArray();
        long[] ends = all.stream().mapToLong(Span::endNanos).sorted().toArray();
        int running = 0;
        int max = 0;
        int e = 0;
        for (long start : starts) {
            while (e < ends.length && ends[e] <= start) {
                running--;
                e++;
            }
            running++;
            max = Math.max(max, running);
        }
        return max;
    }

    /** One lane per worker, one bar per task, time in ms from the first start. */
    @Override
    public XYChart chart() {
        return TimelineChart.of(title, spans(), lanes(), maxConcurrency());
    }

    /** The title, the machine and every span as indented JSON. */
    public String toJson() {
        return Json.write(new TimelineData(title, Machine.current(), spans()));
    }

    /** Writes {@link #toJson()} to the file. */
    public void save(Path file) throws IOException {
        Json.save(new TimelineData(title, Machine.current(), spans()), file);
    }

    /**
     * A timeline holding the spans of JSON written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException when the text is not a timeline
     */
    public static Timeline fromJson(String json) {
        return Json.read(json, TimelineData.class, "a ParaLab timeline").toTimeline();
    }

    /** A timeline holding the spans of a file written by {@link #save(Path)}. */
    public static Timeline load(Path file) throws IOException {
        return Json.load(file, TimelineData.class, "a ParaLab timeline").toTimeline();
    }

    /** A one-line summary paragraph, escaped: tasks, workers, maximum concurrency. */
    @Override
    public String toHtml() {
        return "<p class=\"paralab-bench-note\">" + Html.escape(toString()) + "</p>\n";
    }

    /** E.g. {@code "Timeline[downloads: 20 tasks on 4 workers, max 3 at once]"}. */
    @Override
    public String toString() {
        List<Span> all = spans();
        return "Timeline[" + title + ": " + all.size() + " tasks on " + lanes().size() + " workers, max "
                + maxConcurrency() + " at once]";
    }

    /** The saved form of a timeline. */
    record TimelineData(String title, Machine machine, List<Span> spans) {
        TimelineData {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(machine, "machine");
            spans = List.copyOf(spans);
        }

        Timeline toTimeline() {
            Timeline timeline = new Timeline(title);
            timeline.spans.addAll(spans);
            return timeline;
        }
    }
}
