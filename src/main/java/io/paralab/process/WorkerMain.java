package io.paralab.process;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The main class of every child JVM that ParaLab starts. Its stdin and stdout are the framed channel to
 * the parent (private pipes, no port, no file); what its code prints to {@code System.out} travels to the
 * parent as frames, and {@code System.err} stays the real stderr pipe, which the parent copies. It runs
 * the tasks it is sent (see {@link ChildWorker}) and exits by itself when the parent dies, even by
 * SIGKILL: its stdin reaches end-of-file, and a watchdog also notices that its parent process changed. The
 * processes its tasks started end with it (see {@link ProcessTree}).
 *
 * <p>Arguments, each named: {@code --name=<name> --threads=<n> --parent=<parent pid> --role=<pool|single>};
 * started by {@link ChildJvm}, not by hand:
 * <pre>{@code
 * CLASSPATH=<class path> java io.paralab.process.WorkerMain --name=worker-1 --threads=2 --parent=4242 --role=pool
 * }</pre>
 */
public final class WorkerMain {

    private static final long WATCHDOG_PERIOD_MILLIS = 250;

    private WorkerMain() {
    }

    /** A child's arguments, by name. */
    record Arguments(String name, int threads, long parentPid, ChildRole role) {

        private static final String USAGE =
                "usage: WorkerMain --name=<name> --threads=<n> --parent=<parent pid> --role=<pool|single>";

        /** The command-line words, in {@link #parse}'s order. */
        List<String> words() {
            return List.of("--name=" + name, "--threads=" + threads, "--parent=" + parentPid, "--role=" + role.argument());
        }

        /**
         * Reads the four named arguments, in any order.
         *
         * @throws IllegalArgumentException naming the argument that is missing, repeated, unknown or malformed
         */
        static Arguments parse(String... args) {
            Map<String, String> values = new HashMap<>();
            for (String arg : args) {
                int equals = arg.indexOf('=');
                String key = equals < 0 ? arg : arg.substring(0, equals);
                if (equals < 0 || !List.of("--name", "--threads", "--parent", "--role").contains(key)) {
                    throw new IllegalArgumentException("unknown argument '" + arg + "'; " + USAGE);
                }
                if (values.put(key, arg.substring(equals + 1)) != null) {
                    throw new IllegalArgumentException("argument " + key + " given twice; " + USAGE);
                }
            }
            String role = required(values, "--role");
            if (!role.equals(ChildRole.POOL.argument()) && !role.equals(ChildRole.SINGLE.argument())) {
                throw new IllegalArgumentException("--role must be pool or single, got '" + role + "'; " + USAGE);
            }
            return new Arguments(required(values, "--name"), (int) number(values, "--threads"),
                    number(values, "--parent"), ChildRole.valueOf(role.toUpperCase(java.util.Locale.ROOT)));
        }

        private static long number(Map<String, String> values, String key) {
            String value = required(values, key);
            try {
                long n = Long.parseLong(value);
                if (n > 0 && n <= Integer.MAX_VALUE || key.equals("--parent") && n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(key + " must be a positive number, got '" + value + "'; " + USAGE);
        }

        private static String required(Map<String, String> values, String key) {
            String value = values.get(key);
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("missing argument " + key + "; " + USAGE);
            }
            return value;
        }
    }

    public static void main(String[] args) {
        Arguments arguments;
        try {
            arguments = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        watchParent(arguments.parentPid());
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessTree::killDescendants, "paralab-kill-descendants"));
        warmUpDeserialization();
        FrameChannel channel = new FrameChannel(new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out), arguments.name());
        System.setIn(InputStream.nullInputStream());
        System.setOut(new PrintStream(new OutputFrames(channel), true));
        new ChildWorker(channel, arguments.name(), arguments.threads(), arguments.role()).run();
    }

    /** Halts this JVM soon after the parent process is gone (then this process is re-parented). */
    private static void watchParent(long parentPid) {
        Thread watchdog = new Thread(() -> {
            while (true) {
                long current = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (current != parentPid) {
                    ProcessTree.killDescendants();
                    Runtime.getRuntime().halt(ChildWorker.EXIT_PARENT_GONE);
                }
                try {
                    Thread.sleep(WATCHDOG_PERIOD_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "paralab-parent-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Java serialization's first use costs tens of milliseconds (filter configuration, logging set-up);
     * pay it on another thread while this one sets up the channel and the parent sends the first task.
     */
    private static void warmUpDeserialization() {
        Thread warmUp = new Thread(() -> {
            try {
                ValueCodec.deserialize(ValueCodec.serialize(Boolean.TRUE), null);
            } catch (IOException | ClassNotFoundException e) {
                // only a warm-up: the first task pays instead
            }
        }, "paralab-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
    }

    /** {@code System.out} of a child: every write becomes an {@link Message.Output} frame. */
    private static final class OutputFrames extends OutputStream {
        private final FrameChannel channel;

        OutputFrames(FrameChannel channel) {
            this.channel = channel;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            if (len > 0) {
                channel.send(new Message.Output(ChildWorker.currentTask(), java.util.Arrays.copyOfRange(b, off, off + len)));
            }
        }
    }
}
