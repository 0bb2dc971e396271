package io.paralab.kernel.streams;

import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

import java.nio.charset.StandardCharsets;

/**
 * JJava's {@link JupyterIO} (display stream, stdin) attached once and for all to a {@link CellPublisher}, so that
 * {@code display(...)}, {@code updateDisplay(...)} and {@code System.in} route by the calling thread's cell instead of
 * by the request being handled.
 */
public final class KernelIO extends JupyterIO {

    public KernelIO() {
        super(StandardCharsets.UTF_8);
    }

    /** Routes display and input through {@code publisher} from now on. */
    public void attach(ShellReplyEnvironment publisher) {
        setEnv(publisher);
    }

    /** Whether the running cell may ask the front end for input. */
    public void allowInput(boolean allowed) {
        setJupyterInEnabled(allowed);
    }
}
