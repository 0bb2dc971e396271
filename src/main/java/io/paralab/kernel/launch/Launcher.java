package io.paralab.kernel.launch;

import io.paralab.kernel.ParalabKernel;
import io.paralab.kernel.protocol.KernelConnection;

import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The jar's entry point.
 * <ul>
 *   <li>{@code java -jar paralab.jar kernel CONNECTION_FILE} runs the kernel until the front end shuts it down;</li>
 *   <li>{@code java -jar paralab.jar install [--user | --prefix DIR] [--name NAME]} installs the kernelspec.</li>
 * </ul>
 * Bad arguments print a message naming the problem and exit with status 2.
 */
public final class Launcher {

    private static final String USAGE = """
            usage: java -jar paralab.jar kernel CONNECTION_FILE
                   java -jar paralab.jar install [--user | --prefix DIR] [--name NAME]""";

    /** Hidden subcommand: the training run that records the AOT cache ({@link KernelTraining}). */
    static final String TRAIN = "train";

    /** The JVM's own stderr, kept before the kernel routes {@code System.err} to cells. */
    private static final PrintStream TERMINAL = System.err;

    private static final Duration CHILD_GRACE = Duration.ofMillis(300);
    private static final Duration CLOSE_GRACE = Duration.ofMillis(200);

    private Launcher() {
    }

    /**
     * JJava and JeroMQ log through SLF4J; the kernel binds it to SLF4J's no-op provider by name. The provider's
     * service file is left out of the jar, so a program that only uses the library keeps its own logging binding.
     */
    private static void useKernelLogging() {
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, "org.slf4j.nop.NOPServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "WARN");   // no note that the provider was named
        }
    }

    private static final String SLF4J_PROVIDER = "slf4j.provider";

    /** Runs the subcommand named by {@code args[0]}. */
    public static void main(String[] args) throws Exception {
        useKernelLogging();
        if (args.length == 0) {
            fail("no command given");
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "kernel" -> {
                if (rest.size() != 1) {
                    fail("kernel needs exactly one argument, the connection file");
                }
                runKernel(Path.of(rest.get(0)));
            }
            case "install" -> {
                try {
                    Path dir = KernelspecInstaller.parse(rest).install();
                    System.out.println("Installed kernelspec " + dir.getFileName() + " in " + dir);
                } catch (IllegalArgumentException e) {
                    fail(e.getMessage());
                }
            }
            case TRAIN -> {
                try {
                    KernelTraining.run();
                } catch (Exception | Error e) {
                    TERMINAL.println("paralab: the training run failed: " + e);
                    e.printStackTrace(TERMINAL);
                    System.exit(1);
                }
                System.exit(0);
            }
            default -> fail("unknown command '" + args[0] + "'");
        }
    }

    private static void runKernel(Path connectionFile) throws Exception {
        if (!Files.isReadable(connectionFile)) {
            fail("cannot read connection file " + connectionFile);
        }
        KernelConnection connection =
                startKernel(KernelConnectionProperties.parse(Files.readString(connectionFile)));
        ParentWatch.parent(System.getenv()).ifPresent(parent -> parent.onExit().thenRun(() ->
                connection.shutDown("its front end (pid " + parent.pid() + ") is gone")));
        connection.awaitShutdown();
        Thread closer = Thread.ofPlatform().daemon().start(connection::close);
        stopChildren();
        closer.join(CLOSE_GRACE.toMillis());
        System.exit(0);
    }

    /**
     * Starts a kernel (JShell warms up in the background) serving the connection described by {@code props}.
     *
     * @return the bound connection; {@link KernelConnection#awaitShutdown()} returns when a front end shut it down
     */
    static KernelConnection startKernel(KernelConnectionProperties props) throws Exception {
        ParalabKernel kernel = ParalabKernel.start();
        KernelConnection connection = new KernelConnection(props);
        kernel.serve(connection);
        connection.connect();
        return connection;
    }

    /** Asks every descendant process to stop, and kills those still alive after a short grace period. */
    private static void stopChildren() {
        List<ProcessHandle> children = ProcessHandle.current().descendants().toList();
        children.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + CHILD_GRACE.toNanos();
        for (ProcessHandle child : children) {
            long left = deadline - System.nanoTime();
            try {
                if (left > 0) {
                    child.onExit().get(left, java.util.concurrent.TimeUnit.NANOSECONDS);
                }
            } catch (Exception e) {
                // still alive: killed below
            }
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
    }

    private static void fail(String message) {
        System.err.println("paralab: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
