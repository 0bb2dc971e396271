package io.paralab.kernel.protocol;

import io.paralab.kernel.streams.CellPublisher;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
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
 * The kernel's ZeroMQ connection, on JJava's {@link JupyterConnection}:
 * <ul>
 *   <li>the shell and control sockets are served by threads that block in {@code poll} until a message arrives,
 *       instead of JJava's poll-then-sleep-50-ms loop;</li>
 *   <li>when an {@code execute_request} with {@code stop_on_error} (and not {@code silent}) gets an error reply, every
 *       {@code execute_request} that had already arrived on that socket is answered {@code status: "aborted"} without
 *       running, as ipykernel does ({@link StopOnErrorReplyEnvironment}); other requests among them are handled
 *       normally, in order, and requests that arrive later run;</li>
 *   <li>every message sent carries its send time in UTC with microseconds ({@link StampedChannels});</li>
 *   <li>a message that arrives a second time (a replayed, correctly signed request) is refused
 *       ({@link SignatureHistory}).</li>
 * </ul>
 * The shell, control, stdin and iopub sockets are this class's own stamping ones, in a ZeroMQ context of its own;
 * the ones JJava's constructor opens (final fields, minute-precision dates) are never bound and close with it. The
 * heartbeat is JJava's.
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
    private final ZMQ.Context context = ZMQ.context(1);
    private final StampedChannels.Shell shellSocket;
    private final StampedChannels.Shell controlSocket;
    private final StampedChannels.Stdin stdinSocket;
    private final StampedChannels.IOPub iopubSocket;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    /** The signer, which remembers received signatures; null when messages are not signed. */
    private final SignatureHistory signatures;
    private final List<Thread> loops;
    private final PrintStream diagnostics = System.err;   // the kernel's terminal, not a cell
    private volatile boolean running = true;

    /** Opens (but does not bind) the five sockets described by {@code props}. */
    public KernelConnection(KernelConnectionProperties props) throws GeneralSecurityException {
        super(props);
        this.props = props;
        HMACGenerator signer = SignatureHistory.of(props);
        this.signatures = signer instanceof SignatureHistory history ? history : null;
        this.shellSocket = new StampedChannels.Shell(context, signer, false, this);
        this.controlSocket = new StampedChannels.Shell(context, signer, true, this);
        this.stdinSocket = new StampedChannels.Stdin(context, signer);
        this.iopubSocket = new StampedChannels.IOPub(context, signer);
        this.loops = List.of(
                Thread.ofPlatform().name("paralab-shell").daemon()
                        .unstarted(() -> serve(shellSocket, props.getShellPort())),
                Thread.ofPlatform().name("paralab-control").daemon()
                        .unstarted(() -> serve(controlSocket, props.getControlPort())));
    }

    @Override
    public void connect() {
        heartbeat.bind(props);
        stdinSocket.bind(props);
        iopubSocket.bind(props);
        shellSocket.bind(address(props.getShellPort()));
        controlSocket.bind(address(props.getControlPort()));
        iopubSocket.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
        loops.forEach(Thread::start);
    }

    /** The stamping iopub socket, also for JJava's comm manager. */
    @Override
    public IOPubChannel getIOPub() {
        return iopubSocket;
    }

    /** Publisher for output that belongs to a cell rather than to one request. */
    public CellPublisher cellPublisher() {
        return new CellPublisher(shellSocket, stdinSocket, iopubSocket);
    }

    /**
     * Ends {@link #awaitShutdown()} as a {@code shutdown_request} would, for a reason the kernel found itself (its
     * front end is gone); the reason is printed on the kernel's terminal.
     */
    public void shutDown(String reason) {
        diagnostics.println("paralab: shutting down: " + reason);
        running = false;
        shutdown.countDown();
    }

    /** Blocks until a handler asked for shutdown. */
    public void awaitShutdown() throws InterruptedException {
        shutdown.await();
    }

    /** Stops the socket threads, then closes every socket and the ZeroMQ contexts. */
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
        List.of(shellSocket, controlSocket, stdinSocket, iopubSocket).forEach(ZMQ.Socket::close);
        context.close();
        super.close();
    }

    @Override
    public void waitUntilClose() {
        // the socket threads are joined by close(); the heartbeat thread ends with the JVM
    }

    private String address(int port) {
        return props.getTransport() + "://" + props.getIp() + ":" + port;
    }

    private void serve(ShellChannel socket, int port) {
        try (Selector selector = Selector.open()) {
            ZMQ.PollItem[] items = {new ZMQ.PollItem(socket, ZMQ.Poller.POLLIN)};
            while (running) {
                if (ZMQ.poll(selector, items, POLL_TIMEOUT_MS) <= 0 || !items[0].isReadable()) {
                    continue;
                }
                Message<?> message;
                try {
                    message = socket.readMessage();
                } catch (RuntimeException e) {         // a malformed message must not end the socket loop
                    diagnostics.println("paralab: dropped a malformed message on port " + port + ": " + e);
                    continue;
                }
                if (message == null) {
                    return;
                }
                if (signatures != null && !signatures.firstTime()) {
                    diagnostics.println("paralab: refused a replayed " + message.getHeader().getType().getName()
                            + " (its signature was seen before) on port " + port);
                    continue;
                }
                for (Message<?> queued : handle(socket, message)) {
                    if (queued.getHeader().getType() == MessageType.EXECUTE_REQUEST) {
                        abort(socket, queued);
                    } else {
                        handle(socket, queued);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot poll port " + port, e);
        }
    }

    /** Answers {@code request} {@code status: "aborted"} between a busy and an idle status, without running it. */
    private void abort(ShellChannel socket, Message<?> request) {
        ShellReplyEnvironment env = new StopOnErrorReplyEnvironment(socket, stdinSocket, iopubSocket, request);
        env.setStatusBusy();
        env.reply(new AbortedReply());
        env.setStatusIdle();
    }

    /**
     * Hands {@code message} to its handler; returns the messages that were waiting on the socket when it failed as
     * an execute request with {@code stop_on_error}, else an empty list.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<Message<?>> handle(ShellChannel socket, Message<?> message) {
        ShellHandler handler = getHandler(message.getHeader().getType());
        if (handler == null) {
            return List.of();
        }
        StopOnErrorReplyEnvironment env = new StopOnErrorReplyEnvironment(socket, stdinSocket, iopubSocket, message);
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
        return env.queuedBehindFailure();
    }
}
