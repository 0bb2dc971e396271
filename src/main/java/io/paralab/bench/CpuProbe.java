package io.paralab.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many cores' worth of CPU this JVM gets right now. {@link Runtime#availableProcessors()} says how many
 * cores the JVM may use; on a shared or virtual machine other programs may be using them. The probe times
 * a busy loop alone, then one copy per core at once, interleaved: with {@code n} free cores the {@code n}
 * copies take as long as one, so {@code free = n × time alone / time together}. About {@code n} on an idle
 * machine, less on a busy one — and a parallel speed-up cannot exceed it.
 *
 * <pre>{@code
 * CpuProbe probe = CpuProbe.measure();
 * probe.freeCores();   // e.g. 1.93
 * probe;               // "1.93 of 2 cores free right now (a busy loop alone vs 2 at once)"
 * }</pre>
 *
 * @param cores     {@link Runtime#availableProcessors()}
 * @param freeCores cores' worth of CPU found free, between 0 and about {@code cores}
 * @param timings   the loop alone and together, as measured
 */
public record CpuProbe(int cores, double freeCores, CompareResult timings) {

    private static final long SPINS = 5_000_000;

    /** Runs the probe: about a quarter of a second on an idle machine. */
    public static CpuProbe measure() {
        int cores = Runtime.getRuntime().availableProcessors();
        CompareResult timings = Bench.compare("CPU probe: a busy loop alone and " + cores + " at once")
                .warmup(5).runs(9)
                .variant("alone", () -> spin(SPINS))
                .variant("together", () -> spinTogether(cores))
                .run();
        return new CpuProbe(cores, cores * timings.speedup("together"), timings);
    }

    /** E.g. {@code "1.93 of 2 cores free right now (a busy loop alone vs 2 at once)"}. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f of %d cores free right now (a busy loop alone vs %d at once)",
                freeCores, cores, cores);
    }

    private static long spinTogether(int copies) throws Exception {
        try (ExecutorService threads = Executors.newFixedThreadPool(copies)) {
            List<Future<Long>> spins = new ArrayList<>();
            for (int i = 0; i < copies; i++) {
                spins.add(threads.submit(() -> spin(SPINS)));
            }
            long sum = 0;
            for (Future<Long> spin : spins) {
                sum += spin.get();
            }
            return sum;
        }
    }

    /** A CPU-bound loop the JIT cannot remove. */
    static long spin(long n) {
        long x = 0;
        for (long i = 0; i < n; i++) {
            x += (i * i) ^ (x >>> 3);
        }
        return x;
    }
}
