package dev.ninbench.bench.report;

import dev.ninbench.core.engine.EngineName;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.report.IntervalChart.Point;
import dev.ninbench.engineside.ColdStartEvent;
import dev.ninbench.bench.results.ColdStartRow;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.LatencyRow;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.Ratios;
import dev.ninbench.bench.results.ThroughputRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.knowm.xchart.XYChart;

/**
 * The throughput runs' charts, each of the newest run that has its data and, when the run before it on the same
 * machine, profile and commit is its repeat, of that run too (one point per run, the older above): img/s relative to
 * the fastest PyTorch row ({@code throughput-ratios.png}), inference latency ({@code latency.png}) and cold start
 * ({@code coldstart.png}). Only within a run: ratios across runs or machines would compare machines.
 */
public final class ThroughputCharts {
    private ThroughputCharts() {
    }

    /** The ratio chart: training and inference panels at the largest batch; empty without throughput rows. */
    public static Optional<ChartStyle.Figure> ratios(List<MeasuredEngine> runs, Map<String, SuiteVersion> suites) {
        List<List<MeasuredEngine>> shown = newest(runs, suites, r -> !r.engine().rows().isEmpty());
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        boolean pytorch = shown.stream().flatMap(List::stream).anyMatch(r -> EngineName.isPyTorch(r.engine()
                .engine()) && !r.engine().rows().isEmpty());
        List<XYChart> panels = new ArrayList<>();
        String reference = "-";
        for (String mode : List.of(ThroughputRow.TRAIN, ThroughputRow.INFERENCE)) {
            List<EngineThroughput> last = engines(shown.get(shown.size() - 1));
            Optional<ThroughputRow> largest = last.stream().flatMap(e -> e.rows().stream())
                    .filter(r -> r.benchmark().equals(mode)).max((a, b) -> Integer.compare(a.batchSize(), b.batchSize()));
            if (largest.isEmpty()) {
                continue;
            }
            ThroughputRow shape = largest.get();
            reference = (pytorch ? Ratios.fastestPyTorchName(last, shape) : Optional.of("fastest engine")).orElse("-");
            List<List<Point>> points = shown.stream().map(run -> ratioPoints(engines(run), shape, pytorch)).toList();
            panels.add(IntervalChart.panel((mode.equals(ThroughputRow.TRAIN) ? "Training step" : "Inference")
                            + ", batch " + shape.batchSize() + ", " + shape.inputSide() + " px",
                    "img/s over " + (pytorch ? "the fastest PyTorch row's" : "the fastest engine's") + " (x)",
                    points, 1.0, "1.0 = " + reference, mode.equals(ThroughputRow.INFERENCE)));
        }
        if (panels.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChartStyle.Figure(provenance(shown, suites).title("Throughput relative to " + reference
                + " of the same run: median of the per-round ratios with its interval" + upper(shown)), panels));
    }

    /** Inference latency, a panel per batch size (the smallest and the largest): p50, and its line up to p99. */
    public static Optional<ChartStyle.Figure> latency(List<MeasuredEngine> runs, Map<String, SuiteVersion> suites) {
        List<List<MeasuredEngine>> shown = newest(runs, suites, r -> !r.engine().latency().isEmpty());
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        TreeSet<Integer> batches = shown.stream().flatMap(List::stream).flatMap(r -> r.engine().latency().stream())
                .map(LatencyRow::batchSize).collect(Collectors.toCollection(TreeSet::new));
        List<XYChart> panels = new ArrayList<>();
        for (int batch : new TreeSet<>(List.of(batches.first(), batches.last()))) {
            List<List<Point>> points = shown.stream().map(run -> run.stream().flatMap(r -> r.engine().latency().stream()
                    .filter(l -> l.batchSize() == batch)
                    .map(l -> new Point(r.engine().engine(), l.p50Ms(), l.p50Ms(), l.p99Ms()))).toList()).toList();
            panels.add(IntervalChart.panel("Inference, batch " + batch, "ms per call: p50, line to p99", points,
                    Double.NaN, "", batch == batches.last()));
        }
        return Optional.of(new ChartStyle.Figure(provenance(shown, suites).title("Inference latency (ms per call)" + upper(shown)),
                panels));
    }

