package io.paralab.process;

import io.paralab.threads.CancellationScope;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One child JVM that runs one serializable task (a lambda or an object) or a main class, like Python's
 * {@code multiprocessing.Process}. The child runs on this JVM's java binary and class path (plus the
 * class path of the task's class loader); classes it lacks — e.g. defined in a notebook cell — are
 * fetched from this JVM on demand. Its stdout and stderr are copied to this JVM's {@code System.out} and
 * {@code System.err}; a {@link Pipe} talks to it while it runs. It exits by itself if this JVM dies.
 *
 * <pre>{@code
 * try (JvmProcess<Long> child = JvmProcess.start(() -> ProcessHandle.current().pid())) {
 *     System.out.println(child.pid() + " == " + child.result());
 * }
 * }</pre>
 *
 * <p>Started inside a {@link CancellationScope} (a notebook cell), the child is killed when the scope is
 * cancelled.
 *
 * @param <R> the task's result type
 */
public final class JvmProcess<R> implements AutoCloseable {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final ChildJvm child;
    private final Pipe pipe;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();
    private final CancellationScope.Registration registration;
    private final boolean mainClass;

    private JvmProcess(Builder builder, Object task, TaskMode mode, ClassLoader loader) throws IOException {
        mainClass = task instanceof MainClassTask;
        byte[] bytes = SerializationProbe.serializeOrExplain(task, "the task");
        CellValues cellValues = CellValues.capture(task, null);
        ClassServer classes = new ClassServer();
        classes.add(Thread.currentThread().getContextClassLoader());
        classes.add(loader);
        String name = builder.name != null ? builder.name : "child-" + COUNTER.incrementAndGet();
        child = ChildJvm.launch(new ChildJvm.Spec(name, 1, ChildRole.SINGLE, builder.jvmOptions,
                ChildJvm.classPathFor(loader)));
        child.connect(classes, new Listener(loader));
        child.killUnlessReadyWithin(builder.startTimeout);
        pipe = new Pipe(child.channel(), loader);
        if (!cellValues.isEmpty()) {
            child.send(new Message.CellVariables(cellValues.encoded()));
        }
        child.send(new Message.DefineFunction(1, bytes));
        child.send(new Message.RunTask(1, 1, mode, null));
        registration = CancellationScope.register(() -> child.kill("was killed: its cancellation scope was cancelled"));
    }

    /**
     * Starts a child JVM that runs {@code task} and sends back its result.
     *
     * @throws IllegalArgumentException when the task cannot be serialized, naming the captured culprit
     * @throws UncheckedIOException     when the child could not be started
     */
    public static <R> JvmProcess<R> start(SerializableCallable<R> task) {
        return builder().start(task);
    }

    /** Starts a child JVM that runs {@code task} with its end of a {@link Pipe}; see {@link #pipe()}. */
    public static <R> JvmProcess<R> start(SerializableFunction<Pipe, R> task) {
        return builder().start(task);
    }

    /** Starts a child JVM that runs {@code mainClass.main(args)}; the class may be defined in a notebook cell. */
    public static JvmProcess<Void> startMain(Class<?> mainClass, String... args) {
        return builder().startMain(mainClass, args);
    }

    /** Options: name, JVM options, start timeout. */
    public static Builder builder() {
        return new Builder();
    }

    /** The child's process id. */
    public long pid() {
        return child.process().pid();
    }

    /** What the OS says about the child: command line, start time, CPU time. */
    public ProcessHandle.Info info() {
        return child.process().info();
    }

    /** This JVM's end of the pipe to the child's task. */
    public Pipe pipe() {
        return pipe;
    }

    /** Whether the child is still running. */
    public boolean isAlive() {
        return child.process().isAlive();
    }

    /**
     * Waits for the task's result. What the task printed to {@code System.out} before returning has been
     * printed here already; stderr is copied separately and may trail (see {@link #onExit()}).
     *
     * @throws ExecutionException caused by what the task threw (its class, message and remote stack trace), or
     *                            by a {@link WorkerDiedException} saying how the child ended without a result
     */
    public R result() throws InterruptedException, ExecutionException {
        return result.get();
    }

