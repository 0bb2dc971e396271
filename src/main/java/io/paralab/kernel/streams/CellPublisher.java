package io.paralab.kernel.streams;

import io.paralab.kernel.execution.CellContext;

import org.dflib.jjava.jupyter.channels.JupyterSocket;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.channels.StdinChannel;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

import java.util.Optional;

/**
 * Publishes iopub messages under the cell the calling thread works for ({@link CellContext#forOutput()}), straight
 * through the iopub socket's synchronized {@code sendMessage}: it never defers, so threads that print in the
 * background cannot disturb the reply of the cell that is running.
 *
 * <p>It is installed as the permanent environment of JJava's {@code JupyterIO}, so {@code display(...)},
 * {@code updateDisplay(...)} and {@code System.in} of a cell route the same way. Messages sent before any cell ran
 * are dropped.
 *
 * <pre>{@code
 * publisher.stream(cell, PublishStream.StreamType.OUT, "hello\n");
 * }</pre>
 */
public final class CellPublisher extends ShellReplyEnvironment {

    private final JupyterSocket iopub;
    private final StdinChannel stdin;

    public CellPublisher(ShellChannel shell, StdinChannel stdin, JupyterSocket iopub) {
        super(shell, stdin, iopub, null);
        this.iopub = iopub;
        this.stdin = stdin;
    }

    /** Publishes a stream message under {@code cell}. */
    public void stream(CellContext cell, PublishStream.StreamType type, String text) {
        PublishStream content = new PublishStream(type, text);
        iopub.sendMessage(new Message<>(cell.request(), content.getType(), content));
    }

    @Override
    public <T extends ContentType<T>> void publish(T content) {
        send(content);
    }

    @Override
    public void publish(Message<?> msg) {
        iopub.sendMessage(msg);
    }

    @Override
    public String readFromStdIn(String prompt, boolean isPassword) {
        Optional<CellContext> cell = CellContext.forOutput();
        if (cell.isEmpty()) {
            throw new IllegalStateException("System.in can only be read by code that runs for a notebook cell");
        }
        return stdin.getInput(cell.get().request(), prompt, isPassword);
    }

    private <T extends ContentType<T>> void send(T content) {
        CellContext.forOutput().ifPresent(c -> iopub.sendMessage(new Message<>(c.request(), content.getType(), content)));
    }
}
