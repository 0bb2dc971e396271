package io.paralab.kernel.streams;

import org.dflib.jjava.jupyter.messages.publish.PublishStream;

import java.io.PrintStream;

/**
 * Points {@code System.out}, {@code System.err} and {@code System.in} of the kernel JVM at the front end: output
 * goes to the cell the printing thread belongs to ({@link CellOutputStream}), output of no cell to the kernel's
 * terminal, and input is asked of the front end of the running cell ({@link KernelIO}).
 *
 * <pre>{@code
 * StandardStreams.redirect(connection.cellPublisher(), kernelIO);
 * }</pre>
 */
public final class StandardStreams {

    private StandardStreams() {
    }

    /** Redirects the standard streams through {@code publisher}; {@code io} is attached to it for display and input. */
    public static void redirect(CellPublisher publisher, KernelIO io) {
        io.attach(publisher);
        PrintStream terminalOut = System.out;
        PrintStream terminalErr = System.err;
        System.setOut(CellOutputStream.printStream(publisher, PublishStream.StreamType.OUT, terminalOut));
        System.setErr(CellOutputStream.printStream(publisher, PublishStream.StreamType.ERR, terminalErr));
        System.setIn(io.in);
    }
}
