package io.paralab.perf;

import io.paralab.process.JavaChild;
import io.paralab.perf.Row.Unit;
import io.paralab.process.ProcessPool;
import io.paralab.process.SerializableCallable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Workload 8, memory: an idle child JVM's VmRSS, PSS and private memory (a process-pool worker after one
 * trivial task, and a bare JVM waiting on its stdin), against the parent's VmRSS growth per idle platform
 * and virtual thread (50 of each, as the peers, parked on a latch). Read from {@code /proc/PID/status} and
 * {@code /proc/PID/smaps_rollup}, as the Python peers do.
 *
 * <pre>{@code
 * List<Row> rows = MemoryWorkload.run(5);
 * }</pre>
 */
final class MemoryWorkload {

    private static final int THREADS = 50;
    private static final String PY = "memory";
    private static final String PY_CHILD = "idle child process [spawn] ";

    private MemoryWorkload() {
    }

    static List<Row> run(int runs) throws Exception {
        double[][] worker = new double[3][runs];
        double[][] bare = new double[3][runs];
        double[] platform = new double[runs];
        double[] virtual = new double[runs];
        for (int run = 0; run < runs; run++) {
            try (ProcessPool pool = ProcessPool.of(1)) {
                PeerBenchmark.check(pool.submit((SerializableCallable<Integer>) () -> 1).get() == 1, "no result");
                put(worker, run, memoryOf(pool.workerPids().getFirst()));
            }
            try (JavaChild child = JavaChild.start(IdleMain.class)) {
                PeerBenchmark.check(child.firstLine().equals("ready"), "the idle JVM did not start");
                put(bare, run, memoryOf(child.pid()));
                child.closeInput();
            }
            platform[run] = threadGrowthKib(false);
            virtual[run] = threadGrowthKib(true);
        }
        List<Row> rows = new ArrayList<>();
        String[] keys = {"VmRSS", "Pss", "Private"};
        for (int k = 0; k < keys.length; k++) {
            rows.add(new Row("8", "idle pool worker JVM " + keys[k], Unit.MIB, worker[k], PY, PY_CHILD + keys[k], Target.NONE));
        }
        for (int k = 0; k < keys.length; k++) {
            rows.add(new Row("8", "idle bare JVM " + keys[k], Unit.MIB, bare[k], PY,
                    "idle subprocess python -c (bare interpreter) " + keys[k], Target.NONE));
        }
        rows.add(new Row("8", "idle platform thread, parent VmRSS growth / thread", Unit.KIB, platform, PY,
                "idle thread (parent delta / " + THREADS + " threads) VmRSS", Target.NONE));
        rows.add(new Row("8", "idle virtual thread, parent VmRSS growth / thread", Unit.KIB, virtual, PY,
                "idle thread (parent delta / " + THREADS + " threads) VmRSS", Target.NONE));
        return rows;
    }

    private static void put(double[][] into, int run, double[] values) {
        for (int k = 0; k < values.length; k++) {
            into[k][run] = values[k];
        }
    }

    /** VmRSS, Pss, Private_Clean + Private_Dirty of a process, in MiB. */
    private static double[] memoryOf(long pid) throws IOException {
        Path proc = Path.of("/proc", Long.toString(pid));
        double rss = kib(Files.readAllLines(proc.resolve("status")), "VmRSS:");
        List<String> rollup = Files.readAllLines(proc.resolve("smaps_rollup"));
        double pss = kib(rollup, "Pss:");
        double priv = kib(rollup, "Private_Clean:") + kib(rollup, "Private_Dirty:");
        return new double[] {rss / 1024, pss / 1024, priv / 1024};
    }

    private static double kib(List<String> lines, String key) {
        return lines.stream().filter(line -> line.startsWith(key))
                .mapToDouble(line -> Double.parseDouble(line.substring(key.length()).trim().split("\\s+")[0]))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + key + " in /proc"));
    }

    private static double threadGrowthKib(boolean virtual) throws Exception {
        CountDownLatch started = new CountDownLatch(THREADS);
        CountDownLatch stop = new CountDownLatch(1);
        double before = kib(Files.readAllLines(Path.of("/proc/self/status")), "VmRSS:");
        List<Thread> threads = new ArrayList<>();
        try {
            for (int i = 0; i < THREADS; i++) {
                Runnable idle = () -> {
                    started.countDown();
                    try {
                        stop.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                };
                threads.add(virtual ? Thread.ofVirtual().start(idle) : Thread.ofPlatform().start(idle));
            }
            PeerBenchmark.check(started.await(30, TimeUnit.SECONDS), "the idle threads did not start");
            return (kib(Files.readAllLines(Path.of("/proc/self/status")), "VmRSS:") - before) / THREADS;
        } finally {
            stop.countDown();
            for (Thread thread : threads) {
                thread.join(java.time.Duration.ofSeconds(30));
            }
        }
    }

    /** A bare idle JVM: says ready, then waits for the end of its stdin. */
    public static final class IdleMain {
        public static void main(String[] args) throws IOException {
            System.out.println("ready");
            System.out.flush();
            System.in.readAllBytes();
        }
    }
}
