package io.paralab.kernel.launch;

import io.paralab.kernel.protocol.KernelConnection;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.request.CompleteRequest;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.dflib.jjava.jupyter.messages.request.HistoryRequest;
import org.dflib.jjava.jupyter.messages.request.InspectRequest;
import org.dflib.jjava.jupyter.messages.request.IsCompleteRequest;
import org.dflib.jjava.jupyter.messages.request.KernelInfoRequest;
import org.dflib.jjava.jupyter.messages.request.ShutdownRequest;
import org.slf4j.helpers.NOPLogger;
import org.zeromq.SocketType;
import org.zeromq.ZMQ;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The training run behind the AOT cache ({@link StartupCache.AotCache}): a whole kernel session in this JVM, as a
 * front end drives it. The kernel starts exactly as {@link Launcher} starts it, on loopback ports with a random key,
 * and a ZeroMQ client sends it {@code kernel_info}, typical cells (values, declarations, output, a display, a chart,
 * a failing cell, a magic), a few hundred small value cells ({@link #REPEATED_CELLS}), completion, inspection,
 * completeness and history requests, then a shutdown. So the cache holds the classes and method profiles of the
 * connection, the message codec and signing, the request handlers, JShell and the renderers, not only of JShell.
 *
 * <pre>{@code
 * KernelTraining.run();   // in: java -XX:AOTCacheOutput=kernel.aot -jar paralab.jar train
 * }</pre>
 */
final class KernelTraining {

    /** Cells a session typically starts with; each runs {@link #ROUNDS} times. */
    static final List<String> CELLS = List.of(
            "1 + 1", "int n = 3;", "String greet(String s) { return \"hi \" + s; }", "greet(\"x\")",
            "record P(int x, int y) {}\nnew P(1, 2)", "List.of(1, 2, 3).stream().map(i -> i * n).toList()",
            "System.out.println(\"out\");\nSystem.err.println(\"err\");", "display(\"shown\");",
            "var f = CompletableFuture.supplyAsync(() -> 6 * 7);\nf.join()", "Math.max(n, 2)",
            "new org.knowm.xchart.XYChart(120, 80)", "%time 2 * n", "int[] a = {1, 2}; a[5]", "n +");
    private static final int ROUNDS = 3;
    /**
     * Value cells and a declaration, each run {@link #REPEATS} times with other numbers, so JShell compiles them
     * anew each time: the cache then holds mature profiles of the compiler's (javac's) path of a cell, and the JIT
     * compiles that path well within a session's first cells instead of a few hundred cells in.
     */
    static final List<String> REPEATED_CELLS = List.of("1 + 1", "n + %d", "Math.max(n, %d)", "int m = %d;");
    private static final int REPEATS = 100;
    private static final Duration REPLY_TIMEOUT = Duration.ofMinutes(1);

    private KernelTraining() {
    }

    /** Starts a kernel, drives a session through it, and returns once the kernel has shut down. */
    static void run() throws Exception {
        KernelConnectionProperties props = KernelConnectionProperties.parse(loopbackProperties().toJsonString());
        KernelConnection connection = Launcher.startKernel(props);
        try (ZMQ.Context context = ZMQ.context(1); Client client = new Client(context, props)) {
            client.request(new KernelInfoRequest());
            for (int round = 0; round < ROUNDS; round++) {
                for (String cell : CELLS) {
                    execute(client, cell);
                }
            }
            for (int repeat = 0; repeat < REPEATS; repeat++) {
                for (String cell : REPEATED_CELLS) {
                    execute(client, cell.formatted(repeat));
                }
            }
            client.request(new CompleteRequest("List.of(1).str", 14));
            client.request(new InspectRequest("greet", 5, 0));
            client.request(new IsCompleteRequest("for (int i = 0; i < n; i++) {"));
            client.request(new HistoryRequest.Tail(false, true, 10));
            client.request(ShutdownRequest.SHUTDOWN);
        }
        connection.awaitShutdown();
        connection.close();
    }

    private static void execute(Client client, String cell) {
        client.request(new ExecuteRequest(cell, false, true, Map.of(), false, false));
    }

    /** Connection properties for free loopback ports and a random signing key. */
    private static KernelConnectionProperties loopbackProperties() throws IOException {
        int[] ports = new int[5];
        for (int i = 0; i < ports.length; i++) {
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                ports[i] = probe.getLocalPort();
            }
        }
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return new KernelConnectionProperties("127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4], "tcp",
                "hmac-sha256", HexFormat.of().formatHex(key));
    }

    /** A front end's shell socket: sends a request and waits for its reply. */
    private static final class Client extends JupyterSocket {

        private final String session = UUID.randomUUID().toString();

        Client(ZMQ.Context context, KernelConnectionProperties props) {
            super(context, SocketType.DEALER, createSigner(props), NOPLogger.NOP_LOGGER);
            connect(formatAddress(props.getTransport(), props.getIp(), props.getShellPort()));
        }

        @Override
        public void bind(KernelConnectionProperties props) {
            throw new UnsupportedOperationException("a client connects");
        }

        <T extends ContentType<T>> void request(T content) {
            sendMessage(new Message<>(new Header<>(UUID.randomUUID().toString(), "training", session,
                    KernelTimestamp.now(), content.getType(), Header.PROTOCOL_VERISON), content));
            if (!replyArrives()) {
                throw new IllegalStateException("training: no reply to " + content.getType().getName());
            }
            do {                          // the reply's frames; decoding them is a front end's job, not the kernel's
                recv();
            } while (hasReceiveMore());
        }

        private boolean replyArrives() {
            try (ZMQ.Poller poller = ctx.poller(1)) {
                poller.register(this, ZMQ.Poller.POLLIN);
                return poller.poll(REPLY_TIMEOUT.toMillis()) > 0;
            }
        }

        private static HMACGenerator createSigner(KernelConnectionProperties props) {
            try {
                return props.createHMACGenerator();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("training: cannot sign messages: " + e, e);
            }
        }
    }
}