    /** Cold start: ms until the native libraries are loaded, and until the first inference, median and range. */
    public static Optional<ChartStyle.Figure> coldStart(List<MeasuredEngine> runs, Map<String, SuiteVersion> suites) {
        List<List<MeasuredEngine>> shown = newest(runs, suites, r -> r.engine().coldStart() != null);
        if (shown.isEmpty()) {
            return Optional.empty();
        }
        List<XYChart> panels = new ArrayList<>();
        for (ColdStartEvent event : List.of(ColdStartEvent.NATIVES, ColdStartEvent.INFERENCE)) {
            List<List<Point>> points = shown.stream().map(run -> run.stream().filter(r -> r.engine().coldStart() != null)
                    .flatMap(r -> {
                        MedianInterval ms = r.engine().coldStart().spread(event);
                        return ms == null ? java.util.stream.Stream.empty() : java.util.stream.Stream.of(
                                new Point(r.engine().engine(), ms.median(), ms.low(), ms.high()));
                    }).toList()).toList();
            panels.add(IntervalChart.panel("ms from process start to " + event.words(),
                    "ms: median of the processes, line their range", points, Double.NaN, "",
                    event == ColdStartEvent.INFERENCE));
        }
        ColdStartRow any = shown.get(0).stream().map(r -> r.engine().coldStart()).filter(Objects::nonNull).findFirst()
                .orElseThrow();
        return Optional.of(new ChartStyle.Figure(provenance(shown, suites).title("Cold start of a fresh process, batch "
                + any.batchSize() + ", " + any.inputSide() + " px" + upper(shown)), panels));
    }

    /**
     * The newest run (by id, which starts with its date and time) with {@code has}, and the run before it when that
     * is its repeat (same machine, profile and suite commit) and has it too: each run's engines, the older first.
     */
    static List<List<MeasuredEngine>> newest(List<MeasuredEngine> runs, Map<String, SuiteVersion> suites,
                                            Predicate<MeasuredEngine> has) {
        TreeMap<String, List<MeasuredEngine>> byRun = new TreeMap<>();
        runs.stream().filter(has).forEach(r -> byRun.computeIfAbsent(r.runId(), k -> new ArrayList<>()).add(r));
        if (byRun.isEmpty()) {
            return List.of();
        }
        List<MeasuredEngine> newest = byRun.lastEntry().getValue();
        Map.Entry<String, List<MeasuredEngine>> before = byRun.lowerEntry(byRun.lastKey());
        if (before != null && repeat(before.getValue().get(0), newest.get(0), suites)) {
            return List.of(before.getValue(), newest);
        }
        return List.of(newest);
    }

    private static boolean repeat(MeasuredEngine a, MeasuredEngine b, Map<String, SuiteVersion> suites) {
        return ReportTables.machine(a.machine()).equals(ReportTables.machine(b.machine()))
                && a.profile().equals(b.profile()) && suites.get(a.runId()) != null
                && suites.get(a.runId()).equals(suites.get(b.runId()));
    }

    /** Each engine's row shaped like {@code shape}, over the fastest PyTorch row's (1 for that row itself). */
    private static List<Point> ratioPoints(List<EngineThroughput> run, ThroughputRow shape, boolean pytorch) {
        List<Point> points = new ArrayList<>();
        for (EngineThroughput e : run) {
            e.rows().stream().filter(r -> r.benchmark().equals(shape.benchmark()) && r.batchSize() == shape.batchSize()
                    && r.inputSide() == shape.inputSide()).findFirst().ifPresent(row -> {
                        Optional<MedianInterval> ratio = pytorch ? Ratios.fastestPyTorch(run, row)
                                .map(best -> best == row ? MedianInterval.single(1) : Ratios.ratio(row, best))
                                : Ratios.toFastestEngine(run, row);
                        ratio.filter(m -> Double.isFinite(m.median())).ifPresent(m -> points.add(new Point(e.engine(),
                                m.median(), m.low(), m.high())));
                    });
        }
        return points;
    }

    private static List<EngineThroughput> engines(List<MeasuredEngine> run) {
        return run.stream().map(MeasuredEngine::engine).toList();
    }

    private static Provenance provenance(List<List<MeasuredEngine>> shown, Map<String, SuiteVersion> suites) {
        List<MeasuredEngine> all = shown.stream().flatMap(List::stream).toList();
        return Provenance.of(all.stream().map(MeasuredEngine::machine).toList(),
                all.stream().map(MeasuredEngine::runId).toList(), suites);
    }

    /** Says which point is which run, when there are two. */
    private static String upper(List<List<MeasuredEngine>> shown) {
        return shown.size() > 1 ? " (two runs, repeats: the first the upper point)" : "";
    }
}
