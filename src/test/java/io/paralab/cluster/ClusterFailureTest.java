package io.paralab.cluster;

import io.paralab.process.WorkerDiedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A member killed with SIGKILL while it runs a task: that task fails naming the member (or runs again on
 * another member when retries are asked for), every other task completes, and the counts add up. Three
 * members, one task thread each, started once; each test kills one.
 */
class ClusterFailureTest {

    private static LocalCluster cluster;
    private static ClusterConnection connection;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.builder().members(3).startTimeout(Duration.ofMinutes(5)).start();
        connection = cluster.connection();
    }

    @AfterAll
    static void stopCluster() {
        List<Long> pids = cluster.memberPids();
        cluster.close();
        for (long pid : pids) {
            assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "member " + pid + " ended");
        }
    }

    /** Waits until a task has written its member's pid into {@code victim}, then kills that member. */
    private static long killWhereItRuns(ClusterLong victim) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (victim.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        long pid = victim.get();
        assertNotEquals(0, pid, "the task started within 60 s");
        assertTrue(cluster.memberPids().contains(pid));
        ProcessHandle.of(pid).orElseThrow().destroyForcibly();
        return pid;
    }

    @Test
    void theKilledMembersTaskFailsNamingItAndEveryOtherTaskCompletes() throws Exception {
        ClusterLong victim = connection.clusterLong("victim-a");
        try (ClusterPool pool = ClusterPool.of(connection)) {
            Future<Integer> doomed = pool.submit(() -> {
                victim.set(ProcessHandle.current().pid());
                Thread.sleep(120_000);
                return -1;
            });
            List<Future<Integer>> others = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                int n = i;
                others.add(pool.submit(() -> {
                    Thread.sleep(5);
                    return n;
                }));
            }
            long pid = killWhereItRuns(victim);
            ExecutionException e = assertThrows(ExecutionException.class, () -> doomed.get(60, TimeUnit.SECONDS));
            WorkerDiedException died = assertInstanceOf(WorkerDiedException.class, e.getCause());
            assertEquals(pid, died.pid());
            assertTrue(died.getMessage().matches("member-\\d \\(pid " + pid + "\\) left the cluster.* while running task 1"),
                    died.getMessage());
            int succeeded = 0;
            for (int i = 0; i < others.size(); i++) {
                assertEquals(i, others.get(i).get(60, TimeUnit.SECONDS));
                succeeded++;
            }
            assertEquals(31, succeeded + 1, "30 completed and the killed one failed: none lost");
        }
        assertFalse(cluster.memberPids().isEmpty());
    }

    @Test
    void withRetriesTheKilledMembersTaskRunsAgainElsewhere() throws Exception {
        ClusterLong victim = connection.clusterLong("victim-b");
        ClusterLong attempts = connection.clusterLong("attempts-b");
        try (ClusterPool pool = ClusterPool.builder(connection).retries(1).build()) {
            Future<Long> task = pool.submit(() -> {
                if (attempts.incrementAndGet() == 1) {
                    victim.set(ProcessHandle.current().pid());
                    Thread.sleep(120_000);
                }
                return ProcessHandle.current().pid();
            });
            long pid = killWhereItRuns(victim);
            long ranOn = task.get(60, TimeUnit.SECONDS);
            assertNotEquals(pid, ranOn);
            assertEquals(2, attempts.get());
        }
    }
}
