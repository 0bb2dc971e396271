package io.paralab.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One child JVM running {@link WorkerMain}, seen from the parent: the process, its framed channel over
 * the child's stdin and stdout pipes (private to the two processes: no port, no file), the reader thread
 * that answers its class requests and hands every other frame (also what the child printed) to a
 * {@link Listener}, and the thread that copies its stderr to {@code System.err}. Both threads are created
 * by the thread that {@linkplain #connect connects}, so in a notebook they inherit the cell that started
 * the child.
 */
final class ChildJvm {

    /** Told about a child's frames and, once, about its end. Called on the child's reader thread. */
    interface Listener {
        void onMessage(ChildJvm child, Message message);

        void onExit(ChildJvm child, String howItEnded);
    }

    /** Prints what a child printed to its {@code System.out}, on the calling thread. */
    static void print(Message.Output output) {
        PrintStream out = System.out;   // looked up each time: the kernel routes it per cell
        out.write(output.bytes(), 0, output.bytes().length);
        out.flush();
    }

    /** What to start: the worker's name, threads, role, extra JVM options and class path. */
    record Spec(String name, int threads, ChildRole role, List<String> jvmOptions, String classPath) {}

    /** The timeout itself, when positive; else an {@link IllegalArgumentException}. */
    static Duration checkStartTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("start timeout must be positive, got " + timeout);
        }
        return timeout;
    }

    /**
     * Checks options meant for a child's java command: the child's stdout carries the channel, so options
     * that make the JVM print there are refused with a hint.
     *
     * @throws IllegalArgumentException naming the option and what to use instead
     */
    static List<String> checkJvmOptions(String... options) {
        for (String option : options) {
            if (option == null || option.isBlank()) {
                throw new IllegalArgumentException("empty JVM option in " + java.util.Arrays.toString(options));
            }
            String[] parts = option.split(":", -1);
            boolean toStdout = option.startsWith("-verbose") || option.startsWith("-XX:+Print")
                    || option.equals("--show-version") || option.equals("-version") || option.equals("--version")
                    || (parts[0].equals("-Xlog") && !option.equals("-Xlog:disable")
                        && (parts.length < 3 || parts[2].isEmpty() || parts[2].equals("stdout")));
            if (toStdout) {
                throw new IllegalArgumentException("JVM option " + option + " would print to the child's stdout, "
                        + "which carries its channel to the parent; log to stderr or a file instead, e.g. -Xlog:gc:stderr");
            }
        }
        return List.of(options);
    }

    /**
     * Small, fast-starting workers; JVM log output goes to stderr, since stdout carries the channel
     * (so do not add options that print to stdout, such as {@code -verbose}). Class-data sharing is on by default
     * ({@code -Xshare:auto}), and naming it would keep a child from using an AOT cache ({@link WorkerArchive}).
     */
    private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData",
            "-Xlog:disable", "-Xlog:all=warning:stderr");
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicLong TAGS = new AtomicLong();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> LIVE.forEach(p -> ProcessTree.killWithDescendants(p.toHandle())), "paralab-kill-children"));
    }

    private final Spec spec;
    private final Process process;
    private final WorkerArchive.Plan archive;
    /** Its {@link ProcessTree#TAG_VARIABLE}, which the processes it starts inherit. */
    private final String tag;
    private final FrameChannel channel;
    private final CountDownLatch outputDone = new CountDownLatch(2);
    private final CountDownLatch ready = new CountDownLatch(1);
    private volatile boolean isReady;
    private volatile String killReason;
    private volatile String dyingReason;

    private ChildJvm(Spec spec, Process process, WorkerArchive.Plan archive, String tag) {
        this.spec = spec;
        this.process = process;
        this.archive = archive;
        this.tag = tag;
        this.channel = new FrameChannel(process.getInputStream(), process.getOutputStream(), spec.name());
    }

    /** Starts the child process; frames sent to it wait in its stdin pipe until it reads them. */
    static ChildJvm launch(Spec spec) throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        WorkerArchive.Plan archive = WorkerArchive.planFor(command, spec.classPath(), spec.jvmOptions());
        command.addAll(archive.options());
        command.addAll(spec.jvmOptions());
        command.add(WorkerMain.class.getName());
        command.addAll(new WorkerMain.Arguments(spec.name(), spec.threads(), ProcessHandle.current().pid(), spec.role())
                .words());
        // The class path travels in CLASSPATH, not in -cp: the system keeps only the first page of a command line,
        // and a long class path would hide the main class and the worker's name from ps and ProcessHandle.info()
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("CLASSPATH", spec.classPath());
        String tag = ProcessHandle.current().pid() + "-" + spec.name() + "-" + TAGS.incrementAndGet();
        builder.environment().put(ProcessTree.TAG_VARIABLE, tag);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            archive.publish();   // nothing was recorded: frees the recorder's slot
            throw e;
        }
        LIVE.add(process);
        process.onExit().thenRun(() -> {
            LIVE.remove(process);
            archive.publish();
        });
        return new ChildJvm(spec, process, archive, tag);
    }

    /** Starts the reader, which answers the child's class requests and tells {@code listener} the rest, and the stderr pump. */
    void connect(ClassServer classes, Listener listener) {
        startErrorPump();
        Thread.ofPlatform().daemon().name(spec.name() + "-reader").start(() -> readLoop(classes, listener));
    }

    /** Without waiting here: kills the connected child if it has not reported it is set up within {@code timeout}. */
    void killUnlessReadyWithin(Duration timeout) {
        Thread.ofVirtual().name(spec.name() + "-start-watch").start(() -> {
            try {
                if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    kill("did not start within " + timeout.toMillis() + " ms");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Waits until the connected child reports it is set up. On failure the child is killed and the exception
     * says how it ended.
     */
    void awaitReady(Duration timeout) throws IOException {
        try {
            if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill("did not start within " + timeout.toMillis() + " ms");
            }
        } catch (InterruptedException e) {
            kill("was killed: its start was interrupted");
            Thread.currentThread().interrupt();
        }
        if (!isReady || killReason != null) {
            try {
                process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException(label() + " " + (process.isAlive() ? killReason : describeEnd())
                    + " before it was ready; see its stderr above");
        }
    }

    /** Queues a frame for the child; dropped when the child is gone. */
    void send(Message message) {
        channel.send(message);
    }

    FrameChannel channel() {
        return channel;
    }

    Process process() {
        return process;
    }

    /** The name it was started with, e.g. {@code "worker-1"}. */
    String name() {
        return spec.name();
    }

    /** E.g. {@code "worker-1 (pid 4242)"}. */
    String label() {
        return spec.name() + " (pid " + process.pid() + ")";
    }

    /** Kills the child and the processes it started (SIGKILL); the reason is what {@link Listener#onExit} reports. */
    void kill(String reason) {
        if (killReason == null) {
            killReason = reason;
        }
        ProcessTree.killWithDescendants(process.toHandle());
    }

    /**
     * Ends the child's stdin once the frames queued so far are written; its output is still read. A child that
     * ran its one task exits at once then: its reader thread is no longer blocked in a read, which the JVM's exit
     * would wait for (up to 300 ms).
     */
    void endInput() {
        channel.endOutput();
    }

    /** Closes the channel: the child sees end-of-file and halts; then waits for it to end, killing it if slow. */
    void close(Duration grace) {
        channel.close();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                ProcessTree.killWithDescendants(process.toHandle());
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            ProcessTree.killWithDescendants(process.toHandle());
            Thread.currentThread().interrupt();
        }
    }

    private void readLoop(ClassServer classes, Listener listener) {
        try {
            while (true) {
                Message message = channel.receive();
                if (message instanceof Message.ClassRequest request) {
                    channel.send(classes.answer(request));
                } else if (message instanceof Message.Ready) {
                    isReady = true;
                    ready.countDown();
                } else {
                    if (message instanceof Message.Dying dying) {
                        dyingReason = dying.reason();
                    }
                    listener.onMessage(this, message);
                }
            }
        } catch (IOException e) {
            // end of channel: the child ended or was closed
        } finally {
            outputDone.countDown();
            ready.countDown();   // wakes a connect() waiting for a child that ended first
        }
        channel.close();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill("was killed by the parent: its channel closed but it kept running");
                process.waitFor();
            }
            outputDone.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (process.exitValue() != 0) {
            ProcessTree.killTagged(tag);   // it may have ended without ending what it started (SIGKILL, halt)
        }
        listener.onExit(this, describeEnd());
    }

    /** How the child ended, e.g. "killed by signal 9 (SIGKILL)" or "exited with code 3 (OutOfMemoryError: ...)". */
    String describeEnd() {
        int code = process.exitValue();
        String how;
        if (killReason != null) {
            how = killReason;
        } else if (code > 128 && code < 160) {
            how = "was killed by signal " + (code - 128) + signalName(code - 128);
        } else {
            how = "exited with code " + code;
        }
        return dyingReason == null ? how : how + " (" + dyingReason + ")";
    }

    private static String signalName(int signal) {
        String name = Map.of(1, "SIGHUP", 2, "SIGINT", 3, "SIGQUIT", 6, "SIGABRT", 9, "SIGKILL",
                11, "SIGSEGV", 15, "SIGTERM").get(signal);
        return name == null ? "" : " (" + name + ")";
    }

    private void startErrorPump() {
        InputStream from = process.getErrorStream();
        Thread.ofPlatform().daemon().name(spec.name() + "-stderr").start(() -> {
            byte[] buffer = new byte[8192];
            LineDropper filter = archive.stderrFilter();
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    n = filter.filter(buffer, n);
                    PrintStream err = System.err;   // looked up each time: the kernel routes it per cell
                    err.write(buffer, 0, n);
                    err.flush();
                }
            } catch (IOException e) {
                // the child's end of the pipe is gone
            } finally {
                outputDone.countDown();
            }
        });
    }

    /** The java launcher and the JVM options every child starts with (before its own options and class path). */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(DEFAULT_JVM_OPTIONS);
        return command;
    }

    /**
     * The running JVM's own java launcher, from {@code java.home}: the process's command may be another
     * launcher (jshell, a native launcher), which does not take java's options.
     */
    private static String javaBinary() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        return Files.isExecutable(java) ? java.toString()
                : ProcessHandle.current().info().command().orElse(java.toString());
    }

    /**
     * {@code java.class.path}, the file URLs of every {@link URLClassLoader} in the loader's chain, then the
     * {@link ChildClassPath} entries.
     */
    static String classPathFor(ClassLoader loader) {
        Set<String> entries = new LinkedHashSet<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (ClassLoader l = loader; l != null; l = l.getParent()) {
            if (l instanceof URLClassLoader urls) {
                for (URL url : urls.getURLs()) {
                    if (url.getProtocol().equals("file")) {
                        try {
                            entries.add(Path.of(url.toURI()).toString());
                        } catch (URISyntaxException | IllegalArgumentException e) {
                            // not a local path: classes from it are fetched on demand instead
                        }
                    }
                }
            }
        }
        entries.addAll(ChildClassPath.asStrings());
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }
}
