package io.paralab.process;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The main class of every child JVM that ParaLab starts. Its stdin and stdout are the framed channel to
 * the parent (private pipes, no port, no file); what its code prints to {@code System.out} travels to the
 * parent as frames, and {@code System.err} stays the real stderr pipe, which the parent copies. It runs
 * the tasks it is sent (see {@link ChildWorker}) and exits by itself when the parent dies, even by
 * SIGKILL: its stdin reaches end-of-file, and a watchdog also notices that its parent process changed.
 *
 * <p>Arguments: {@code <name> <threads> <parent pid> <pool|single>}; started by {@link ChildJvm}, not by hand:
 * <pre>{@code
 * java -cp <class path> io.paralab.process.WorkerMain worker-1 2 4242 pool
 * }</pre>
 */
public final class WorkerMain {

    private static final long WATCHDOG_PERIOD_MILLIS = 250;

    private WorkerMain() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: WorkerMain <name> <threads> <parent pid> <pool|single>");
            System.exit(2);
        }
        String name = args[0];
        int threads = Integer.parseInt(args[1]);
        long parentPid = Long.parseLong(args[2]);
        boolean single = args[3].equals("single");
        watchParent(parentPid);
        warmUpDeserialization();
        FrameChannel channel = new FrameChannel(new FileInputStream(FileDescriptor.in),
                new FileOutputStream(FileDescriptor.out), name);
        System.setIn(InputStream.nullInputStream());
        System.setOut(new PrintStream(new OutputFrames(channel), true));
        new ChildWorker(channel, name, threads, single).run();
    }

    /** Halts this JVM soon after the parent process is gone (then this process is re-parented). */
    private static void watchParent(long parentPid) {
        Thread watchdog = new Thread(() -> {
            while (true) {
                long current = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (current != parentPid) {
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
