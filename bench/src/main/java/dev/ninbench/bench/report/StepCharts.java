package dev.ninbench.bench.report;

import dev.ninbench.bench.report.RunSteps.StepCurve;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The per-step charts of one training run: every engine's training loss, and each engine's distance to PyTorch's,
 * titled with the run's machine, id and commit ({@link Provenance}), in {@link ChartStyle}'s colours.
 */
public final class StepCharts {
    /** The divergence chart's points at most: the steps are binned to about this many. */
    static final int BINS = 150;

    private StepCharts() {
    }

    /** The file a chart of the run goes to, e.g. {@code loss-<runId>.png}: one chart set per run directory. */
    public static String fileName(String chart, String runId) {
        return chart + "-" + runId.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }

    public static void loss(RunSteps run, Provenance provenance, Path png) {
        ChartStyle.save(lossChart(run, provenance), png);
    }

    public static void divergence(RunSteps run, Provenance provenance, Path png) {
        ChartStyle.save(divergenceChart(run, provenance), png);
    }

    /** Training loss per global step, a moving average, one line per engine and PyTorch. */
    static XYChart lossChart(RunSteps run, Provenance provenance) {
        XYChart chart = chart(provenance.title(String.format(Locale.ROOT,
                        "Training loss per step, moving average over %d steps", RunSteps.SMOOTHING_STEPS)),
                String.format(Locale.ROOT, "training loss (mean of the last %d steps)", RunSteps.SMOOTHING_STEPS));
        run.byEngine().keySet().forEach(engine -> addLine(chart, engine, run.smoothedLoss(engine)));
        roundTicks(chart);
        return chart;
    }

    /**
     * |loss(engine) - loss(PyTorch)| on a log axis labelled in powers of ten, one line per engine: the median of each
     * bin of steps ({@link #binWidth}), since step by step the lines overlap into one band; the run needs PyTorch's.
     */
    static XYChart divergenceChart(RunSteps run, Provenance provenance) {
        int width = run.comparedEngines().stream().mapToInt(e -> binWidth(run.divergence(e))).max().orElse(1);
        XYChart chart = chart(provenance.title(String.format(Locale.ROOT, "|loss(engine) - loss(PyTorch)|, median of "
                        + "each %d step%s, log scale; below %s drawn at %s", width, width == 1 ? "" : "s",
                        RunSteps.floor(), RunSteps.floor())),
                "|training loss - PyTorch's| (median of the bin)");
        chart.getStyler().setYAxisLogarithmic(true);
        // one format for every decade ("1E-6", "1E0"), not 0.001 beside 1E-4; XChart's log axis takes a pattern
        // only (a formatting function would make it compute linear ticks over the nine decades)
        chart.getStyler().setYAxisDecimalPattern("0E0");
        run.comparedEngines().forEach(engine -> addLine(chart, engine, binned(run.divergence(engine), width)));
        roundTicks(chart);
        return chart;
    }

    /** Steps per bin: one, or as many as leave about {@link #BINS} bins. */
    static int binWidth(StepCurve curve) {
        return Math.max(1, (int) Math.ceil(curve.globalSteps().length / (double) BINS));
    }

    /** Each run of {@code width} points as one: the mean of their steps, the median of their values. */
    static StepCurve binned(StepCurve curve, int width) {
        int n = (curve.globalSteps().length + width - 1) / width;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int b = 0; b < n; b++) {
            int from = b * width;
            int to = Math.min(from + width, curve.globalSteps().length);
            x[b] = Arrays.stream(curve.globalSteps(), from, to).average().orElseThrow();
            double[] values = Arrays.copyOfRange(curve.values(), from, to);
            Arrays.sort(values);
            int m = values.length;
            y[b] = m % 2 == 1 ? values[m / 2] : (values[m / 2 - 1] + values[m / 2]) / 2;
        }
        return new StepCurve(x, y);
    }

    private static XYChart chart(String title, String yAxis) {
        XYChart chart = ChartStyle.xy(title, "global step (the steps of earlier epochs added)", yAxis,
                ChartStyle.WIDTH, ChartStyle.HEIGHT);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    /**
     * XChart puts the ticks of equally spaced x values on data points, doubling their spacing until the labels fit
     * (0, 1024, 2048, ...); a hidden series at a half step makes the x values uneven, and the ticks round numbers.
     */
    private static void roundTicks(XYChart chart) {
        XYSeries unevenX = chart.addSeries(" ", new double[] {0.0, 0.5}, new double[] {1.0, 1.0});
        unevenX.setEnabled(false);
        unevenX.setShowInLegend(false);
    }

    private static void addLine(XYChart chart, String engine, StepCurve curve) {
        if (curve.globalSteps().length > 0) { // XChart refuses an empty series
            ChartStyle.style(chart.addSeries(engine, curve.globalSteps(), curve.values()), engine)
                    .setMarker(SeriesMarkers.NONE);
        }
    }
}
