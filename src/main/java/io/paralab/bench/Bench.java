package io.paralab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/**
 * Entry point of the timing harness: compare variants, measure scaling over worker counts, or time one
 * piece of work for its raw samples. Every figure comes from warm-up plus repeated runs, never a single
 * number.
 *
 * <pre>{@code
 * CompareResult counters = Bench.compare("counter")
 *         .warmup(5).runs(20)
 *         .variant("synchronized", () -> syncCount())
 *         .variant("AtomicLong", () -> atomicCount())
 *         .baseline("synchronized")
 *         .run();
 * ScalingResult primes = Bench.scaling("primes").maxWorkers(4).work(n -> primesWith(n)).run();
 * Measurement raw = Bench.measure("parse", 10, 50, () -> parse(text));
 * }</pre>
 */
public final class Bench {

    private Bench() {
    }

    /**
     * Starts a comparison of named variants; add them, then {@link CompareBenchmark#run()}.
     *
     * @param title what is compared, shown on the table and chart
     * @return a builder with 10 warm-up rounds and 20 measured runs unless changed
     */
    public static CompareBenchmark compare(String title) {
        return new CompareBenchmark(title);
    }

    /**
     * Starts a scaling measurement over worker counts; give the work, then {@link ScalingBenchmark#run()}.
     *
     * @param title what is measured, shown on the table and chart
     * @return a builder for worker counts 1 up to the available cores unless changed
     */
    public static ScalingBenchmark scaling(String title) {
        return new ScalingBenchmark(title);
    }

    /**
     * Runs {@code work} {@code warmup} times unmeasured, then {@code runs} times measured, on the calling
     * thread, and returns the raw timings. The work's result is kept reachable.
     *
     * @param name   what is measured
     * @param warmup unmeasured runs first, at least 0
     * @param runs   measured runs, at least 1
     * @param work   the work; its result is kept reachable so the JIT cannot drop it
     * @return one sample per measured run, in nanoseconds
     * @throws IllegalStateException when the work threw; its exception is the cause
     */
    public static Measurement measure(String name, int warmup, int runs, Callable<?> work) {
        return measure(name, warmup, runs, work, System::nanoTime);
    }

    /** Like {@link #measure(String, int, int, Callable)} for work that returns nothing. */
    public static Measurement measure(String name, int warmup, int runs, CheckedRunnable work) {
        Objects.requireNonNull(work, "work");
        return measure(name, warmup, runs, work.asCallable(), System::nanoTime);
    }

    static Measurement measure(String name, int warmup, int runs, Callable<?> work, LongSupplier clock) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
        BenchArguments.atLeast(0, warmup, "warm-up rounds");
        BenchArguments.atLeast(1, runs, "measured runs");
        Sampler sampler = new Sampler("measure '" + name + "'", clock, null, (long) warmup + runs);
        List<Long> samples = new ArrayList<>(runs);
        try {
            for (int round = 1; round <= warmup; round++) {
                sampler.time(work, "warm-up round " + round);
            }
            for (int run = 1; run <= runs; run++) {
                samples.add(sampler.time(work, "measured run " + run));
            }
        } finally {
            sampler.finish();
        }
        return new Measurement(name, samples);
    }
}
