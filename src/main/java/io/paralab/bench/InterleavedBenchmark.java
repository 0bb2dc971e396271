package io.paralab.bench;

import io.paralab.threads.ProgressListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * What a comparison ({@link CompareBenchmark}) and a scaling measurement ({@link ScalingBenchmark}) share: the
 * settings of the run and its schedule. Warm-up rounds come first, then measured rounds; each round runs every
 * entry (a variant, a worker count) once, in order, so a change of machine load hits every entry alike.
 *
 * <pre>{@code
 * Bench.compare("counter").warmup(10).runs(20).param("threads", 4).progress((done, total) -> ...)
 *         .variant("lock", () -> withLock()).variant("atomic", () -> withAtomic()).run();
 * }</pre>
 *
 * @param <B> the builder's own type, which every setting returns
 */
public abstract sealed class InterleavedBenchmark<B extends InterleavedBenchmark<B>>
        permits CompareBenchmark, ScalingBenchmark {

    /** What was measured, as the result's title. */
    final String title;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private int warmup;
    private int runs;
    private ProgressListener progress;
    private LongSupplier clock = System::nanoTime;

    InterleavedBenchmark(String title, int warmup, int runs) {
        this.title = Objects.requireNonNull(title, "title");
        this.warmup = warmup;
        this.runs = runs;
    }

    /**
     * Warm-up rounds before measuring (default 10 for a comparison, 5 for a scaling measurement); each runs
     * every entry once, unmeasured.
     */
    public B warmup(int rounds) {
        this.warmup = BenchArguments.atLeast(0, rounds, "warm-up rounds");
        return self();
    }

    /** Measured runs per entry (default 20 for a comparison, 10 for a scaling measurement). */
    public B runs(int runs) {
        this.runs = BenchArguments.atLeast(1, runs, "measured runs");
        return self();
    }

    /** Records a parameter of the work with the result, e.g. {@code param("threads", 4)}. */
    public B param(String name, Object value) {
        parameters.put(Objects.requireNonNull(name, "name"), String.valueOf(value));
        return self();
    }

    /** Told after every run, warm-up included. */
    public B progress(ProgressListener listener) {
        this.progress = listener;
        return self();
    }

    /** Test seam: the nanosecond clock runs are timed with. */
    B clock(LongSupplier nanoClock) {
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
        return self();
    }

    /**
     * Runs the warm-up rounds, then the measured rounds, each running every entry once in order.
     *
     * @param kind  names the run in error messages, e.g. {@code "compare"}
     * @param work  each entry's work; what it returns is kept reachable so the JIT cannot drop it
     * @param label names an entry in error messages, e.g. {@code "variant 'lock'"}
     * @return each entry's measured times in nanoseconds, in the entries' order
     * @throws java.util.concurrent.CancellationException when the calling thread is interrupted
     * @throws IllegalStateException when an entry's work threw; its exception is the cause
     */
    final <K> Map<K, List<Long>> timeRounds(String kind, Map<K, Callable<?>> work, Function<K, String> label) {
        Map<K, List<Long>> samples = new LinkedHashMap<>();
        work.keySet().forEach(key -> samples.put(key, new ArrayList<>()));
        Sampler sampler = new Sampler(kind + " '" + title + "'", clock, progress, (long) work.size() * (warmup + runs));
        try {
            for (int round = 1; round <= warmup; round++) {
                for (Map.Entry<K, Callable<?>> entry : work.entrySet()) {
                    sampler.time(entry.getValue(), label.apply(entry.getKey()) + ", warm-up round " + round);
                }
            }
            for (int run = 1; run <= runs; run++) {
                for (Map.Entry<K, Callable<?>> entry : work.entrySet()) {
                    samples.get(entry.getKey()).add(
                            sampler.time(entry.getValue(), label.apply(entry.getKey()) + ", measured run " + run));
                }
            }
        } finally {
            sampler.finish();
        }
        return samples;
    }

    /** The parameters given with {@link #param}, in insertion order, for the result to add to. */
    final Map<String, String> recordedParameters() {
        return new LinkedHashMap<>(parameters);
    }

    /** Adds how {@link #timeRounds} ran to a result's parameters; {@code order} says how the entries took turns. */
    final void recordSchedule(Map<String, String> recorded, String order) {
        recorded.put("warm-up rounds", String.valueOf(warmup));
        recorded.put("measured runs", String.valueOf(runs));
        recorded.put("order", order);
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }
}
