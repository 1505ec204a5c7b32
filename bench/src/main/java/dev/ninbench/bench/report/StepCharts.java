package dev.ninbench.bench.report;

import dev.ninbench.bench.report.RunSteps.StepCurve;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The per-step charts of one training run: every engine's training loss, and each engine's distance to PyTorch's. */
public final class StepCharts {
    private StepCharts() {
    }

    /** The file a chart of the run goes to, e.g. {@code loss-<runId>.png}: one chart set per run directory. */
    public static String fileName(String chart, String runId) {
        return chart + "-" + runId.replaceAll("[^A-Za-z0-9._-]", "_") + ".png";
    }

    public static void loss(RunSteps run, Path png) {
        ReportCharts.save(lossChart(run), png);
    }

    public static void divergence(RunSteps run, Path png) {
        ReportCharts.save(divergenceChart(run), png);
    }

    /** Training loss per global step, a moving average, one line per engine and PyTorch. */
    static XYChart lossChart(RunSteps run) {
        XYChart chart = chart(run, String.format(Locale.ROOT,
                        "Training loss per step, moving average over %d steps (run %s)", RunSteps.SMOOTHING_STEPS,
                        run.runId()),
                String.format(Locale.ROOT, "training loss (mean of the last %d steps)", RunSteps.SMOOTHING_STEPS));
        run.byEngine().keySet().forEach(engine -> addLine(chart, engine, run.smoothedLoss(engine)));
        roundTicks(chart);
        return chart;
    }

    /** |loss(engine) - loss(PyTorch)| per global step on a log axis, one line per engine; the run needs PyTorch's. */
    static XYChart divergenceChart(RunSteps run) {
        XYChart chart = chart(run, String.format(Locale.ROOT,
                        "|loss(engine) - loss(PyTorch)| per step, log scale; below %s drawn at %s (run %s)",
                        RunSteps.floor(), RunSteps.floor(), run.runId()),
                "|training loss - PyTorch's| (log scale)");
        chart.getStyler().setYAxisLogarithmic(true);
        run.comparedEngines().forEach(engine -> addLine(chart, engine, run.divergence(engine)));
        roundTicks(chart);
        return chart;
    }

    private static XYChart chart(RunSteps run, String title, String yAxis) {
        XYChart chart = new XYChartBuilder().width(ReportCharts.WIDTH).height(ReportCharts.HEIGHT).title(title)
                .xAxisTitle("global step (the steps of earlier epochs added)").yAxisTitle(yAxis).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setXAxisMin(0.0);
        chart.getStyler().setXAxisDecimalPattern("0");
        return chart;
    }

    /**
     * XChart puts the ticks of equally spaced x values on data points, doubling their spacing until the labels fit
     * (0, 1024, 2048, ...); a hidden series at a half step makes the x values uneven, and the ticks round numbers.
     * Added last, so the engines keep the same colours in both charts.
     */
    private static void roundTicks(XYChart chart) {
        XYSeries unevenX = chart.addSeries(" ", new double[] {0.0, 0.5}, new double[] {1.0, 1.0});
        unevenX.setEnabled(false);
        unevenX.setShowInLegend(false);
    }

    private static void addLine(XYChart chart, String engine, StepCurve curve) {
        if (curve.globalSteps().length > 0) { // XChart refuses an empty series
            XYSeries series = chart.addSeries(engine, curve.globalSteps(), curve.values());
            series.setMarker(SeriesMarkers.NONE);
        }
    }
}
