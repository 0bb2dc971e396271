package io.paralab.jupyter;

import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.magic.MagicsRegistry;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A BaseKernel with no JShell: records what it is asked to evaluate and what it displays. */
final class FakeKernel extends BaseKernel {

    final List<String> evaluated = new CopyOnWriteArrayList<>();
    final List<DisplayData> displayed = new CopyOnWriteArrayList<>();
    private final Predicate<String> rejects;

    /** A kernel whose eval accepts everything. */
    FakeKernel() {
        this(source -> false);
    }

    /** A kernel whose eval throws for the sources {@code rejects} matches, as a failed compile would. */
    FakeKernel(Predicate<String> rejects) {
        super("fake", "0", null, List.of(), null, new JupyterIO(StandardCharsets.UTF_8), new CommManager(),
                new Renderer(), null, new MagicsRegistry(), false, new StringStyler.Builder().build());
        this.rejects = rejects;
    }

    /** Makes this the kernel that {@code BaseNotebookStatics} talks to, until {@link #stop()}. */
    void start() {
        installNotebookKernel();
    }

    void stop() {
        uninstallNotebookKernel();
    }

    @Override
    public Object evalRaw(String source) {
        if (rejects.test(source)) {
            throw new IllegalStateException("cannot compile: " + source);
        }
        evaluated.add(source);
        return null;
    }

    @Override
    public void display(DisplayData data) {
        displayed.add(data);
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        return null;
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        return null;
    }

    @Override
    public String isComplete(String code) {
        return IS_COMPLETE_YES;
    }
}
