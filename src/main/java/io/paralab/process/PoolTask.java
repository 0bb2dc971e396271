package io.paralab.process;

import java.util.concurrent.ScheduledFuture;

/**
 * One unit of work in a {@link ProcessPool}, seen from the parent: a function, its encoded arguments
 * (one map chunk, or none), its future, and where it is. Fields other than the finals are guarded by the
 * pool's lock.
 */
final class PoolTask {

    /** A function shipped once to each worker that runs tasks of it; forgotten when its last task ends. */
    static final class FunctionRef {
        final int id;
        final byte[] bytes;
        final ClassLoader loader;
        int outstanding;

        FunctionRef(int id, byte[] bytes, ClassLoader loader, int outstanding) {
            this.id = id;
            this.bytes = bytes;
            this.loader = loader;
            this.outstanding = outstanding;
        }
    }

    final int id;
    final FunctionRef function;
    final byte mode;
    final byte[] arguments;
    final String label;
    final TaskFuture<?> future;
    final Runnable local;
    final OutputRelay output;

    int retriesLeft;
    int requeues;
    PoolWorker worker;
    boolean started;
    boolean timedOut;
    boolean killOnStart;
    boolean finished;
    ScheduledFuture<?> timeout;

    PoolTask(int id, FunctionRef function, byte mode, byte[] arguments, String label, TaskFuture<?> future,
             Runnable local, OutputRelay output, int retries) {
        this.id = id;
        this.function = function;
        this.mode = mode;
        this.arguments = arguments;
        this.label = label;
        this.future = future;
        this.local = local;
        this.output = output;
        this.retriesLeft = retries;
    }

    @SuppressWarnings("unchecked")
    void complete(Object value) {
        ((TaskFuture<Object>) future).completeFromWorker(value);
    }

    void fail(Throwable cause) {
        future.failFromWorker(cause);
    }
}
