package io.paralab.kernel.protocol;

import org.dflib.jjava.jupyter.channels.IOPubChannel;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Header;
import org.dflib.jjava.jupyter.messages.KernelTimestamp;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageContext;
import org.dflib.jjava.jupyter.messages.reply.InputReply;
import org.dflib.jjava.jupyter.messages.request.InputRequest;
import org.zeromq.ZMQ;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * JJava's shell, stdin and iopub sockets, stamping every message they send with the time it is sent, in UTC with
 * microseconds ({@code 2026-11-22T05:14:13.123456Z}) as Jupyter expects. JJava 1.0-a6 itself writes header dates
 * with minute precision ({@code 2026-11-22T05:14+0000}): its {@code KernelTimestamp} formats with
 * {@code yyyy-MM-dd'T'HH:mmZ}, but serializes a timestamp built from a string as that string, which is what the
 * stamp uses.
 *
 * <pre>{@code
 * ZMQ.Context context = ZMQ.context(1);
 * StampedChannels.IOPub iopub = new StampedChannels.IOPub(context, props.createHMACGenerator());
 * iopub.sendMessage(message);   // header.date is now, to the microsecond
 * }</pre>
 */
final class StampedChannels {

    private static final DateTimeFormatter ISO_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX").withZone(ZoneOffset.UTC);

    private StampedChannels() {
    }

    /** {@code message} with the same header except its date, which is {@code now}. */
    static <T> Message<T> stamped(Message<T> message, Instant now) {
        Header<T> header = message.getHeader();
        Header<T> stamped = new Header<>(header.getId(), header.getUsername(), header.getSessionId(),
                new KernelTimestamp(ISO_MICROS.format(now)), header.getType(), header.getVersion());
        return new Message<>(message.getIdentities(), stamped, message.getParentHeader(), message.getMetadata(),
                message.getContent(), message.getBlobs());
    }

    /** A shell or control socket that stamps what it sends. */
    static final class Shell extends ShellChannel {
        Shell(ZMQ.Context context, HMACGenerator signer, boolean control, KernelConnection connection) {
            super(context, signer, control, connection);
        }

        @Override
        public synchronized void sendMessage(Message<?> message) {
            super.sendMessage(stamped(message, Instant.now()));
        }
    }

    /** The stdin socket, stamping its input requests. */
    static final class Stdin extends StdinChannel {
        Stdin(ZMQ.Context context, HMACGenerator signer) {
            super(context, signer);
        }

        @Override
        public synchronized void sendMessage(Message<?> message) {
            super.sendMessage(stamped(message, Instant.now()));
        }

        /** As JJava's, but the request goes through this socket's stamping {@code sendMessage}. */
        @Override
        public synchronized String getInput(MessageContext context, String prompt, boolean isPasswordRequest) {
            sendMessage(new Message<>(context, InputRequest.MESSAGE_TYPE, new InputRequest(prompt, isPasswordRequest)));
            return readMessage(InputReply.MESSAGE_TYPE).getContent().getValue() + System.lineSeparator();
        }
    }

    /**
     * The iopub socket that stamps what it publishes. Its send queue has no high-water mark: ZeroMQ's default (1,000
     * messages) makes a PUB socket drop what does not fit, silently, and a dropped {@code idle} status leaves a front
     * end showing the cell busy forever. Cell output is batched ({@code CellOutputStream}), so the queue stays short.
     */
    static final class IOPub extends IOPubChannel {
        IOPub(ZMQ.Context context, HMACGenerator signer) {
            super(context, signer);
            setSndHWM(0);
        }

        @Override
        public synchronized void sendMessage(Message<?> message) {
            super.sendMessage(stamped(message, Instant.now()));
        }
    }
}
