package io.paralab.perf;

import io.paralab.bench.Bench;
import io.paralab.bench.Measurement;
import io.paralab.perf.Row.Unit;
import io.paralab.process.JvmProcess;

import java.time.Duration;
import java.util.List;

/**
 * Workload 7, creation cost: serially create, start and join 1000 platform threads, 1000 virtual threads,
 * and 20 child JVMs ({@link JvmProcess#startMain} of a no-op main). The whole loop is timed.
 *
 * <pre>{@code
 * List<Row> rows = CreationWorkload.run(10);
 * }</pre>
 */
final class CreationWorkload {

    private static final int THREADS = 1000;
    private static final int JVMS = 20;
    /** 20 JVMs take seconds: fewer runs than the thread loops. */
    private static final int JVM_RUNS = 3;
    private static final String PY = "thread_vs_process_creation";

    private CreationWorkload() {
    }

    static List<Row> run(int runs) {
        Runnable noop = () -> { };
        Measurement platform = Bench.measure("1000 platform threads", PeerBenchmark.WARM_UP, runs, () -> {
            for (int i = 0; i < THREADS; i++) {
                join(Thread.ofPlatform().start(noop));
            }
        });
        Measurement virtual = Bench.measure("1000 virtual threads", PeerBenchmark.WARM_UP, runs, () -> {
            for (int i = 0; i < THREADS; i++) {
                join(Thread.ofVirtual().start(noop));
            }
        });
        Measurement jvms = Bench.measure("20 child JVMs", 1, JVM_RUNS, () -> {
            for (int i = 0; i < JVMS; i++) {
                try (JvmProcess<Void> child = JvmProcess.startMain(NoOp.class)) {
                    PeerBenchmark.check(child.waitFor() == 0, "a child JVM did not exit with 0");
                }
            }
        });
        return List.of(
                new Row("7", "1000 platform threads, create-start-join", Unit.SECONDS,
                        Row.seconds(platform.samplesNanos()), PY, "1000 threads", Target.NONE),
                new Row("7", "1000 virtual threads, create-start-join", Unit.SECONDS,
                        Row.seconds(virtual.samplesNanos()), PY, "1000 threads", Target.NONE),
                new Row("7", "20 child JVMs (JvmProcess.startMain), create-start-join", Unit.SECONDS,
                        Row.seconds(jvms.samplesNanos()), PY, "20 processes [spawn]", Target.NONE));
    }

    private static void join(Thread thread) throws InterruptedException {
        PeerBenchmark.check(thread.join(Duration.ofSeconds(30)), thread + " did not end");
    }

    /** The child JVMs' main: does nothing. */
    public static final class NoOp {
        public static void main(String[] args) {
        }
    }
}
