package io.paralab.bench;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOInvalidTreeException;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns any XChart chart into PNG bytes or SVG text, headless. PNGs are HiDPI-sharp: drawn at
 * {@value #SCALE}× the chart's size, with the PNG's physical size set to {@value #DPI} dpi so that viewers
 * that honour it show the logical size; a notebook shows it at {@code chart.getWidth()} pixels wide.
 *
 * <pre>{@code
 * XYChart chart = result.chart();
 * Files.write(Path.of("speedup.png"), ChartImages.png(chart));   // 2x pixels
 * Files.writeString(Path.of("speedup.svg"), ChartImages.svg(chart));
 * }</pre>
 */
public final class ChartImages {

    /** Pixels per logical pixel in {@link #png(Chart)}. */
    public static final int SCALE = 2;
    /** The resolution written into the PNG: {@value #SCALE} × 72 dpi. */
    public static final int DPI = 72 * SCALE;

    private ChartImages() {
    }

    /** The chart as a PNG of {@value #SCALE}× its width and height, marked {@value #DPI} dpi. */
    public static byte[] png(Chart<?, ?> chart) {
        int width = chart.getWidth();
        int height = chart.getHeight();
        BufferedImage image = new BufferedImage(width * SCALE, height * SCALE, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            graphics.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            graphics.scale(SCALE, SCALE);
            chart.paint(graphics, width, height);
        } finally {
            graphics.dispose();
        }
        return encodePng(image);
    }

    /** The chart as an SVG document. */
    public static String svg(Chart<?, ?> chart) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as SVG", e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static byte[] encodePng(BufferedImage image) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(
                    ImageTypeSpecifier.createFromRenderedImage(image), param);
            setResolution(metadata);
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart as PNG", e);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void setResolution(IIOMetadata metadata) throws IIOInvalidTreeException {
        String pixelsPerMeter = String.valueOf(Math.round(DPI / 0.0254));
        IIOMetadataNode phys = new IIOMetadataNode("pHYs");
        phys.setAttribute("pixelsPerUnitXAxis", pixelsPerMeter);
        phys.setAttribute("pixelsPerUnitYAxis", pixelsPerMeter);
        phys.setAttribute("unitSpecifier", "meter");
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(phys);
        metadata.mergeTree("javax_imageio_png_1.0", root);
    }
}
