package io.paralab.process;

import io.paralab.cluster.ClusterPool;
import io.paralab.cluster.LocalCluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

/**
 * A parent JVM for {@link MemberAotCacheTest}, started from jars only (the JVM makes an AOT cache for such a class
 * path alone) with {@code XDG_CACHE_HOME} in the test's folder, so the cache is made there. It starts a one-member
 * cluster three times, each member logging its AOT cache use to {@code LOG_DIR/member-PID.log}: the first member
 * is the training run; the second starts from the cache assembled after it; the third from that cache overwritten
 * with garbage. It prints one line per fact for the test to read.
 *
 * <pre>{@code
 * XDG_CACHE_HOME=/t/cache java -cp classes.jar:test-classes.jar:deps... io.paralab.process.MemberAotCacheProbe /t/logs
 * }</pre>
 */
public final class MemberAotCacheProbe {

    private static final Duration WAIT = Duration.ofMinutes(3);

    private MemberAotCacheProbe() {
    }

    public static void main(String[] args) throws Exception {
        String log = "-Xlog:aot=info:file=" + Path.of(args[0]).resolve("member-%p.log");
        System.out.println("trained " + runTasks(log));
        WorkerArchive.awaitRecordings(WAIT);
        System.out.println("files " + cacheFiles());
        System.out.println("cached " + runTasks(log));
        try (var files = Files.list(WorkerArchive.directory())) {
            for (Path cache : files.filter(p -> p.toString().endsWith(".aot")).toList()) {
                Files.write(cache, "not an AOT cache".repeat(1000).getBytes());
            }
        }
        System.out.println("corrupt " + runTasks(log));
        WorkerArchive.awaitRecordings(WAIT);
        System.out.println("files " + cacheFiles());
        System.out.println("descendants " + ProcessHandle.current().descendants().map(ProcessHandle::pid).toList());
    }

    /** Starts a one-member cluster, runs the kind of tasks a pool sends, and returns "PID SUM". */
    private static String runTasks(String log) {
        try (LocalCluster cluster = LocalCluster.builder().members(1).jvmOptions(log).startTimeout(WAIT).start();
             ClusterPool pool = ClusterPool.of(cluster.connection())) {
            long pid = cluster.memberPids().getFirst();
            List<Integer> squares = pool.map(x -> x * x, IntStream.rangeClosed(1, 20).boxed().toList());
            return pid + " " + squares.stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static List<String> cacheFiles() throws Exception {
        try (var files = Files.list(WorkerArchive.directory())) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
