package io.paralab.kernel;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The kernel's ZeroMQ connection: JJava's {@link JupyterConnection} with the shell and control sockets served by
 * threads that block in {@code poll} until a message arrives, instead of JJava's poll-then-sleep-50-ms loop.
 *
 * <pre>{@code
 * KernelConnection connection = new KernelConnection(props);
 * kernel.becomeHandlerForConnection(connection);
 * connection.connect();
 * connection.awaitShutdown();   // returns once a shutdown_request was handled
 * connection.close();
 * }</pre>
 */
public final class KernelConnection extends JupyterConnection {

    private static final long POLL_TIMEOUT_MS = 50;

    private final KernelConnectionProperties props;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private final List<Thread> loops;
    private final PrintStream diagnostics = System.err;   // the kernel's terminal, not a cell
    private volatile boolean running = true;

    /** Opens (but does not bind) the five sockets described by {@code props}. */
    public KernelConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        super(props);
        this.props = props;
        this.loops = List.of(
                Thread.ofPlatform().name("paralab-shell").daemon().unstarted(() -> serve(shell, props.getShellPort())),
                Thread.ofPlatform().name("paralab-control").daemon().unstarted(() -> serve(control, props.getControlPort())));
    }

    @Override
    public void connect() {
        heartbeat.bind(props);
        stdin.bind(props);
        iopub.bind(props);
        shell.bind(address(props.getShellPort()));
        control.bind(address(props.getControlPort()));
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        loops.forEach(Thread::start);
    }

    /** Publisher for output that belongs to a cell rather than to one request. */
    CellPublisher cellPublisher() {
        return new CellPublisher(shell, stdin, iopub);
    }

    /** Blocks until a handler asked for shutdown. */
    public void awaitShutdown() throws InterruptedException {
        shutdown.await();
    }

    /** Stops the socket threads, then closes every socket and the ZeroMQ context. */
    @Override
    public void close() {
        running = false;
        for (Thread loop : loops) {
            if (loop != Thread.currentThread()) {
                try {
                    loop.join(2 * POLL_TIMEOUT_MS + 1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        super.close();
    }

    @Override
    public void waitUntilClose() {
        // the socket threads are joined by close(); the heartbeat thread ends with the JVM
    }

    private String address(int port) {
        return props.getTransport() + "://" + props.getIp() + ":" + port;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void serve(ShellChannel socket, int port) {
        try (Selector selector = Selector.open()) {
            ZMQ.PollItem[] items = {new ZMQ.PollItem(socket, ZMQ.Poller.POLLIN)};
            while (running) {
                if (ZMQ.poll(selector, items, POLL_TIMEOUT_MS) <= 0 || !items[0].isReadable()) {
                    continue;
                }
                Message<?> message = socket.readMessage();
                if (message == null) {
                    return;
                }
                ShellHandler handler = getHandler(message.getHeader().getType());
                if (handler == null) {
                    continue;
                }
                ShellReplyEnvironment env = prepareReplyEnv(socket, message);
                try {
                    handler.handle(env, message);
                } catch (RuntimeException | Error e) {        // a broken handler must not end the socket loop
                    diagnostics.println("paralab: error handling " + message.getHeader().getType().getName() + ": " + e);
                } finally {
                    env.resolveDeferrals();
                }
                if (env.isMarkedForShutdown()) {
                    running = false;
                    shutdown.countDown();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot poll port " + port, e);
        }
    }
}
