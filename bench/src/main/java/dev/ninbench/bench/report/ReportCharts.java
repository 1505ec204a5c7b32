package dev.ninbench.bench.report;

import dev.ninbench.bench.rundir.SuiteVersion;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The training runs' charts (XChart), drawn off-screen in {@link ChartStyle}'s look: test accuracy per epoch, each
 * engine's mean over its seeds with their min–max, and test accuracy against wall-clock seconds.
 */
public final class ReportCharts {
    private static final String WHAT = " (d2l NiN, Fashion-MNIST)";

    private ReportCharts() {
    }

    /**
     * Test accuracy after each epoch: per engine and group of runs that differ only in their seed, the mean over the
     * seeds and a vertical line from their min to their max, the groups side by side at each epoch; the target.
     */
    public static void accuracy(List<TrainedEngine> runs, double targetAccuracy, Map<String, SuiteVersion> suites,
                                Path png) {
        ChartStyle.save(accuracyChart(runs, targetAccuracy, suites), png);
    }

    static XYChart accuracyChart(List<TrainedEngine> runs, double targetAccuracy, Map<String, SuiteVersion> suites) {
        List<SeedBands> groups = SeedBands.groups(runs).stream()
                .sorted(Comparator.comparing(g -> g.first().engine().name(), ChartStyle.ORDER)).toList();
        int lastEpoch = runs.stream().flatMap(r -> r.epochs().stream()).mapToInt(e -> e.epoch()).max().orElse(1);
        XYChart chart = accuracyAxes(provenance(runs, suites).title("Test accuracy after each epoch: mean over the "
                + "seeds, line min to max" + recipe(runs) + WHAT), "epoch");
        ChartStyle.wholeX(chart, lastEpoch);
        List<String> labels = uniqueLabels(groups.stream().map(g -> g.first().engine().name() + ", " + g.runs().size()
                        + (g.runs().size() == 1 ? " run" : " seeds")).toList(),
                groups.stream().map(g -> g.first().machine().cpuModel() + ", " + g.first().config().dropout().label()
                        + " dropout").toList());
        double step = Math.min(0.05, 0.3 / Math.max(1, groups.size()));
        for (int i = 0; i < groups.size(); i++) {
            String engine = groups.get(i).first().engine().name();
            double offset = (i - (groups.size() - 1) / 2.0) * step; // side by side, so each band shows
            List<SeedBands.EpochBand> bands = groups.get(i).bands();
            ChartStyle.style(chart.addSeries(labels.get(i), bands.stream().map(b -> b.epoch() + offset).toList(),
                    bands.stream().map(SeedBands.EpochBand::mean).toList()), engine);
            for (SeedBands.EpochBand b : bands.stream().filter(b -> b.max() > b.min()).toList()) {
                XYSeries band = ChartStyle.style(chart.addSeries(labels.get(i) + ": min-max " + b.epoch(),
                        new double[] {b.epoch() + offset, b.epoch() + offset}, new double[] {b.min(), b.max()}), engine);
                band.setMarker(SeriesMarkers.NONE);
                band.setShowInLegend(false);
            }
        }
        addTarget(chart, targetAccuracy, 0.5, lastEpoch + 0.5);
        return chart;
    }

    /**
     * Test accuracy against the wall-clock seconds from the engine process's start to the end of each epoch (start-up
     * and evaluations included), a line per run given (the caller's: those that had the machine to themselves); not
     * written when none is given or no record has those seconds (older runs).
     *
     * @return whether it was written
     */
    public static boolean accuracyTime(List<TrainedEngine> runs, double targetAccuracy, Map<String, SuiteVersion> suites,
                                       Path png) {
        if (runs.isEmpty()) {
            return false;
        }
        XYChart chart = accuracyTimeChart(runs, targetAccuracy, suites);
        if (chart.getSeriesMap().size() <= 1) {
            return false;
        }
        ChartStyle.save(chart, png);
        return true;
    }

    static XYChart accuracyTimeChart(List<TrainedEngine> runs, double targetAccuracy, Map<String, SuiteVersion> suites) {
        XYChart chart = accuracyAxes(provenance(runs, suites).title("Test accuracy against wall-clock seconds, a line "
                + "per run that had the machine to itself" + recipe(runs) + WHAT), "seconds from the engine process's start to the epoch's end (start-up and "
                + "evaluation included)");
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        Set<String> named = new HashSet<>();
        double lastSecond = 0;
        for (TrainedEngine r : runs.stream().sorted(Comparator.comparing(a -> a.engine().name(), ChartStyle.ORDER))
                .toList()) {
            List<Double> seconds = new ArrayList<>();
            List<Double> accuracy = new ArrayList<>();
            for (int i = 0; i < r.epochs().size(); i++) {
                if (r.wallSeconds().get(i) != null) {
                    seconds.add(r.wallSeconds().get(i));
                    accuracy.add(r.epochs().get(i).testAccuracy());
                }
            }
            if (seconds.isEmpty()) {
                continue;
            }
            String engine = r.engine().name();
            // the legend names each engine once; its other runs are the same colour and line
            boolean first = named.add(engine);
            String name = first ? engine : engine + " (" + r.runId() + ", " + named.size() + ")";
            ChartStyle.style(chart.addSeries(name, seconds, accuracy), engine).setShowInLegend(first);
            lastSecond = Math.max(lastSecond, seconds.get(seconds.size() - 1));
        }
        addTarget(chart, targetAccuracy, 0, lastSecond);
        return chart;
    }

    /** ", 68 px, 10 epochs, ..." when every run has that recipe, else "". */
    private static String recipe(List<TrainedEngine> runs) {
        List<String> recipes = runs.stream().map(AccuracyComparison::recipe).distinct().toList();
        return recipes.size() == 1 ? ", " + recipes.get(0) : "";
    }

    /** Accuracy from 0 to 1 against {@code xTitle}. */
    private static XYChart accuracyAxes(String title, String xTitle) {
        XYChart chart = ChartStyle.xy(title, xTitle, "test accuracy", ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(1.0);
        return chart;
    }

    private static Provenance provenance(List<TrainedEngine> runs, Map<String, SuiteVersion> suites) {
        return Provenance.of(runs.stream().map(TrainedEngine::machine).toList(), runs.stream().map(TrainedEngine::runId)
                .toList(), suites);
    }

    /** The target accuracy as a grey dashed line from {@code x0} to {@code x1}. */
    private static void addTarget(XYChart chart, double targetAccuracy, double x0, double x1) {
        XYSeries target = chart.addSeries(String.format(Locale.ROOT, "target %.2f", targetAccuracy),
                List.of(x0, x1), List.of(targetAccuracy, targetAccuracy));
        target.setMarker(SeriesMarkers.NONE);
        target.setLineStyle(SeriesLines.DASH_DASH);
        target.setLineColor(Color.GRAY);
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
}
