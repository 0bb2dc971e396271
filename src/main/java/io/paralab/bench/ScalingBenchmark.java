package io.paralab.bench;

import io.paralab.threads.ProgressListener;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.stream.IntStream;

/**
 * Times the same work at several worker counts and returns a {@link ScalingResult} with the speed-up over
 * one worker. Made by {@link Bench#scaling(String)}.
 *
 * <p>The work is a function of the worker count; it starts that many workers (threads, a pool, child
 * JVMs), does the whole job with them and returns a result, which is kept reachable so the JIT cannot drop
 * the work. Rounds are interleaved: each warm-up and measured round runs every worker count once, in
 * increasing order. Runs happen on the calling thread; interrupting it stops the run with a
 * {@link java.util.concurrent.CancellationException}.
 *
 * <pre>{@code
 * ScalingResult r = Bench.scaling("count primes < 2,000,000")
 *         .maxWorkers(4)                       // 1, 2, 3, 4
 *         .warmup(5).runs(10)
 *         .work(n -> countPrimesWithThreads(2_000_000, n))
 *         .run();
 * }</pre>
 */
public final class ScalingBenchmark {

    private final String title;
    private final Map<String, String> parameters = new LinkedHashMap<>();
    private List<Integer> workerCounts = IntStream.rangeClosed(1, Runtime.getRuntime().availableProcessors())
            .boxed().toList();
    private Work work;
    private String varied = ScalingResult.WORKERS;
    private int warmup = 5;
    private int runs = 10;
    private ProgressListener progress;
    private LongSupplier clock = System::nanoTime;

    ScalingBenchmark(String title) {
        this.title = Objects.requireNonNull(title, "title");
    }

    /** Worker counts 1, 2, ..., {@code n} (default: up to the available cores). */
    public ScalingBenchmark maxWorkers(int n) {
        BenchArguments.atLeast(1, n, "maximum worker count");
        this.workerCounts = IntStream.rangeClosed(1, n).boxed().toList();
        return this;
    }

    /** Exactly these worker counts, e.g. {@code workers(1, 2, 4, 8)}; 1 must be among them. */
    public ScalingBenchmark workers(int... counts) {
        TreeSet<Integer> sorted = new TreeSet<>();
        for (int count : counts) {
            if (!sorted.add(BenchArguments.atLeast(1, count, "worker count"))) {
                throw new IllegalArgumentException("worker count " + count + " is given twice");
            }
        }
        if (!sorted.contains(1)) {
            throw new IllegalArgumentException("worker counts must include 1, the speed-up reference; got "
                    + sorted);
        }
        this.workerCounts = List.copyOf(sorted);
        return this;
    }

    /**
     * Names what the count is when it is not workers competing for the cores, e.g. {@code "permits"} of a
     * semaphore or {@code "connections"}: the chart then labels its axis with it and draws no core line.
     *
     * <pre>{@code
     * Bench.scaling("24 downloads vs permits").varying("permits").workers(1, 2, 4, 8).work(p -> download(p)).run();
     * }</pre>
     */
    public ScalingBenchmark varying(String quantity) {
        if (Objects.requireNonNull(quantity, "quantity").isBlank()) {
            throw new IllegalArgumentException("the varied quantity needs a name, e.g. \"permits\"");
        }
        this.varied = quantity;
        return this;
    }

    /**
     * The work as a function of the worker count. For work that returns nothing, return the count:
     * {@code n -> { runWith(n); return n; }}.
     */
    public ScalingBenchmark work(Work work) {
        this.work = Objects.requireNonNull(work, "work");
        return this;
    }

    /** Warm-up rounds (default 5); each runs every worker count once, unmeasured. */
    public ScalingBenchmark warmup(int rounds) {
        this.warmup = BenchArguments.atLeast(0, rounds, "warm-up rounds");
        return this;
    }

    /** Measured runs per worker count (default 10). */
    public ScalingBenchmark runs(int runs) {
        this.runs = BenchArguments.atLeast(1, runs, "measured runs");
        return this;
    }

    /** Records a parameter of the work with the result, e.g. {@code param("limit", 2_000_000)}. */
    public ScalingBenchmark param(String name, Object value) {
        parameters.put(Objects.requireNonNull(name, "name"), String.valueOf(value));
        return this;
    }

    /** Told after every run, warm-up included. */
    public ScalingBenchmark progress(ProgressListener listener) {
        this.progress = listener;
        return this;
    }

    /**
     * The work measured at each worker count; it may throw checked exceptions.
     *
     * <pre>{@code
     * ScalingBenchmark.Work work = n -> countPrimesWithPool(limit, n);
     * }</pre>
     */
    @FunctionalInterface
    public interface Work {
        /**
         * Does the whole job with {@code workers} workers.
         *
         * @return a result, kept reachable so the JIT cannot drop the work
         */
        Object run(int workers) throws Exception;
    }

    /** Test seam: the nanosecond clock runs are timed with. */
    ScalingBenchmark clock(LongSupplier nanoClock) {
        this.clock = Objects.requireNonNull(nanoClock, "nanoClock");
        return this;
    }

    /**
     * Runs the warm-up and measured rounds and returns the result.
     *
     * @throws IllegalStateException when no work was given, or the work threw (its exception is the cause)
     */
    public ScalingResult run() {
        if (work == null) {
            throw new IllegalStateException("no work to run: give it with work(workers -> ...)");
        }
        String startedAt = Instant.now().toString();
        Map<Integer, List<Long>> samples = new LinkedHashMap<>();
        workerCounts.forEach(n -> samples.put(n, new ArrayList<>()));
        Sampler sampler = new Sampler("scaling '" + title + "'", clock, progress,
                (long) workerCounts.size() * (warmup + runs));
        try {
            for (int round = 1; round <= warmup; round++) {
                for (int n : workerCounts) {
                    sampler.time(() -> work.run(n), n + " workers, warm-up round " + round);
                }
            }
            for (int run = 1; run <= runs; run++) {
                for (int n : workerCounts) {
                    samples.get(n).add(sampler.time(() -> work.run(n), n + " workers, measured run " + run));
                }
            }
        } finally {
            sampler.finish();
        }
        Map<String, String> recorded = new LinkedHashMap<>(parameters);
        recorded.put("warm-up rounds", String.valueOf(warmup));
        recorded.put("measured runs", String.valueOf(runs));
        recorded.put("order", "interleaved: each round runs every worker count once");
        List<ScalingPoint> points = samples.entrySet().stream()
                .map(e -> new ScalingPoint(e.getKey(), e.getValue())).toList();
        return new ScalingResult(title, points, recorded, Machine.current(), startedAt, varied);
    }
}
