package dev.ninbench.bench.report;

import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.Peaks;
import dev.ninbench.bench.results.ScalingResult;
import dev.ninbench.bench.results.ThroughputRow;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;

/**
 * How training cost grows with work, from a {@code scaling} run: a table per run (img/s and % of peak per engine,
 * thread count and input side), its CSV (one number a column), and one figure of two panels, img/s and % of peak
 * against input side, one line per engine and thread count.
 */
public final class ScalingReport {
    private ScalingReport() {
    }

    /**
     * One row per engine and thread count, one column per input side: "img/s [interval], % of peak, cores busy" (the
     * last shows whether the engine kept to its thread count).
     */
    public static Table table(List<ScalingResult> results) {
        List<Integer> sides = sides(results);
        List<String> headers = new ArrayList<>(List.of("engine", "threads", "batch"));
        sides.forEach(s -> headers.add(s + " px: img/s, % of peak, cores busy"));
        List<List<String>> rows = new ArrayList<>();
        for (ScalingResult result : results) {
            Optional<Peaks.Best> peak = result.peak();
            for (EngineThroughput engine : result.engines()) {
                List<String> row = new ArrayList<>(List.of(engine.engine(), String.valueOf(result.threads()),
                        engine.rows().stream().map(r -> String.valueOf(r.batchSize())).findFirst().orElse("-")));
                for (int side : sides) {
                    row.add(row(engine, side).map(r -> r.formatImagesPerSecond(1) + ", "
                            + Peaks.percent(r.gflops(), peak) + ", " + r.formatCoresBusy()).orElse("-"));
                }
                rows.add(row);
            }
        }
        return new Table(headers, rows);
    }

    /** Every point of every run, one number a column: for pandas and spreadsheets. */
    static Table csv(List<ScalingMeasurement> runs) {
        List<String> headers = List.of("run", "date", "host", "cpu", "engine", "threads", "input px", "batch",
                "img/s", "img/s low", "img/s high", "rounds", "gflop/s", "peak gflop/s", "percent of peak", "cores busy");
        List<List<String>> rows = new ArrayList<>();
        for (ScalingMeasurement run : runs) {
            for (ScalingResult result : run.results()) {
                Optional<Peaks.Best> peak = result.peak();
                for (EngineThroughput engine : result.engines()) {
                    for (ThroughputRow r : engine.rows()) {
                        MedianInterval over = r.imagesOverRounds();
                        rows.add(List.of(run.runId(), run.date(), run.settings().environment().host(),
                                run.settings().environment().cpuModel(), engine.engine(),
                                String.valueOf(result.threads()), String.valueOf(r.inputSide()),
                                String.valueOf(r.batchSize()), number(over.median()), number(over.low()),
                                number(over.high()), String.valueOf(over.rounds()), number(r.gflops()),
                                peak.map(p -> number(p.gflops())).orElse(""),
                                peak.map(p -> number(100 * r.gflops() / p.gflops())).orElse(""),
                                number(r.coresBusy())));
                    }
                }
            }
        }
        return new Table(headers, rows);
    }

    /**
     * The figure of {@code run}: img/s (log scale) and % of peak against input side, a line per engine (its
     * {@link ChartStyle} colour and marker) and thread count (solid at the most threads, dashed at fewer).
     */
    public static void chart(ScalingMeasurement run, Path png) {
        figure(run).save(png);
    }

    static ChartStyle.Figure figure(ScalingMeasurement run) {
        List<ScalingResult> results = run.results();
        XYChart rate = panel("Training img/s (log scale), batch " + run.settings().throughput().batchSizes().get(0),
                "images per second", false);
        rate.getStyler().setYAxisLogarithmic(true);
        XYChart percent = panel("% of the measured peak at the same thread count", "% of peak", true);
        percent.getStyler().setYAxisMin(0.0);
        int mostThreads = results.stream().mapToInt(ScalingResult::threads).max().orElse(0);
        for (ScalingResult result : results) {
            Optional<Peaks.Best> peak = result.peak();
            for (EngineThroughput engine : result.engines()) {
                List<ThroughputRow> rows = engine.rows().stream().filter(r -> r.imagesPerSecond() > 0).toList();
                if (rows.isEmpty()) {
                    continue;
                }
                String name = engine.engine() + ", " + result.threads() + " thread" + (result.threads() == 1 ? "" : "s");
                List<Double> sides = rows.stream().map(r -> (double) r.inputSide()).toList();
                style(rate.addSeries(name, sides, rows.stream().map(ThroughputRow::imagesPerSecond).toList()),
                        engine.engine(), result.threads() == mostThreads);
                if (peak.isPresent()) {
                    style(percent.addSeries(name, sides, rows.stream().map(r -> 100 * r.gflops()
                            / peak.get().gflops()).toList()), engine.engine(), result.threads() == mostThreads);
                }
            }
        }
        Map<String, SuiteVersion> suites = new HashMap<>();
        Optional.ofNullable(run.settings().suite()).ifPresent(s -> suites.put(run.runId(), s));
        return new ChartStyle.Figure(Provenance.of(List.of(run.settings().environment()), List.of(run.runId()),
                suites).title("How training cost grows with the input"), List.of(rate, percent));
    }

    private static XYChart panel(String title, String yTitle, boolean legend) {
        XYChart chart = ChartStyle.xy(title, "input side (px)", yTitle, legend ? 1000 : 700, ChartStyle.HEIGHT);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setLegendVisible(legend);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        return chart;
    }

    /** The engine's colour and marker; solid at the most threads, dashed at fewer. */
    private static void style(XYSeries series, String engine, boolean mostThreads) {
        ChartStyle.style(series, engine).setLineStyle(mostThreads ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
    }

    private static List<Integer> sides(List<ScalingResult> results) {
        Set<Integer> sides = new TreeSet<>();
        results.forEach(r -> r.engines().forEach(e -> e.rows().forEach(row -> sides.add(row.inputSide()))));
        return List.copyOf(sides);
    }

    private static Optional<ThroughputRow> row(EngineThroughput engine, int side) {
        return engine.rows().stream().filter(r -> r.inputSide() == side).findFirst();
    }

    private static String number(double x) {
        return Double.isFinite(x) ? ReportTables.number(x, 2) : ""; // empty, not "?": pandas reads it as NaN
    }
}
