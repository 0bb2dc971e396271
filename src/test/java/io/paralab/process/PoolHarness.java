package io.paralab.process;

import java.util.stream.Collectors;

/**
 * A parent JVM for {@link ParentKillTest}: starts a pool, prints its workers' pids on one line, then waits
 * until it is killed.
 */
public final class PoolHarness {

    private PoolHarness() {
    }

    public static void main(String[] args) throws InterruptedException {
        ProcessPool pool = ProcessPool.of(Integer.parseInt(args[0]));
        System.out.println("PIDS " + pool.workerPids().stream().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.flush();
        Thread.currentThread().join();   // until killed
    }
}
