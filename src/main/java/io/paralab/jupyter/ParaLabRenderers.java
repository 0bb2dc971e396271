package io.paralab.jupyter;

import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Registers how ParaLab's objects show in a notebook. This is the one place where the extension's renderers
 * are registered.
 *
 * <pre>{@code
 * ParaLabRenderers.registerAll(kernel.getRenderer());
 * }</pre>
 */
public final class ParaLabRenderers {

    private ParaLabRenderers() {
    }

    /**
     * Registers every ParaLab renderer with {@code renderer}.
     *
     * @param renderer the kernel's renderer, {@code kernel.getRenderer()}
     */
    public static void registerAll(Renderer renderer) {
        registerNotebookViews(renderer);
        // Charts and bench results: XChart charts as image/png (preferred) and image/svg+xml, and bench
        // results as an HTML table plus their chart, are registered here, through the bench package's
        // chart encoder and its results' toHtml().
    }

    /** Tables, process and thread snapshots and progress bars: text/html, with text/plain as the fallback. */
    private static void registerNotebookViews(Renderer renderer) {
        renderer.createRegistration(NotebookView.class)
                .preferring(MIMEType.TEXT_HTML)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((view, context) -> {
                    context.renderIfRequested(MIMEType.TEXT_HTML, view::toHtml);
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, view::toText);
                });
    }
}
