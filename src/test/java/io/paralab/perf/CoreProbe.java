package io.paralab.perf;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Measures how many cores' worth of CPU this process gets right now, like {@code python_peers.py}'s probe:
 * {@code 2 × t(one busy loop alone) / t(two busy loops at once)}, medians of 5. About 2.0 means two full
 * cores; about 1.0 means the host gave the two vCPUs one core's worth, and any speed-up collapses.
 *
 * <pre>{@code
 * double cores = CoreProbe.effectiveCores();   // e.g. 1.96
 * }</pre>
 */
public final class CoreProbe {

    private static final int REPEATS = 5;
    private static final long LOOP = 20_000_000L;

    private CoreProbe() {
    }

    /** The effective core count, between about 0.5 and 2 on a 2-vCPU machine. */
    public static double effectiveCores() throws InterruptedException {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 3; i++) {
                burn();   // warm the JIT
            }
            double[] alone = new double[REPEATS];
            double[] together = new double[REPEATS];
            for (int i = 0; i < REPEATS; i++) {
                alone[i] = timedBurn();
                CountDownLatch start = new CountDownLatch(1);
                Future<Double> a = two.submit(() -> { start.await(); return timedBurn(); });
                Future<Double> b = two.submit(() -> { start.await(); return timedBurn(); });
                start.countDown();
                together[i] = Math.max(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
            }
            return Math.round(200 * median(alone) / median(together)) / 100.0;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the core probe failed", e);
        } finally {
            two.shutdownNow();
        }
    }

    private static double timedBurn() {
        long start = System.nanoTime();
        if (burn() == 42) {
            System.out.print("");   // keeps the loop's result alive
        }
        return System.nanoTime() - start;
    }

    private static long burn() {
        long x = 1;
        for (long i = 0; i < LOOP; i++) {
            x = x * 6364136223846793005L + i;
        }
        return x;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
