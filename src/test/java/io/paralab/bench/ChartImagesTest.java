package io.paralab.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class ChartImagesTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private final AtomicLong now = new AtomicLong();

    private Chart<?, ?> compareChart() {
        return Bench.compare("three variants").clock(now::get).warmup(0).runs(5)
                .variant("synchronized", () -> now.addAndGet(3_000_000))
                .variant("AtomicLong", () -> now.addAndGet(1_000_000))
                .variant("LongAdder", () -> now.addAndGet(700_000))
                .run().chart();
    }

    private Chart<?, ?> scalingChart() {
        return Bench.scaling("primes").clock(now::get).maxWorkers(4).warmup(0).runs(3)
                .work(n -> now.addAndGet(1_000_000 / Math.min(n, 2))).run().chart();
    }

    private Chart<?, ?> timelineChart() {
        Timeline t = new Timeline("pool");
        for (int i = 0; i < 12; i++) {
            t.record("worker-" + (i % 3), "task " + i, i / 3 * 5_000_000L, i / 3 * 5_000_000L + 4_000_000L);
        }
        return t.chart();
    }

    @Test
    void runsHeadless() {
        assertTrue(GraphicsEnvironment.isHeadless(), "tests run with java.awt.headless=true");
    }

    @Test
    void everyChartKindRendersAsATwiceSizedPngMarked144Dpi() throws IOException {
        for (Chart<?, ?> chart : List.of(compareChart(), scalingChart(), timelineChart())) {
            byte[] png = ChartImages.png(chart);
            assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(png, 8));
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertNotNull(image, "ImageIO reads the PNG back");
            assertEquals(chart.getWidth() * 2, image.getWidth());
            assertEquals(chart.getHeight() * 2, image.getHeight());
            assertEquals(Math.round(144 / 0.0254), pixelsPerMeter(png));
            assertTrue(distinctColours(image) > 10, "the chart is drawn, not a blank image");
        }
    }

    @Test
    void scalingResultsDrawTogetherOneLineEach() throws IOException {
        ScalingResult threads = Bench.scaling("Java threads").clock(now::get).workers(1, 2).warmup(0).runs(3)
                .work(n -> now.addAndGet(1_000_000 / n)).run();
        ScalingResult python = PythonPeers.load(Path.of(resourceUri("python_peers_cpu_sample.json")))
                .scaling("cpu_bound_scaling", "ProcessPoolExecutor");
        XYChart chart = threads.chartWith("primes: Java vs Python", python);
        assertEquals("primes: Java vs Python", chart.getTitle());
        assertTrue(chart.getSeriesMap().containsKey("Java threads (median)"));
        assertTrue(chart.getSeriesMap().containsKey(python.title() + " (median)"));
        assertEquals(1440, ImageIO.read(new ByteArrayInputStream(ChartImages.png(chart))).getWidth());
    }

    @Test
    void chartsAreNotebookSized() {
        Chart<?, ?> chart = compareChart();
        assertEquals(720, chart.getWidth());
        assertEquals(405, chart.getHeight());
        assertTrue(chart.getTitle().contains("three variants"));
    }

    @Test
    void everyChartKindRendersAsWellFormedSvg() throws Exception {
        for (Chart<?, ?> chart : List.of(compareChart(), scalingChart(), timelineChart())) {
            String svg = ChartImages.svg(chart);
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
            Element root = doc.getDocumentElement();
            assertEquals("svg", root.getLocalName());
            assertTrue(svg.contains("<svg"));
        }
    }

    @Test
    void timelinesOfAnySizeRenderInBoundedTime() {
        // XChart's axis tick search can spin forever on some label sets: every lane count must finish
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int lanes : new int[] {1, 2, 3, 7, 16, 40}) {
                Timeline t = new Timeline(lanes + " lanes");
                for (int i = 0; i < 1000; i++) {
                    t.record("worker-" + (i % lanes), "task " + i, i * 1_000L, i * 1_000L + 1_500L);
                }
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(ChartImages.png(t.chart())));
                assertEquals(1440, image.getWidth());
            }
            assertEquals(1440, ImageIO.read(new ByteArrayInputStream(
                    ChartImages.png(new Timeline("empty").chart()))).getWidth());
        });
    }

    private static URI resourceUri(String name) {
        try {
            return ChartImagesTest.class.getResource(name).toURI();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pixelsPerMeter(byte[] png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(png))) {
            ImageReader reader = ImageIO.getImageReaders(in).next();
            try {
                reader.setInput(in);
                IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
                IIOMetadataNode phys = (IIOMetadataNode) root.getElementsByTagName("pHYs").item(0);
                assertNotNull(phys, "PNG has a pHYs chunk");
                assertEquals("meter", phys.getAttribute("unitSpecifier"));
                return Long.parseLong(phys.getAttribute("pixelsPerUnitXAxis"));
            } finally {
                reader.dispose();
            }
        }
    }

    private static long distinctColours(BufferedImage image) {
        return Arrays.stream(image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth()))
                .distinct().limit(100).count();
    }
}
