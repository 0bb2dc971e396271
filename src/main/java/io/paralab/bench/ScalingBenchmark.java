package io.paralab.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.Callable;
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
public final class ScalingBenchmark extends InterleavedBenchmark<ScalingBenchmark> {

    private List<Integer> workerCounts = IntStream.rangeClosed(1, Runtime.getRuntime().availableProcessors())
            .boxed().toList();
    private Work work;
    private String varied = ScalingResult.WORKERS;

    ScalingBenchmark(String title) {
        super(title, 5, 10);
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
        Map<Integer, Callable<?>> perCount = new LinkedHashMap<>();
        workerCounts.forEach(n -> perCount.put(n, () -> work.run(n)));
        Map<Integer, List<Long>> samples = timeRounds("scaling", perCount, n -> n + " workers");
        Map<String, String> recorded = recordedParameters();
        recordSchedule(recorded, "interleaved: each round runs every worker count once");
        List<ScalingPoint> points = samples.entrySet().stream()
                .map(e -> new ScalingPoint(e.getKey(), e.getValue())).toList();
        return new ScalingResult(title, points, recorded, Machine.current(), startedAt, varied);
    }
}
