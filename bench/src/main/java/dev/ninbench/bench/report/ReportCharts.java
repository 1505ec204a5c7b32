package dev.ninbench.bench.report;

import dev.ninbench.bench.throughput.ThroughputRow;
import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The report's PNG charts (XChart), drawn off-screen. */
public final class ReportCharts {
    static final int WIDTH = 1000;
    static final int HEIGHT = 560;

    static {
        // reports are made on servers and in CI, where there is no display for AWT to open
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {
    }

    /** Test accuracy after each epoch, one line per engine (PyTorch among them), machine and run, and the target. */
    public static void accuracy(List<AccuracyRun> runs, double targetAccuracy, Path png) {
        save(accuracyChart(runs, targetAccuracy), png);
    }

    static XYChart accuracyChart(List<AccuracyRun> runs, double targetAccuracy) {
        int lastEpoch = runs.stream().flatMap(r -> r.epochs().stream()).mapToInt(e -> e.epoch()).max().orElse(1);
        XYChart chart = epochChart("Test accuracy after each epoch (d2l NiN, Fashion-MNIST)", lastEpoch, runs.size());
        List<String> labels = uniqueLabels(runs.stream().map(r -> r.engine().name() + " @ " + r.machine().host()).toList(),
                runs.stream().map(AccuracyRun::runId).toList());
        for (int i = 0; i < runs.size(); i++) {
            List<Integer> epochs = runs.get(i).epochs().stream().map(e -> e.epoch()).toList();
            List<Double> accuracy = runs.get(i).epochs().stream().map(e -> e.testAccuracy()).toList();
            chart.addSeries(labels.get(i), epochs, accuracy).setMarker(SeriesMarkers.CIRCLE);
        }
        addTarget(chart, targetAccuracy, lastEpoch);
        return chart;
    }

    /** Per engine and group of seeds, its mean test accuracy per epoch, with its min and max as dashed lines. */
    public static void accuracySeeds(List<SeedBands> groups, double targetAccuracy, Path png) {
        save(accuracySeedsChart(groups, targetAccuracy), png);
    }

    static XYChart accuracySeedsChart(List<SeedBands> groups, double targetAccuracy) {
        int lastEpoch = groups.stream().flatMap(g -> g.bands().stream()).mapToInt(SeedBands.EpochBand::epoch).max()
                .orElse(1);
        XYChart chart = epochChart("Test accuracy over seeds: mean per epoch, min and max dashed (d2l NiN, Fashion-MNIST)",
                lastEpoch, groups.size());
        Color[] colors = chart.getStyler().getSeriesColors();
        List<String> labels = uniqueLabels(groups.stream().map(g -> g.first().engine().name() + " @ "
                        + g.first().machine().host() + ", " + g.first().config().dropout().label() + " dropout, "
                        + g.runs().size() + " seeds").toList(),
                groups.stream().map(g -> g.first().profile()).toList());
        for (int i = 0; i < groups.size(); i++) {
            List<SeedBands.EpochBand> bands = groups.get(i).bands();
            List<Integer> epochs = bands.stream().map(SeedBands.EpochBand::epoch).toList();
            // one colour per group, so its band reads as its own
            Color color = colors[i % colors.length];
            XYSeries mean = chart.addSeries(labels.get(i) + ": mean", epochs,
                    bands.stream().map(SeedBands.EpochBand::mean).toList());
            mean.setMarker(SeriesMarkers.CIRCLE);
            mean.setLineColor(color);
            mean.setMarkerColor(color);
            for (String bound : List.of("min", "max")) {
                XYSeries edge = chart.addSeries(labels.get(i) + ": " + bound, epochs, bands.stream()
                        .map(b -> bound.equals("min") ? b.min() : b.max()).toList());
                edge.setMarker(SeriesMarkers.NONE);
                edge.setLineStyle(SeriesLines.DASH_DASH);
                edge.setLineColor(color);
                edge.setShowInLegend(false);
            }
        }
        addTarget(chart, targetAccuracy, lastEpoch);
        return chart;
    }

    /** Accuracy (0 to 1) over whole epochs, with {@code series} lines of legend below the plot. */
    private static XYChart epochChart(String title, int lastEpoch, int series) {
        // the legend sits below the plot: each series' line of it gets its own height, so the plot keeps its size
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT + 22 * series)
                .title(title).xAxisTitle("epoch").yAxisTitle("test accuracy").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        // whole epochs only: a one-epoch run would otherwise get an axis of one point and ticks at 0.1 steps
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisMax((double) Math.max(lastEpoch, 1) + 1);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setXAxisTickMarkSpacingHint(Math.max(40, WIDTH / (lastEpoch + 2)));
        return chart;
    }

