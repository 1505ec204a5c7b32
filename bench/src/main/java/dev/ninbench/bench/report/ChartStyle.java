package dev.ninbench.bench.report;

import dev.ninbench.core.engine.EngineName;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The look every chart of the report shares, so that one engine reads the same in all of them: one colour per engine
 * (djl, tf, dl4j, PyTorch), a solid line and a round marker for an engine's tuned path (and PyTorch's channels-last
 * row), dashed with a diamond for its other variants (and the d2l code as written); charts at most
 * {@link #MAX_WIDTH} px wide, their title fitted to that width; several panels stitched into one image under one title.
 */
public final class ChartStyle {
    /** No chart is wider: a screen's width. */
    public static final int MAX_WIDTH = 2000;
    static final int WIDTH = 1100;
    static final int HEIGHT = 600;
    /** The engines in the order of every chart's legend and rows; their colours (Okabe and Ito's, for colour-blind readers). */
    static final List<String> ENGINES = List.of("djl", "tf", "dl4j", EngineName.PYTORCH);
    private static final Map<String, Color> COLORS = Map.of("djl", new Color(0x0072B2), "tf", new Color(0xE69F00),
            "dl4j", new Color(0x009E73), EngineName.PYTORCH, new Color(0xCC3311));
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    static {
        // reports are made on servers and in CI, where there is no display for AWT to open
        System.setProperty("java.awt.headless", "true");
    }

    private ChartStyle() {
    }

    /** The engine's colour, by its family (grey for an engine the suite does not know). */
    public static Color color(String engine) {
        return COLORS.getOrDefault(EngineName.parse(engine).engine(), Color.GRAY);
    }

    /** Solid: an engine's tuned path, and PyTorch's channels-last row; the other variants are dashed. */
    public static boolean solid(String engine) {
        EngineName name = EngineName.parse(engine);
        return EngineName.isPyTorch(engine) ? !EngineName.TUNED.equals(name.variant())
                : EngineName.TUNED.equals(name.variant());
    }

    public static Marker marker(String engine) {
        return solid(engine) ? SeriesMarkers.CIRCLE : SeriesMarkers.DIAMOND;
    }

    public static BasicStroke line(String engine) {
        return solid(engine) ? SeriesLines.SOLID : SeriesLines.DASH_DASH;
    }

    /** The engine's colour, line and marker on {@code series}. */
    static XYSeries style(XYSeries series, String engine) {
        series.setLineColor(color(engine));
        series.setMarkerColor(color(engine));
        series.setLineStyle(line(engine));
        series.setMarker(marker(engine));
        return series;
    }

    /** djl, djl-idiomatic, tf, ..., pytorch-channels-last, pytorch: by family, solid first, then by name. */
    static final Comparator<String> ORDER = Comparator.<String>comparingInt(e -> {
        int family = ENGINES.indexOf(EngineName.parse(e).engine());
        return family < 0 ? ENGINES.size() : family;
    }).thenComparing(e -> !solid(e)).thenComparing(Comparator.naturalOrder());

    /** An XY chart of the report's look, the legend in one row below the plot, its title fitted to {@code width}. */
    static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
        // wider for a long title rather than a title too small to read, up to a screen's width
        int wide = Math.min(MAX_WIDTH, Math.max(width, (int) (textWidth(title, TITLE.deriveFont(12f)) * 1.1) + 40));
        XYChart chart = new XYChartBuilder().width(wide).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setChartTitleFont(fitted(title, chart.getWidth()));
        return chart;
    }

    /**
     * Whole numbers on the x axis (epochs), 1 to {@code last}: no "0" or "6" epoch on a chart of 5. (Not a
     * formatting function: XChart widens the ticks until their labels differ, so blank labels would leave none.)
     */
    static void wholeX(XYChart chart, int last) {
        chart.getStyler().setXAxisMin(0.5);
        chart.getStyler().setXAxisMax(last + 0.5);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(40, (chart.getWidth() - 150) / Math.max(1, last)
                * 4 / 5));
    }

    /** The title's font, smaller until the title fits {@code width} (down to 9 pt). */
    static Font fitted(String title, int width) {
        Font font = TITLE;
        // a tenth to spare: XChart draws text a little wider than these metrics measure it
        while (textWidth(title, font) * 1.1 > width - 20 && font.getSize() > 9) {
            font = font.deriveFont(font.getSize2D() - 1);
        }
        return font;
    }

    private static int textWidth(String text, Font font) {
        BufferedImage scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = scratch.createGraphics();
        try {
            return g.getFontMetrics(font).stringWidth(text);
        } finally {
            g.dispose();
        }
    }

    /** Charts side by side under one title: XChart has no figure of several panels. */
    public record Figure(String title, List<XYChart> panels) {
        public void save(Path png) {
            ChartStyle.save(stitch(title, panels), png);
        }

        /** Saves it as {@code dir}'s {@code file}, adds that to {@code written}, and gives its markdown image. */
        public String write(Path dir, String file, String alt, List<Path> written) {
            save(dir.resolve(file));
            written.add(dir.resolve(file));
            return "![" + alt + "](" + file + ")\n\n";
        }
    }

    /** The panels side by side under one title, on white. */
    static BufferedImage stitch(String title, List<? extends Chart<?, ?>> panels) {
        List<BufferedImage> images = panels.stream().map(BitmapEncoder::getBufferedImage).toList();
        int width = images.stream().mapToInt(BufferedImage::getWidth).sum();
        int header = 36;
        BufferedImage all = new BufferedImage(width, header + images.stream().mapToInt(BufferedImage::getHeight).max()
                .orElse(0), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = all.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, all.getWidth(), all.getHeight());
        g.setColor(Color.BLACK);
        Font font = fitted(title, width);
        g.setFont(font);
        g.drawString(title, Math.max(10, (width - g.getFontMetrics().stringWidth(title)) / 2), header - 12);
        int x = 0;
        for (BufferedImage image : images) {
            g.drawImage(image, x, header, null);
            x += image.getWidth();
        }
        g.dispose();
        return all;
    }

    static void save(Chart<?, ?> chart, Path png) {
        save(BitmapEncoder.getBufferedImage(chart), png);
    }

    static void save(BufferedImage image, Path png) {
        if (image.getWidth() > MAX_WIDTH) {
            throw new IllegalStateException(png + ": " + image.getWidth() + " px wide, more than " + MAX_WIDTH);
        }
        try {
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(png + ": cannot write the chart: " + e.getMessage(), e);
        }
    }
}
