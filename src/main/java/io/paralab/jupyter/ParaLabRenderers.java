package io.paralab.jupyter;

import io.paralab.format.Html;

import io.paralab.bench.BenchReport;
import io.paralab.bench.ChartImages;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.internal.chartpart.Chart;

import io.paralab.format.Table;

import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Map;

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
        registerJson(renderer);
        registerCollectionTables(renderer);
        registerCharts(renderer);
        registerBenchReports(renderer);
    }

    /**
     * XChart charts: an {@code <img>} with alternative text showing the HiDPI PNG at the chart's logical size
     * (preferred), the PNG itself with that size, SVG on request ({@code display(chart, "image/svg+xml")}), and a
     * one-line text fallback.
     */
    private static void registerCharts(Renderer renderer) {
        renderer.createRegistration(Chart.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                .supporting(MIMEType.IMAGE_SVG, MIMEType.TEXT_PLAIN)
                .register((chart, context) -> {
                    String png = Base64.getEncoder().encodeToString(ChartImages.png(chart));
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> imageTag(chart, png));
                    context.renderIfRequested(MIMEType.IMAGE_PNG, (type, out) ->
                            out.putData(type, png, logicalSize(chart)));
                    context.renderIfRequested(MIMEType.IMAGE_SVG, () -> ChartImages.svg(chart));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> describe(chart));
                });
    }

    /** Bench results and timelines: their HTML table followed by their chart, plus the chart as PNG. */
    private static void registerBenchReports(Renderer renderer) {
        renderer.createRegistration(BenchReport.class)
                .preferring(MIMEType.TEXT_HTML, MIMEType.IMAGE_PNG)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((report, context) -> {
                    Chart<?, ?> chart = report.chart();
                    String png = Base64.getEncoder().encodeToString(ChartImages.png(chart));
                    context.renderIfRequested(MIMEType.TEXT_HTML, () -> report.toHtml() + imageTag(chart, png));
                    context.renderIfRequested(MIMEType.IMAGE_PNG, (type, out) ->
                            out.putData(type, png, logicalSize(chart)));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, report::toString);
                });
    }

    /** The chart's 2× PNG shown at its logical size, described for screen readers and exported HTML. */
    private static String imageTag(Chart<?, ?> chart, String png) {
        return "<img alt=\"" + Html.escape(describe(chart)) + "\" width=\"" + chart.getWidth() + "\" height=\""
                + chart.getHeight() + "\" src=\"data:image/png;base64," + png + "\">";
    }

    /** Front ends show the 2× bitmap at this size, so it is sharp on HiDPI screens and not oversized. */
    private static Map<String, Object> logicalSize(Chart<?, ?> chart) {
        return Map.of("width", chart.getWidth(), "height", chart.getHeight());
    }

    private static String describe(Chart<?, ?> chart) {
        return chart.getClass().getSimpleName() + " '" + chart.getTitle() + "' (" + chart.getWidth() + "×"
                + chart.getHeight() + ")";
    }

    /** {@link JsonView}: {@code application/json}, which JupyterLab shows as a folding tree, and the JSON text. */
    private static void registerJson(Renderer renderer) {
        renderer.createRegistration(JsonView.class)
                .preferring(MIMEType.APPLICATION_JSON)
                .supporting(MIMEType.TEXT_PLAIN)
                .register((view, context) -> {
                    context.renderIfRequested(MIMEType.APPLICATION_JSON, (type, out) -> out.putData(type, view.plain()));
                    context.renderIfRequested(MIMEType.TEXT_PLAIN, view::text);
                });
    }

    /**
     * A collection or array of records or beans of one type, and any map: an HTML table with a text table beside
     * it, at most {@link CollectionTables#MAX_ROWS} rows ({@link CollectionTables}). Other collections and arrays
     * show as text, as without the extension (arrays as their elements, not their identity).
     */
    private static void registerCollectionTables(Renderer renderer) {
        for (Class<?> type : List.of(Collection.class, Map.class, Object.class)) {
            renderer.createRegistration(type)
                    .preferring(MIMEType.TEXT_HTML)
                    .supporting(MIMEType.TEXT_PLAIN)
                    .register((value, context) -> {
                        Optional<Table> table = CollectionTables.of(value);
                        if (table.isPresent()) {
                            context.renderIfRequested(MIMEType.TEXT_HTML, table.get()::toHtml);
                            context.renderIfRequested(MIMEType.TEXT_PLAIN, table.get()::toText);
                        } else if (value.getClass().isArray()) {
                            context.renderIfRequested(MIMEType.TEXT_PLAIN, () -> CollectionTables.arrayText(value));
                        }
                    });
        }
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
