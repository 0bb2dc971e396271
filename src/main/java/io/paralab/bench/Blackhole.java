package io.paralab.bench;

/**
 * Keeps the results of measured work reachable, so the JIT cannot drop the computation that made them.
 * A volatile write publishes every result; {@link #clear()} lets go of the last one after a run.
 */
final class Blackhole {

    private static volatile Object sink;

    private Blackhole() {
    }

    static void consume(Object result) {
        sink = result;
    }

    static void clear() {
        sink = null;
    }
}
