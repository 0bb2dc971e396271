package io.paralab.process;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;

/**
 * The main class of every child JVM that ParaLab starts. It connects back to its parent over a
 * Unix-domain socket, then runs the tasks it is sent (see {@link ChildWorker}). It exits by itself when
 * the parent dies, even by SIGKILL: the socket reaches end-of-file, and a watchdog also notices that
 * its parent process changed.
 *
 * <p>Arguments: {@code <socket path> <name> <threads> <parent pid> <pool|single>}; started by
 * {@link ChildJvm}, not by hand:
 * <pre>{@code
 * java -cp <class path> io.paralab.process.WorkerMain /tmp/paralab-x/w1.sock worker-1 2 4242 pool
 * }</pre>
 */
public final class WorkerMain {

    private static final long WATCHDOG_PERIOD_MILLIS = 250;

    private WorkerMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: WorkerMain <socket path> <name> <threads> <parent pid> <pool|single>");
            System.exit(2);
        }
        Path socketPath = Path.of(args[0]);
        String name = args[1];
        int threads = Integer.parseInt(args[2]);
        long parentPid = Long.parseLong(args[3]);
        boolean single = args[4].equals("single");
        watchParent(parentPid);
        SocketChannel socket = SocketChannel.open(StandardProtocolFamily.UNIX);
        socket.connect(UnixDomainSocketAddress.of(socketPath));
        new ChildWorker(new FrameChannel(socket, name), name, threads, single).run();
    }

    /** Halts this JVM soon after the parent process is gone (then this process is re-parented). */
    private static void watchParent(long parentPid) {
        Thread.ofPlatform().daemon().name("paralab-parent-watchdog").start(() -> {
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
        });
    }
}