    /** The target accuracy as a grey dashed line across the chart. */
    private static void addTarget(XYChart chart, double targetAccuracy, int lastEpoch) {
        XYSeries target = chart.addSeries(String.format(Locale.ROOT, "target %.2f", targetAccuracy),
                List.of(0.0, lastEpoch + 1.0), List.of(targetAccuracy, targetAccuracy));
        target.setMarker(SeriesMarkers.NONE);
        target.setLineStyle(SeriesLines.DASH_DASH);
        target.setLineColor(Color.GRAY);
    }

    /** Training-step and inference img/s per engine, machine and input shape, with JMH's 99.9 % error bars. */
    public static void throughput(List<ThroughputRun> runs, Path png) {
        // (label, run) -> mode -> row: one group of bars per engine, machine, input shape and run
        Map<List<String>, Map<String, ThroughputRow>> groups = new LinkedHashMap<>();
        Set<String> modes = new LinkedHashSet<>(List.of(ThroughputRow.TRAIN, ThroughputRow.INFERENCE));
        for (ThroughputRun r : runs) {
            for (ThroughputRow row : r.engine().rows()) {
                String label = r.engine().engine() + " @ " + r.machine().host() + ", " + row.batchSize() + " x "
                        + row.inputSide() + " px";
                groups.computeIfAbsent(List.of(label, r.runId()), k -> new HashMap<>()).put(row.benchmark(), row);
                modes.add(row.benchmark());
            }
        }
        List<String> categories = uniqueLabels(groups.keySet().stream().map(k -> k.get(0)).toList(),
                groups.keySet().stream().map(k -> k.get(1)).toList());
        // wide enough for each category's label to stay apart from its neighbours'
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(WIDTH, 240 * categories.size())).height(HEIGHT)
                .title("Throughput (JMH): images per second, error bars JMH's 99.9 % CI or the rounds' interval")
                .xAxisTitle("engine @ host, batch x input px").yAxisTitle("images per second").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setErrorBarsColorSeriesColor(true);
        chart.getStyler().setYAxisMin(0.0);
        for (String mode : modes) {
            // every series needs a value per category: a mode an engine did not finish shows as an empty bar
            List<Double> values = new ArrayList<>();
            List<Double> errors = new ArrayList<>();
            for (Map<String, ThroughputRow> group : groups.values()) {
                ThroughputRow row = group.get(mode);
                values.add(row == null ? 0.0 : row.imagesPerSecond());
                errors.add(row == null ? 0.0 : row.errorBar());
            }
            if (values.stream().anyMatch(v -> v > 0)) {
                chart.addSeries(mode, categories, values, errors);
            }
        }
        save(chart, png);
    }

    /** The labels, with the run appended to those that would otherwise repeat (XChart needs distinct names). */
    static List<String> uniqueLabels(List<String> labels, List<String> runIds) {
        List<String> unique = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            boolean repeated = labels.indexOf(label) != labels.lastIndexOf(label);
            unique.add(repeated ? label + " (" + runIds.get(i) + ")" : label);
        }
        return unique;
    }

    static void save(Chart<?, ?> chart, Path png) {
        try (OutputStream out = Files.newOutputStream(png)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(png + ": cannot write the chart: " + e.getMessage(), e);
        }
    }
}
