package io.paralab.cluster;

import com.hazelcast.core.HazelcastInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real JShell cells ({@code jshell --execution local}, as the kernel runs them) on a two-member local
 * cluster with four task threads per member: a cell-defined record and lambda run on the members, which are
 * other processes, and read a cell variable; tasks running at once on every thread read two cell variables
 * as they were at submit, also after the cell changed them; the atomic update counts exactly; closing the
 * cluster leaves no member running.
 */
class ClusterJShellTest {

    private static final String CELLS = """
            import io.paralab.cluster.*;
            record Point(int x, int y) implements java.io.Serializable {}
            int k = 1000;
            var cluster = LocalCluster.builder().members(2).threadsPerMember(4).start();
            var pool = ClusterPool.of(cluster.connection());
            System.out.println("RESULT " + pool.map(p -> p.x() * p.y() + k, List.of(new Point(2, 3), new Point(4, 5))));
            long here = ProcessHandle.current().pid();
            var pids = new java.util.TreeSet<>(pool.map(i -> ProcessHandle.current().pid(), List.of(1, 2, 3, 4, 5, 6, 7, 8)));
            System.out.println("ELSEWHERE " + (!pids.contains(here) && cluster.memberPids().containsAll(pids)));
            int a = 7;
            long b = 1000;
            var arrived = cluster.connection().clusterLong("arrived");
            var together = pool.map(i -> {
                arrived.incrementAndGet();
                long end = System.nanoTime() + 120_000_000_000L;
                while (arrived.get() < 8 && System.nanoTime() < end) java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                return arrived.get() >= 8 ? i * a + b : -1;
            }, List.of(0, 1, 2, 3, 4, 5, 6, 7));
            System.out.println("TOGETHER " + together);
            var spread = pool.map(i -> i * a + b, java.util.stream.IntStream.range(0, 400).boxed().toList());
            System.out.println("SPREAD " + java.util.stream.IntStream.range(0, 400).allMatch(i -> spread.get(i) == i * 7L + 1000));
            a = 9;
            b = 5;
            var again = pool.map(i -> i * a + b, java.util.stream.IntStream.range(0, 400).boxed().toList());
            System.out.println("CHANGED " + java.util.stream.IntStream.range(0, 400).allMatch(i -> again.get(i) == i * 9L + 5));
            var hits = cluster.connection().clusterLong("hits");
            pool.map(i -> hits.incrementAndGet(), java.util.stream.IntStream.range(0, 200).boxed().toList());
            System.out.println("HITS " + hits.get());
            var members = cluster.memberPids();
            pool.close();
            cluster.close();
            System.out.println("LEFT " + members.stream().filter(p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false)).count());
            /exit
            """;

    @TempDir
    Path dir;

    @Test
    void aCellRecordLambdaAndVariableRunOnTheMembers() throws Exception {
        Path jshell = Path.of(System.getProperty("java.home"), "bin", "jshell");
        assumeTrue(Files.isExecutable(jshell), "this JDK has no jshell");
        Path script = Files.writeString(dir.resolve("cells.jsh"), CELLS);
        Path output = dir.resolve("out.txt");
        String classPath = Path.of(LocalCluster.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(HazelcastInstance.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                + File.pathSeparator
                + Path.of(org.objectweb.asm.ClassReader.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // the jshell launcher resolves only its own modules; a kernel (java -jar) has all of them, as here
        Process process = new ProcessBuilder(jshell.toString(), "-J--add-modules=ALL-SYSTEM", "--execution", "local",
                "--class-path", classPath,
                script.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            assertTrue(process.waitFor(300, TimeUnit.SECONDS), "jshell finished");
        } finally {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        String printed = Files.readString(output);
        assertTrue(printed.contains("RESULT [1006, 1020]"), printed);
        assertTrue(printed.contains("ELSEWHERE true"), printed);
        assertTrue(printed.contains("HITS 200"), printed);
        // 8 tasks that wait for each other ran at once, 4 on each member, each reading two cell variables
        assertTrue(printed.contains("TOGETHER [1000, 1007, 1014, 1021, 1028, 1035, 1042, 1049]"), printed);
        assertTrue(printed.contains("SPREAD true"), printed);
        assertTrue(printed.contains("CHANGED true"), printed);
        assertTrue(printed.contains("LEFT 0"), printed);
    }
}
