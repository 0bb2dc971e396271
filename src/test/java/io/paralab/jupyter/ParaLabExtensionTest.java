package io.paralab.jupyter;

import io.paralab.bench.Timeline;
import org.dflib.jjava.jupyter.Extension;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import javax.imageio.ImageIO;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

class ParaLabExtensionTest {

    @Test
    void isFoundThroughTheServiceLoader() {
        List<Extension> found = ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::get).toList();
        assertTrue(found.stream().anyMatch(ParaLabExtension.class::isInstance), found.toString());
    }

    @Test
    void installEvaluatesTheDefaultImportsAndRegistersMagics() {
        FakeKernel kernel = new FakeKernel();
        new ParaLabExtension().install(kernel);

        List<String> statements = DefaultImports.statements(ParaLabExtension.class.getClassLoader());
        assertEquals(List.of(String.join("\n", statements)), kernel.evaluated, "one evaluation of them all");
        assertTrue(statements.contains("import java.util.concurrent.*;"));
        assertTrue(statements.contains("import io.paralab.threads.*;"));
        assertTrue(kernel.getMagicsRegistry().getLineMagicNames().containsAll(List.of("ps", "threads")));
    }

    @Test
    void magicsDisplayTheirTableOnceAndReturnNothingAKernelWouldShowAgain() throws Exception {
        FakeKernel kernel = new FakeKernel();
        new ParaLabExtension().install(kernel);
        kernel.start();
        try {
            Object processes = kernel.getMagicsRegistry().evalLineMagic(kernel, "ps", List.of());
            Object threads = kernel.getMagicsRegistry().evalLineMagic(kernel, "threads", List.of());

            assertNull(processes, "stock JJava shows a magic's value as the cell's result: a second table");
            assertNull(threads);
            assertEquals(2, kernel.displayed.size());
            String processHtml = (String) kernel.displayed.get(0).getData(MIMEType.TEXT_HTML);
            String threadHtml = (String) kernel.displayed.get(1).getData(MIMEType.TEXT_HTML);
            assertTrue(processHtml.contains(">" + ProcessHandle.current().pid() + "<"), processHtml);
            assertTrue(threadHtml.contains(Thread.currentThread().getName()), threadHtml);
        } finally {
            kernel.stop();
        }
    }

    @Test
    void magicArgumentErrorsReachTheCaller() {
        FakeKernel kernel = new FakeKernel();
        new ParaLabExtension().install(kernel);

        kernel.start();
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> kernel.getMagicsRegistry().evalLineMagic(kernel, "ps", List.of("--bogus")));
            assertEquals("unknown option '--bogus'; %ps takes [--all]", e.getMessage());
            assertTrue(kernel.displayed.isEmpty(), "a bad call shows nothing");
        } finally {
            kernel.stop();
        }
    }

    @Test
    void rendersViewsAsHtmlWithATextFallback() {
        FakeKernel kernel = new FakeKernel();
        new ParaLabExtension().install(kernel);
        ThreadTable table = ThreadTable.capture();

        DisplayData data = kernel.getRenderer().render(table);

        assertEquals(table.toHtml(), data.getData(MIMEType.TEXT_HTML));
        assertEquals(table.toText(), data.getData(MIMEType.TEXT_PLAIN));
        DisplayData textOnly = kernel.getRenderer().renderAs(table, "text/plain");
        assertEquals(table.toText(), textOnly.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void aRejectedImportIsReportedByNameAndTheRestIsStillInstalled() {
        FakeKernel kernel = new FakeKernel(source -> source.contains("io.paralab.threads"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ParaLabExtension().install(kernel));

        assertTrue(e.getMessage().startsWith("ParaLab extension: the kernel rejected the default import "
                + "'import io.paralab.threads.*;': java.lang.IllegalStateException: cannot compile"), e.getMessage());
        assertTrue(kernel.evaluated.contains("import java.util.concurrent.*;"));
        assertTrue(kernel.evaluated.contains("import io.paralab.jupyter.ProgressBar;"), "later imports still run");
        assertTrue(kernel.getMagicsRegistry().getLineMagicNames().contains("ps"));
        assertNotNull(kernel.getRenderer().render(ThreadTable.capture()).getData(MIMEType.TEXT_HTML));
    }

    @Test
    void progressBarShowsItselfInTheNotebookAsHtml() {
        FakeKernel kernel = new FakeKernel();
        new ParaLabExtension().install(kernel);
        kernel.start();
        try {
            ProgressBar bar = ProgressBar.show("squares");

            DisplayData shown = kernel.displayed.get(0);
            assertEquals(bar.displayId(), shown.getDisplayId());
            assertTrue(String.valueOf(shown.getData(MIMEType.TEXT_HTML)).contains("<progress style="),
                    "indeterminate until the total is known");
            assertEquals("squares [--------------------] waiting for the first item", shown.getData(MIMEType.TEXT_PLAIN));
            bar.progress(3, 3);
            assertTrue(bar.view().finished());
        } finally {
            kernel.stop();
        }
    }

    @Test
    void rendersAChartAsADescribedHiDpiPngAtItsLogicalSizeAndAsSvgOnRequest() throws Exception {
        FakeKernel kernel = new FakeKernel();
        new ParaLabExtension().install(kernel);
        CategoryChart chart = new CategoryChartBuilder().width(600).height(300).title("t <1>").build();
        chart.addSeries("a", List.of("x", "y"), List.of(1, 2));

        DisplayData data = kernel.getRenderer().render(chart);

        byte[] png = Base64.getDecoder().decode((String) data.getData(MIMEType.IMAGE_PNG));
        var image = ImageIO.read(new ByteArrayInputStream(png));
        assertEquals(1200, image.getWidth());
        assertEquals(600, image.getHeight());
        // the metadata as the kernel sends it on the wire
        var metadata = new com.google.gson.Gson().toJsonTree(data).getAsJsonObject()
                .getAsJsonObject("metadata").getAsJsonObject("image/png");
        assertEquals(600, metadata.get("width").getAsInt());
        assertEquals(300, metadata.get("height").getAsInt());
        assertTrue(((String) data.getData(MIMEType.TEXT_PLAIN)).contains("t <1>"));
        assertEquals(null, data.getData(MIMEType.IMAGE_SVG));
        // the same PNG in an <img> that describes it, so exported HTML and screen readers name the chart
        assertEquals("<img alt=\"CategoryChart &#39;t &lt;1&gt;&#39; (600×300)\" width=\"600\" height=\"300\" "
                + "src=\"data:image/png;base64," + data.getData(MIMEType.IMAGE_PNG) + "\">",
                data.getData(MIMEType.TEXT_HTML));

        DisplayData svg = kernel.getRenderer().renderAs(chart, "image/svg+xml");
        assertTrue(((String) svg.getData(MIMEType.IMAGE_SVG)).contains("<svg"));
    }

    @Test
    void rendersABenchReportAsItsTableFollowedByItsChart() {
        FakeKernel kernel = new FakeKernel();
        new ParaLabExtension().install(kernel);
        Timeline timeline = new Timeline("lanes & tasks");
        timeline.record("worker-1", "task 0", 0, 1_000_000);
        timeline.record("worker-2", "task 1", 500_000, 2_000_000);

        DisplayData data = kernel.getRenderer().render(timeline);

        String html = (String) data.getData(MIMEType.TEXT_HTML);
        assertTrue(html.startsWith(timeline.toHtml()), html);
        assertTrue(html.contains("<img alt=\"XYChart"), html);
        assertTrue(html.contains("src=\"data:image/png;base64," + data.getData(MIMEType.IMAGE_PNG) + "\""));
        assertEquals(timeline.toString(), data.getData(MIMEType.TEXT_PLAIN));
    }
}
