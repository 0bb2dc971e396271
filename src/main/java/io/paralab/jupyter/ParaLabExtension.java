package io.paralab.jupyter;

import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.BaseKernel;

import java.util.List;

/**
 * The ParaLab notebook extension. The ParaLab kernel installs it at start; stock JJava (1.0-a6 or newer)
 * installs it when the ParaLab jar is added with {@code %classpath}, {@code %jars} or {@code JJAVA_CLASSPATH}
 * (it is listed in {@code META-INF/services/org.dflib.jjava.jupyter.Extension}). It registers
 * {@linkplain ParaLabRenderers renderers}, the {@code %ps} and {@code %threads} magics, and then imports
 * {@code java.util.concurrent.*}, the ParaLab library packages on the class path and {@link ProgressBar}.
 *
 * <pre>{@code
 * %classpath /path/to/paralab.jar      // in stock JJava; the ParaLab kernel needs no step
 * %ps
 * pool.map(x -> x * x, items, ProgressBar.show("squares"));
 * }</pre>
 *
 * <p>It uses only the JJava API that 1.0-a6 and later share: {@code Extension}, {@code getRenderer()},
 * {@code getMagicsRegistry()}, {@code eval(String)}, line magics, the renderer registration API and
 * {@code BaseNotebookStatics}.
 */
public final class ParaLabExtension implements Extension {

    /** The extension as {@link java.util.ServiceLoader} makes it; {@link #install(BaseKernel)} does the work. */
    public ParaLabExtension() {
    }

    /**
     * Registers renderers and magics, then evaluates the default imports.
     *
     * @throws IllegalStateException naming every default import the kernel rejected; renderers and magics are
     *                               installed even then
     */
    @Override
    public void install(BaseKernel kernel) {
        ParaLabRenderers.registerAll(kernel.getRenderer());
        kernel.getMagicsRegistry()
                .registerLineMagic(PsMagic.NAME, new PsMagic())
                .registerLineMagic(ThreadsMagic.NAME, new ThreadsMagic());
        importDefaults(kernel);
    }

    /**
     * Evaluates the default imports in one go (the ParaLab kernel compiles consecutive imports together); if the
     * kernel rejects that, one by one, so the failure names every import it rejected and the others still hold.
     */
    private void importDefaults(BaseKernel kernel) {
        List<String> statements = DefaultImports.statements(ParaLabExtension.class.getClassLoader());
        try {
            kernel.eval(String.join("\n", statements));
            return;
        } catch (RuntimeException e) {
            // named below
        }
        IllegalStateException failure = null;
        for (String statement : statements) {
            try {
                kernel.eval(statement);
            } catch (RuntimeException e) {
                IllegalStateException error = new IllegalStateException(
                        "ParaLab extension: the kernel rejected the default import '" + statement + "': " + e, e);
                if (failure == null) {
                    failure = error;
                } else {
                    failure.addSuppressed(error);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
