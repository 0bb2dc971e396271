package io.paralab.perf;

import io.paralab.perf.Row.Unit;
import io.paralab.process.ProcessPool;
import io.paralab.process.SerializableCallable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Workload 3: count the primes below 200,000 by trial division (divisors 2..isqrt(n)) as 4 ranges of
 * 50,000 submitted to a warm executor and summed (17984). Sequential, fixed thread pools of 1, 2 and 4, and
 * a process pool of 2, interleaved round by round as the Python peers do, so that a change in the CPU the
 * host gives hits every variant alike. The 2-thread speed-up is t(1 thread) / t(2 threads) per round.
 *
 * <pre>{@code
 * List<Row> rows = PrimesWorkload.run(10);
 * }</pre>
 */
final class PrimesWorkload {

    private static final int EXPECTED = 17_984;
    private static final int RANGES = 4;
    private static final int RANGE = 50_000;
    private static final String PY = "cpu_bound_scaling";

    private PrimesWorkload() {
    }

    /** Primes p with lo ≤ p < hi, by trial division. */
    static int countPrimes(int lo, int hi) {
        int count = 0;
        for (int n = Math.max(lo, 2); n < hi; n++) {
            boolean prime = true;
            int root = (int) Math.sqrt(n);
            for (int d = 2; d <= root; d++) {
                if (n % d == 0) {
                    prime = false;
                    break;
                }
            }
            if (prime) {
                count++;
            }
        }
        return count;
    }

    static List<Row> run(int runs) throws Exception {
        Map<String, ExecutorService> executors = new LinkedHashMap<>();
        executors.put("1 thread", Executors.newFixedThreadPool(1));
        executors.put("2 threads", Executors.newFixedThreadPool(2));
        executors.put("4 threads", Executors.newFixedThreadPool(4));
        executors.put("2 processes", ProcessPool.of(2));
        Map<String, double[]> samples = new LinkedHashMap<>();
        samples.put("sequential", new double[runs]);
        executors.keySet().forEach(name -> samples.put(name, new double[runs]));
        double[] speedUp = new double[runs];
        try {
            for (int round = -PeerBenchmark.WARM_UP; round < runs; round++) {
                double sequential = time(PrimesWorkload::sequential);
                if (round >= 0) {
                    samples.get("sequential")[round] = sequential;
                }
                for (Map.Entry<String, ExecutorService> executor : executors.entrySet()) {
                    double seconds = time(() -> onExecutor(executor.getValue()));
                    if (round >= 0) {
                        samples.get(executor.getKey())[round] = seconds;
                    }
                }
                if (round >= 0) {
                    speedUp[round] = samples.get("1 thread")[round] / samples.get("2 threads")[round];
                }
            }
        } finally {
            executors.values().forEach(ExecutorService::close);
        }
        List<Row> rows = new ArrayList<>();
        rows.add(new Row("3", "primes sequential", Unit.SECONDS, samples.get("sequential"), PY, "sequential", Target.NONE));
        rows.add(new Row("3", "primes, fixed pool 1 thread", Unit.SECONDS, samples.get("1 thread"), PY,
                "ThreadPoolExecutor(1)", Target.NONE));
        rows.add(new Row("3", "primes, fixed pool 2 threads", Unit.SECONDS, samples.get("2 threads"), PY,
                "ThreadPoolExecutor(2)", Target.NONE));
        rows.add(new Row("3", "primes, fixed pool 4 threads", Unit.SECONDS, samples.get("4 threads"), PY,
                "ThreadPoolExecutor(4)", Target.NONE));
        rows.add(new Row("3", "primes, ProcessPool 2 processes", Unit.SECONDS, samples.get("2 processes"), PY,
                "ProcessPoolExecutor(2)", Target.NONE));
        rows.add(new Row("3", "primes speed-up, 2 threads vs 1 thread", Unit.TIMES, speedUp, null, null,
                Target.atLeast(1.8, "≥ 1.8×")));
        return rows;
    }

    private static int sequential() {
        int total = 0;
        for (int i = 0; i < RANGES; i++) {
            total += countPrimes(i * RANGE, (i + 1) * RANGE);
        }
        return total;
    }

    private static int onExecutor(ExecutorService executor) throws Exception {
        List<Future<Integer>> parts = new ArrayList<>();
        for (int i = 0; i < RANGES; i++) {
            int lo = i * RANGE;
            parts.add(executor.submit((SerializableCallable<Integer>) () -> countPrimes(lo, lo + RANGE)));
        }
        int total = 0;
        for (Future<Integer> part : parts) {
            total += part.get();
        }
        return total;
    }

    private static double time(Callable<Integer> count) throws Exception {
        long start = System.nanoTime();
        int total = count.call();
        long elapsed = System.nanoTime() - start;
        PeerBenchmark.check(total == EXPECTED, "counted " + total + " primes, expected " + EXPECTED);
        return elapsed / 1e9;
    }
}
