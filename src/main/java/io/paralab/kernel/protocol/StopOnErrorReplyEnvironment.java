package io.paralab.kernel.protocol;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.MessageType;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.zeromq.ZMQ;

import java.util.ArrayList;
import java.util.List;

/**
 * JJava's reply environment for one shell or control request, which implements the {@code stop_on_error} contract:
 * when the request is an {@code execute_request} with {@code stop_on_error} (and not {@code silent}) and its handler
 * answers with an error, the environment first takes every message that has already arrived on the socket, before the
 * error reply and the idle status go out. So a front end that sends its next request after seeing either of them
 * never has that request counted as queued behind the failure.
 *
 * <pre>{@code
 * StopOnErrorReplyEnvironment env = new StopOnErrorReplyEnvironment(shell, stdin, iopub, request);
 * handler.handle(env, request);
 * for (Message<?> queued : env.queuedBehindFailure()) { ... }   // abort its execute requests
 * }</pre>
 */
final class StopOnErrorReplyEnvironment extends ShellReplyEnvironment {

    private final ShellChannel socket;
    private final Message<?> request;
    private List<Message<?>> queued = List.of();

    StopOnErrorReplyEnvironment(ShellChannel socket, StdinChannel stdin, JupyterSocket iopub, Message<?> request) {
        super(socket, stdin, iopub, request);
        this.socket = socket;
        this.request = request;
    }

    @Override
    public void replyError(MessageType<?> type, ErrorReply error) {
        if (request.getContent() instanceof ExecuteRequest execute && execute.shouldStopOnError()
                && !execute.isSilent()) {
            queued = waiting();
        }
        super.replyError(type, error);
    }

    /**
     * The messages that had arrived on the socket when the request failed with {@code stop_on_error}, in arrival
     * order; empty when it did not.
     */
    List<Message<?>> queuedBehindFailure() {
        return queued;
    }

    private List<Message<?>> waiting() {
        List<Message<?>> waiting = new ArrayList<>();
        while ((socket.getEvents() & ZMQ.Poller.POLLIN) != 0) {
            Message<?> message = socket.readMessage();
            if (message == null) {
                break;                                        // socket closed
            }
            waiting.add(message);
        }
        return waiting;
    }
}
