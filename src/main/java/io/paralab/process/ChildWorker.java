package io.paralab.process;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The task runner inside a child JVM: reads frames from the parent, runs tasks on its own threads,
 * writes back results, exceptions and class requests. In the {@link ChildRole#SINGLE} role (a {@link JvmProcess}) it
 * runs one task on the main thread and then lets the JVM end.
 */
final class ChildWorker {

    /** Exit code when the parent closed the channel or died. */
    static final int EXIT_PARENT_GONE = 0;
    /** Exit code after an {@link OutOfMemoryError}, as with {@code -XX:+ExitOnOutOfMemoryError}. */
    static final int EXIT_OUT_OF_MEMORY = 3;

    /** The task the calling thread runs for, inherited by threads a task starts; 0 outside tasks. */
    private static final InheritableThreadLocal<Integer> CURRENT_TASK = new InheritableThreadLocal<>();

    private final FrameChannel channel;
    private final String name;
    private final boolean single;
    private final ChannelClassFetcher classRequests;
    private final RemoteClassLoader loader;
    private final Pipe pipe;
    private final ExecutorService executor;
    private final Map<Integer, FunctionSlot> functions = new ConcurrentHashMap<>();
    private final Set<Integer> running = ConcurrentHashMap.newKeySet();
    private final Map<Thread, Integer> taskOfThread = new ConcurrentHashMap<>();
    private final CellValueUpdates cellValues = new CellValueUpdates();
    private final LinkedBlockingQueue<Message.RunTask> singleTask = new LinkedBlockingQueue<>();
    private volatile boolean taskDone;

    ChildWorker(FrameChannel channel, String name, int threads, ChildRole role) {
        this.channel = channel;
        this.name = name;
        this.single = role == ChildRole.SINGLE;
        this.classRequests = new ChannelClassFetcher(channel);
        this.loader = new RemoteClassLoader(classRequests, ClassLoader.getSystemClassLoader());
        this.pipe = new Pipe(channel, loader);
        AtomicInteger index = new AtomicInteger();
        this.executor = single ? null : Executors.newFixedThreadPool(threads, task -> {
            int i = index.getAndIncrement();
            Thread thread = new Thread(task, name + "-task-" + i);
            thread.setDaemon(true);
            thread.setContextClassLoader(loader);
            return thread;
        });
    }

    void run() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::reportShutdown, "paralab-dying-report"));
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof OutOfMemoryError oom) {
                int task = currentTask();   // the task whose thread (or a thread it started) ran out
                die(task != 0 ? List.of(task) : List.of(), oom);
            }
            e.printStackTrace();
        });
        channel.send(new Message.Ready());
        if (single) {
            Thread reader = new Thread(this::readLoop, name + "-reader");
            reader.setDaemon(true);
            reader.start();
            Thread.currentThread().setContextClassLoader(loader);
            try {
                runTask(singleTask.take(), cellValues.received(), 0);
                System.out.flush();
                System.err.flush();
                channel.flush(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            readLoop();
        }
    }

    private void readLoop() {
        try {
            while (true) {
                // an if-chain, not a pattern switch: its bootstrap would slow every child's start
                Message message = channel.receive();
                if (message instanceof Message.RunTask m) {
                    if (single) {
                        singleTask.add(m);
                    } else {
                        int cellUpdates = cellValues.received();
                        executor.execute(() -> runTask(m, cellUpdates, threadIndex()));
                    }
                } else if (message instanceof Message.CellVariables m) {
                    cellValues.add(m.entries());
                } else if (message instanceof Message.DefineFunction m) {
                    functions.put(m.functionId(), new FunctionSlot(m.bytes()));
                } else if (message instanceof Message.ForgetFunction m) {
                    functions.remove(m.functionId());
                } else if (message instanceof Message.ClassResponse m) {
                    classRequests.answer(m);
                } else if (message instanceof Message.PipeMessage m) {
                    pipe.deliver(m.payload());
                }
            }
        } catch (IOException e) {
            // the parent closed the channel or died: nothing is left to do here
            if (!single || !running.isEmpty() || !singleTask.isEmpty() || !taskDone) {
                ProcessTree.killDescendants();
                Runtime.getRuntime().halt(EXIT_PARENT_GONE);
            }
        }
    }

    static int currentTask() {
        Integer task = CURRENT_TASK.get();
        return task == null ? 0 : task;
    }

    private static int threadIndex() {
        String threadName = Thread.currentThread().getName();
        return Integer.parseInt(threadName.substring(threadName.lastIndexOf('-') + 1));
    }

    /** Runs a task after setting the cell variables sent before it ({@code cellUpdates} updates). */
    private void runTask(Message.RunTask task, int cellUpdates, int thread) {
        int id = task.taskId();
        running.add(id);
        taskOfThread.put(Thread.currentThread(), id);
        CURRENT_TASK.set(id);
        long start = System.nanoTime();
        try {
            // set its cell variables and load its function (class requests) before it counts as started,
            // so a task's timeout and timeline measure the task, not the first load of a cell's classes
            cellValues.applyUpTo(cellUpdates, loader);
            Object function = function(task);
            start = System.nanoTime();
            channel.send(new Message.TaskStarted(id, start));
            byte[] value = execute(task, function);
            running.remove(id);
            taskDone = single;      // before the parent can see the result and end this JVM's stdin
            channel.send(new Message.TaskDone(id, thread, start, System.nanoTime(), value));
        } catch (OutOfMemoryError e) {
            die(List.of(id), e);
        } catch (Throwable t) {
            running.remove(id);
            taskDone = single;
            channel.send(new Message.TaskFailed(id, thread, start, System.nanoTime(), ValueCodec.encodeThrowable(t)));
        } finally {
            taskOfThread.remove(Thread.currentThread());
            CURRENT_TASK.remove();
        }
    }

    private Object function(Message.RunTask task) throws Exception {
        FunctionSlot slot = functions.get(task.functionId());
        if (slot == null) {
            throw new IllegalStateException("no function " + task.functionId() + " was sent to " + name);
        }
        return slot.get(loader);
    }

    @SuppressWarnings("unchecked")
    private byte[] execute(Message.RunTask task, Object function) throws Exception {
        List<Object> results = switch (task.mode()) {
            case EACH -> {
                List<Object> arguments = ValueCodec.decodeAll(task.arguments(), loader);
                List<Object> values = new ArrayList<>(arguments.size());
                Function<Object, Object> f = (Function<Object, Object>) function;
                for (Object argument : arguments) {
                    values.add(f.apply(argument));
                }
                yield values;
            }
            case CALL -> {
                if (function instanceof Callable<?> callable) {
                    yield java.util.Collections.singletonList(callable.call());
                }
                ((Runnable) function).run();
                yield java.util.Collections.singletonList(null);
            }
            case PIPE -> java.util.Collections.singletonList(((Function<Pipe, Object>) function).apply(pipe));
        };
        return encodeResult(results);
    }

    private static byte[] encodeResult(List<Object> results) {
        try {
            return ValueCodec.encodeAll(results);
        } catch (java.io.UncheckedIOException e) {
            String culprit = SerializationProbe.findCulprit(results);
            throw new IllegalStateException("the task's result cannot be sent back to the parent: "
                    + (culprit != null ? culprit : e.getCause()), e.getCause());
        }
    }

    /** Reports the task at fault for an OutOfMemoryError (none: not known) and halts; the heap may be unusable now. */
    private void die(List<Integer> culprits, OutOfMemoryError e) {
        try {
            channel.send(new Message.Dying(culprits.stream().mapToInt(Integer::intValue).toArray(),
                    "OutOfMemoryError: " + e.getMessage()));
            channel.flush(1_000);
        } catch (Throwable ignored) {
            // nothing more can be done with an exhausted heap
        } finally {
            try {
                ProcessTree.killDescendants();
            } catch (Throwable ignored) {
                // the heap may not even allow listing them; halt all the same
            }
            Runtime.getRuntime().halt(EXIT_OUT_OF_MEMORY);
        }
    }

    /**
     * Shutdown hook: tells the parent which task called System.exit; at a signal (SIGTERM, SIGINT) it names
     * none, since no task is to blame.
     */
    private void reportShutdown() {
        if (running.isEmpty()) {
            return;
        }
        List<Integer> culprits = new ArrayList<>();
        taskOfThread.forEach((thread, task) -> {
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().equals("java.lang.Runtime") && frame.getMethodName().equals("exit")) {
                    culprits.add(task);
                    break;
                }
            }
        });
        String reason = culprits.isEmpty() ? "the JVM shut down while tasks ran" : "System.exit was called by the task";
        channel.send(new Message.Dying(culprits.stream().mapToInt(Integer::intValue).toArray(), reason));
        try {
            channel.flush(1_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A function sent once, deserialized on first use by a task thread (which may fetch classes remotely). */
    private static final class FunctionSlot {
        private final byte[] bytes;
        private Object function;
        private Exception failure;

        FunctionSlot(byte[] bytes) {
            this.bytes = bytes;
        }

        synchronized Object get(ClassLoader loader) throws Exception {
            if (function == null && failure == null) {
                try {
                    function = ValueCodec.deserialize(bytes, loader);
                } catch (Exception e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
            return function;
        }
    }
}
