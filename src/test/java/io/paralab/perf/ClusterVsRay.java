package io.paralab.perf;

import io.paralab.bench.CompareResult;
import io.paralab.bench.Measurement;
import io.paralab.bench.PythonPeers;
import io.paralab.bench.Stats;
import io.paralab.cluster.ClusterPool;
import io.paralab.cluster.LocalCluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * ParaLab's cluster pool against Ray, on this machine, in the same run: reads what {@code ray_peer.py} measured
 * (Ray with 2 CPUs), measures the same on a {@link LocalCluster} of 2 members with one task thread each, and
 * prints one Markdown table with the ratios. Both sides measure the one-task round trip twice: cold, right after
 * the start and 50 calls, and warm, after the tiny tasks and 50 more calls (a JVM's JIT needs thousands of calls;
 * CPython has none). Run by {@code src/test/perf/run-cluster-vs-ray.sh}, from jars after a training start, so the
 * members start from their class-data archive as a kernel's do:
 *
 * <pre>{@code
 * java -cp ... io.paralab.perf.ClusterVsRay target/ray.json --tasks 10000 --runs 5 --warmup 2 --round-trips 200
 * }</pre>
 */
public final class ClusterVsRay {

    private ClusterVsRay() {
    }

    public static void main(String[] args) throws Exception {
        Path rayFile = Path.of(args[0]);
        int tasks = 10_000, runs = 5, warmup = 2, roundTrips = 200;
        for (int i = 1; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--tasks" -> tasks = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--round-trips" -> roundTrips = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        PythonPeers ray = PythonPeers.load(rayFile);
        List<Integer> items = IntStream.range(0, tasks).boxed().toList();
        long expected = items.stream().mapToLong(i -> (long) i * i).sum();

        long startedAt = System.nanoTime();
        List<Long> start = new ArrayList<>(), coldTrips = new ArrayList<>(), trips = new ArrayList<>(), submits = new ArrayList<>(), maps = new ArrayList<>();
        try (LocalCluster cluster = LocalCluster.start(2); ClusterPool pool = ClusterPool.of(cluster.connection())) {
            pool.submit(() -> 1).get();
            start.add(System.nanoTime() - startedAt);
            coldTrips.addAll(roundTrips(pool, roundTrips));   // right after the start: the JVMs are cold
            for (int run = 0; run < warmup + runs; run++) {   // warm-up runs first, not kept
                long t0 = System.nanoTime();
                List<Future<Long>> futures = new ArrayList<>(tasks);
                for (int i = 0; i < tasks; i++) {
                    long x = i;
                    futures.add(pool.submit(() -> x * x));
                }
                long sum = 0;
                for (Future<Long> f : futures) {
                    sum += f.get();
                }
                long submitNanos = System.nanoTime() - t0;
                t0 = System.nanoTime();
                long mapSum = pool.map(x -> (long) x * x, items).stream().mapToLong(Long::longValue).sum();
                long mapNanos = System.nanoTime() - t0;
                if (sum != expected || mapSum != expected) {
                    throw new IllegalStateException("wrong sums " + sum + ", " + mapSum + ", expected " + expected);
                }
                if (run >= warmup) {
                    submits.add(submitNanos);
                    maps.add(mapNanos);
                }
            }
            trips.addAll(roundTrips(pool, roundTrips));   // after the tiny tasks, as ray_peer.py measures: warm
        }
        Measurement rayStart = only(ray.workload("ray_start"));
        Measurement rayColdTrip = only(ray.workload("cold_round_trip"));
        Measurement rayTrip = only(ray.workload("round_trip"));
        Measurement rayTasks = only(ray.workload("tiny_tasks"));
        System.out.println("| measure (2 workers, this machine, same run) | Ray (Python " + ray.machine().runtimeVersion() + ")"
                + " | ParaLab cluster pool | Ray ÷ ParaLab |");
        System.out.println("|---|---|---|---|");
        row("start: ray.init(num_cpus=2) / LocalCluster.start(2), to a first task's result", rayStart, new Measurement("start", start), "s");
        row("one-task round trip right after the start and 50 calls (cold), median (min–max)", rayColdTrip,
                new Measurement("cold trip", coldTrips), "ms");
        row("one-task round trip: ray.get(f.remote()) / pool.submit(() -> 1).get()", rayTrip, new Measurement("trip", trips), "ms");
        row(tasks + " tiny tasks: ray.get([sq.remote(i) ...]) / " + tasks + " pool.submit(() -> x * x)", rayTasks,
                new Measurement("submits", submits), "s");
        row(tasks + " tiny tasks: the same Ray figure / pool.map(x -> x * x, items)", rayTasks, new Measurement("map", maps), "s");
        System.out.println();
        System.out.println("Median (min–max) of the samples; ratio > 1: ParaLab took less time. Ray's python: "
                + ray.command());
    }

    /** 50 untimed calls of {@code () -> 1}, then the nanoseconds of each of {@code calls} more. */
    private static List<Long> roundTrips(ClusterPool pool, int calls) throws Exception {
        for (int i = 0; i < 50; i++) {
            pool.submit(() -> 1).get();
        }
        List<Long> trips = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            pool.submit(() -> 1).get();
            trips.add(System.nanoTime() - t0);
        }
        return trips;
    }

    private static Measurement only(CompareResult workload) {
        return workload.variants().getFirst();
    }

    private static void row(String what, Measurement ray, Measurement ours, String unit) {
        Stats r = ray.stats(), o = ours.stats();
        System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %.1f× |", what, format(r, unit), format(o, unit),
                r.median() / o.median()));
    }

    private static String format(Stats s, String unit) {
        double scale = unit.equals("s") ? 1e9 : 1e6;
        return s.n() == 1 ? String.format(Locale.ROOT, "%.2f %s", s.median() / scale, unit)
                : String.format(Locale.ROOT, "%.2f %s (%.2f–%.2f)", s.median() / scale, unit, s.min() / scale, s.max() / scale);
    }
}
