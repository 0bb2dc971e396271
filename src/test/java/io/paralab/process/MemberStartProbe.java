package io.paralab.process;

import io.paralab.cluster.ClusterPool;
import io.paralab.cluster.LocalCluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Manual speed probe (not a unit test): how long {@code LocalCluster.start(2)} takes with each kind of class-data
 * archive the members can start from ({@link WorkerArchive.Kind}: AOT cache, dynamic CDS archive, none), the
 * kinds interleaved start by start, and the first task's round trip right after each start. It first runs the
 * training start of each kind (members that form a cluster, run pool tasks and exit), so both archives exist; with
 * {@code --train} it does only that; {@code --first KIND} times the first start in a JVM instead. Run it from jars, as the kernel runs (the JVM archives jars only):
 *
 * <pre>{@code
 * java -cp target/paralab.jar:<test classes as a jar> io.paralab.process.MemberStartProbe [--starts 5] [--train]
 * XDG_CACHE_HOME=EMPTY_DIR java -cp ... io.paralab.process.MemberStartProbe --first aot|cds|none
 * }</pre>
 */
public final class MemberStartProbe {

    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final List<WorkerArchive.Kind> KINDS =
            List.of(WorkerArchive.Kind.AOT_CACHE, WorkerArchive.Kind.DYNAMIC_CDS, WorkerArchive.Kind.NONE);

    private MemberStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        int starts = 5;
        boolean trainOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--starts" -> starts = Integer.parseInt(args[++i]);
                case "--train" -> trainOnly = true;
                case "--first" -> {
                    firstStart(args[++i]);
                    return;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        for (WorkerArchive.Kind kind : List.of(WorkerArchive.Kind.AOT_CACHE, WorkerArchive.Kind.DYNAMIC_CDS)) {
            choose(kind);
            try (LocalCluster cluster = LocalCluster.start(2); ClusterPool pool = ClusterPool.of(cluster.connection())) {
                pool.map(x -> x * x, IntStream.range(0, 1000).boxed().toList());
                for (int i = 0; i < 50; i++) {
                    pool.submit(() -> 1).get();
                }
            }
            WorkerArchive.awaitRecordings(WAIT);
        }
        if (trainOnly) {
            return;
        }
        Map<WorkerArchive.Kind, List<Double>> startMs = new EnumMap<>(WorkerArchive.Kind.class);
        Map<WorkerArchive.Kind, List<Double>> firstTaskMs = new EnumMap<>(WorkerArchive.Kind.class);
        for (int round = 0; round < starts; round++) {
            for (WorkerArchive.Kind kind : KINDS) {
                choose(kind);
                long t0 = System.nanoTime();
                try (LocalCluster cluster = LocalCluster.start(2); ClusterPool pool = ClusterPool.of(cluster.connection())) {
                    long t1 = System.nanoTime();
                    pool.submit(() -> 1).get();
                    long t2 = System.nanoTime();
                    startMs.computeIfAbsent(kind, k -> new ArrayList<>()).add((t1 - t0) / 1e6);
                    firstTaskMs.computeIfAbsent(kind, k -> new ArrayList<>()).add((t2 - t1) / 1e6);
                }
                WorkerArchive.awaitRecordings(WAIT);
            }
        }
        System.out.println("| members start from | LocalCluster.start(2), median (min–max) | first task after it, median (min–max) |");
        System.out.println("|---|---|---|");
        for (WorkerArchive.Kind kind : KINDS) {
            System.out.println("| " + label(kind) + " | " + summary(startMs.get(kind), 1000, "s") + " | "
                    + summary(firstTaskMs.get(kind), 1, "ms") + " |");
        }
        System.out.println();
        System.out.println(starts + " starts of each kind, interleaved; cores: " + Runtime.getRuntime().availableProcessors()
                + ", JDK " + Runtime.version());
    }

    /**
     * The first start in this JVM, with the archive kind {@code kind} ({@code aot}, {@code cds}, {@code none}): run
     * with an {@code XDG_CACHE_HOME} of its own, no archive exists yet, so the first member records one. Prints
     * "first KIND START_S FIRST_TASK_MS".
     */
    private static void firstStart(String kind) throws Exception {
        System.setProperty(WorkerArchive.KIND_PROPERTY, kind);
        long t0 = System.nanoTime();
        try (LocalCluster cluster = LocalCluster.start(2); ClusterPool pool = ClusterPool.of(cluster.connection())) {
            long t1 = System.nanoTime();
            pool.submit(() -> 1).get();
            System.out.printf(Locale.ROOT, "first %s %.2f %.2f%n", kind, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e6);
        }
        WorkerArchive.awaitRecordings(WAIT);
    }

    private static String label(WorkerArchive.Kind kind) {
        return switch (kind) {
            case AOT_CACHE -> "an AOT cache (-XX:AOTCache)";
            case DYNAMIC_CDS -> "a dynamic CDS archive (-XX:SharedArchiveFile)";
            case NONE -> "no archive of their own (the JDK's CDS archive)";
        };
    }

    private static void choose(WorkerArchive.Kind kind) {
        System.setProperty(WorkerArchive.KIND_PROPERTY, switch (kind) {
            case AOT_CACHE -> "aot";
            case DYNAMIC_CDS -> "cds";
            case NONE -> "none";
        });
    }

    private static String summary(List<Double> samples, double divisor, String unit) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return String.format(Locale.ROOT, "%.2f %s (%.2f–%.2f)", median / divisor, unit, sorted.getFirst() / divisor,
                sorted.getLast() / divisor);
    }
}
