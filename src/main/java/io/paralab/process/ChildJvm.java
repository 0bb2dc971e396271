package io.paralab.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * One child JVM running {@link WorkerMain}, seen from the parent: the process, its framed channel over a
 * Unix-domain socket in an owner-only directory, the threads that copy its stdout/stderr to the parent's
 * {@code System.out}/{@code System.err}, and the reader thread that answers its class requests and hands
 * every other frame to a {@link Listener}. The pumps and the reader are created by the thread that
 * {@linkplain #connect connects}, so in a notebook they inherit the cell that started the child.
 */
final class ChildJvm {

    /** Told about a child's frames and, once, about its end. Called on the child's reader thread. */
    interface Listener {
        void onMessage(ChildJvm child, Message message);

        void onExit(ChildJvm child, String howItEnded);
    }

    /** What to start: the worker's name, threads, mode, extra JVM options and class path. */
    record Spec(String name, int threads, boolean single, List<String> jvmOptions, String classPath) {}

    private static final List<String> DEFAULT_JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto");
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicLong SOCKET_COUNTER = new AtomicLong();
    private static volatile Path socketDirectory;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(Process::destroyForcibly),
                "paralab-kill-children"));
    }

    private final Spec spec;
    private final Process process;
    private final ServerSocketChannel server;
    private final Path socketPath;
    private final CountDownLatch pumpsDone = new CountDownLatch(2);
    private volatile FrameChannel channel;
    private volatile String killReason;
    private volatile String dyingReason;

    private ChildJvm(Spec spec, Process process, ServerSocketChannel server, Path socketPath) {
        this.spec = spec;
        this.process = process;
        this.server = server;
        this.socketPath = socketPath;
    }

    /** Starts the child process; it connects back while the caller does other work. */
    static ChildJvm launch(Spec spec) throws IOException {
        Path socketPath = socketDirectory().resolve("c" + SOCKET_COUNTER.incrementAndGet() + ".sock");
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socketPath));
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(DEFAULT_JVM_OPTIONS);
        command.addAll(spec.jvmOptions());
        command.add("-cp");
        command.add(spec.classPath());
        command.add(WorkerMain.class.getName());
        command.add(socketPath.toString());
        command.add(spec.name());
        command.add(Integer.toString(spec.threads()));
        command.add(Long.toString(ProcessHandle.current().pid()));
        command.add(spec.single() ? "single" : "pool");
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            server.close();
            Files.deleteIfExists(socketPath);
            throw e;
        }
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
        process.getOutputStream().close();   // the child's stdin: end-of-file, never the parent's console
        return new ChildJvm(spec, process, server, socketPath);
    }

    /**
     * Starts the output pumps, waits for the child to connect and starts the reader thread. On failure the
     * child is killed and the exception says how it ended.
     */
    void connect(Duration timeout, ClassServer classes, Listener listener) throws IOException {
        startPump(process.getInputStream(), () -> System.out, "out");
        startPump(process.getErrorStream(), () -> System.err, "err");
        CompletableFuture<?> exited = process.onExit().thenRun(this::closeServer);
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS).execute(this::closeServer);
        SocketChannel socket;
        try {
            socket = server.accept();
        } catch (IOException e) {
            process.destroyForcibly();
            String how = process.isAlive() ? "did not connect within " + timeout.toMillis() + " ms" : describeEnd();
            throw new IOException(label() + " " + how + " before it connected; see its stderr above", e);
        } finally {
            exited.cancel(false);
            closeServer();
        }
        channel = new FrameChannel(socket, spec.name());
        Thread.ofPlatform().daemon().name(spec.name() + "-reader").start(() -> readLoop(classes, listener));
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

    /** E.g. {@code "worker-1 (pid 4242)"}. */
    String label() {
        return spec.name() + " (pid " + process.pid() + ")";
    }

    /** Kills the child (SIGKILL); the reason is what {@link Listener#onExit} reports. */
    void kill(String reason) {
        if (killReason == null) {
            killReason = reason;
        }
        process.destroyForcibly();
    }

    /** Closes the channel: the child sees end-of-file and halts; then waits for it to end, killing it if slow. */
    void close(Duration grace) {
        if (channel != null) {
            channel.close();
        }
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the child's stdout and stderr were copied to the end. */
    boolean awaitOutput(Duration timeout) throws InterruptedException {
        return pumpsDone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void readLoop(ClassServer classes, Listener listener) {
        try {
            while (true) {
                Message message = channel.receive();
                if (message instanceof Message.ClassRequest request) {
                    channel.send(classes.answer(request));
                } else {
                    if (message instanceof Message.Dying dying) {
                        dyingReason = dying.reason();
                    }
                    listener.onMessage(this, message);
                }
            }
        } catch (IOException e) {
            // end of channel: the child ended or was closed
        }
        channel.close();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill("killed by the parent: its channel closed but it kept running");
                process.waitFor();
            }
            pumpsDone.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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

    private void startPump(InputStream from, Supplier<PrintStream> to, String which) {
        Thread.ofPlatform().daemon().name(spec.name() + "-std" + which).start(() -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int n; (n = from.read(buffer)) >= 0; ) {
                    OutputStream out = to.get();   // looked up each time: the kernel swaps System.out per cell
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // the child's end of the pipe is gone
            } finally {
                pumpsDone.countDown();
            }
        });
    }

    private void closeServer() {
        try {
            server.close();
            Files.deleteIfExists(socketPath);
        } catch (IOException ignored) {
            // already closed or deleted
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** {@code java.class.path} plus the file URLs of every {@link URLClassLoader} in the loader's chain. */
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
        entries.remove("");
        return String.join(File.pathSeparator, entries);
    }

    private static Path socketDirectory() throws IOException {
        Path dir = socketDirectory;
        if (dir == null) {
            synchronized (ChildJvm.class) {
                dir = socketDirectory;
                if (dir == null) {
                    dir = Files.createTempDirectory("paralab-",
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    dir.toFile().deleteOnExit();
                    socketDirectory = dir;
                }
            }
        }
        return dir;
    }
}