    /** Like {@link #result()}, waiting at most {@code timeout}; the child keeps running on timeout. */
    public R result(Duration timeout) throws InterruptedException, ExecutionException, TimeoutException {
        return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Completes when the child has ended and its stdout and stderr were copied. */
    public CompletableFuture<Void> onExit() {
        return ended.copy();
    }

    /** Waits for the child to end and returns its exit code. */
    public int waitFor() throws InterruptedException {
        ended.join();
        return child.process().waitFor();
    }

    /** Kills the child (SIGKILL) if it still runs; {@link #result()} then fails saying it was killed. */
    public void kill() {
        child.kill("was killed by JvmProcess.kill()");
    }

    /** Kills the child if its task has not finished, then waits for it to end (killing it if it lingers). */
    @Override
    public void close() {
        if (!result.isDone()) {
            kill();
        }
        try {
            ended.get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            kill();
            ended.join();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
        registration.close();
    }

    @Override
    public String toString() {
        return "JvmProcess[" + child.label() + (isAlive() ? ", running" : ", ended") + "]";
    }

    private final class Listener implements ChildJvm.Listener {
        private final ClassLoader loader;

        Listener(ClassLoader loader) {
            this.loader = loader;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void onMessage(ChildJvm from, Message message) {
            switch (message) {
                case Message.TaskDone done -> {
                    from.endInput();
                    try {
                        result.complete((R) ValueCodec.decode(done.value(), loader));
                    } catch (IOException | ClassNotFoundException e) {
                        result.completeExceptionally(new IllegalStateException(
                                "cannot decode the result of " + from.label() + ": " + e, e));
                    }
                }
                case Message.TaskFailed failed -> {
                    from.endInput();
                    result.completeExceptionally(ValueCodec.decodeThrowable(failed.throwable(), loader));
                }
                case Message.PipeMessage m -> pipe.deliver(m.payload());
                case Message.Output m -> ChildJvm.print(m);
                default -> { }
            }
        }

        @Override
        public void onExit(ChildJvm from, String howItEnded) {
            pipe.end();
            if (mainClass && from.process().exitValue() == 0) {
                result.complete(null);   // a main that ended with System.exit(0) ended normally
            }
            result.completeExceptionally(new WorkerDiedException(from.name(),
                    from.process().pid(), howItEnded, WorkerDiedException.Role.CULPRIT, "while running its task"));
            registration.close();
            ended.complete(null);
        }
    }

    /**
     * Options for a {@link JvmProcess}.
     *
     * <pre>{@code
     * JvmProcess<Integer> p = JvmProcess.builder().jvmOptions("-Xmx64m").name("cruncher").start(() -> 42);
     * }</pre>
     */
    public static final class Builder extends ChildJvmBuilder<Builder> {
        private String name;

        private Builder() {
        }

        /** The child's name in messages and thread names. */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        public <R> JvmProcess<R> start(SerializableCallable<R> task) {
            return launch(Objects.requireNonNull(task, "task"), TaskMode.CALL);
        }

        public <R> JvmProcess<R> start(SerializableFunction<Pipe, R> task) {
            return launch(Objects.requireNonNull(task, "task"), TaskMode.PIPE);
        }

        public JvmProcess<Void> startMain(Class<?> mainClass, String... args) {
            List<String> copy = new ArrayList<>(Arrays.asList(args));
            return launch(new MainClassTask(mainClass.getName(), copy.toArray(String[]::new)), TaskMode.CALL,
                    mainClass.getClassLoader());
        }

        private <R> JvmProcess<R> launch(Object task, TaskMode mode) {
            return launch(task, mode, task.getClass().getClassLoader());
        }

        private <R> JvmProcess<R> launch(Object task, TaskMode mode, ClassLoader loader) {
            try {
                return new JvmProcess<>(this, task, mode, loader);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start a child JVM: " + e.getMessage(), e);
            }
        }
    }
}
