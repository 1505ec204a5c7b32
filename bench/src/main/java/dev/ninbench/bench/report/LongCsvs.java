package dev.ninbench.bench.report;

import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.Peaks;
import dev.ninbench.bench.results.Ratios;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.EngineName;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.worker.StepLosses.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The runs in long format, one figure a column and one epoch, step or benchmark a row, for analysis elsewhere
 * (pandas, R, a spreadsheet) without parsing the tables' joined cells: numbers only, no units or brackets, empty
 * where there is nothing. Engines by their short name (djl, pytorch), as in the run directories' file names.
 */
public final class LongCsvs {
    private LongCsvs() {
    }

    /** {@code epochs.csv}: one row per machine, run, engine and epoch; "n/a" where an old record lacks the figure. */
    public static Table epochs(List<TrainedEngine> runs) {
        List<String> headers = List.of("machine", "SIMD", "run", "profile", "engine", "seed", "dropout", "epoch",
                "train loss", "train accuracy", "test loss", "test accuracy", "train seconds", "eval seconds",
                "wall seconds (process start to epoch end)", "img/s", "others' CPU share");
        List<List<String>> rows = new ArrayList<>();
        for (TrainedEngine r : runs) {
            for (int i = 0; i < r.epochs().size(); i++) {
                EpochResult e = r.epochs().get(i);
                rows.add(List.of(ReportTables.machine(r.machine()), ReportTables.simd(r.machine()), r.runId(),
                        r.profile(), r.engine().name(), String.valueOf(r.config().seed()), r.config().dropout().label(), String.valueOf(e.epoch()),
                        ReportTables.number(e.trainLoss(), 6), ReportTables.numberOrNotRecorded(e.trainAccuracy(), 6),
                        ReportTables.number(e.testLoss(), 6), ReportTables.number(e.testAccuracy(), 6),
                        ReportTables.number(e.trainSeconds(), 3), ReportTables.number(e.evalSeconds(), 3),
                        ReportTables.numberOrNotRecorded(r.wallSeconds().get(i), 3),
                        ReportTables.number(e.imagesPerSecond(), 1),
                        ReportTables.numberOrNotRecorded(e.othersCpuShare(), 3)));
            }
        }
        return new Table(headers, rows);
    }

    /** {@code steps.csv.gz}: one row per run, engine and step; the loss as the run wrote it (float32, exact). */
    public static Table steps(List<RunSteps> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (RunSteps run : runs) {
            run.byEngine().forEach((engine, steps) -> {
                for (Step s : steps) {
                    rows.add(List.of(run.runId(), engine, String.valueOf(s.epoch()), String.valueOf(s.step()),
                            Float.toString(s.loss())));
                }
            });
        }
        return new Table(List.of("run", "engine", "epoch", "step", "loss"), rows);
    }

    /**
     * {@code throughput.csv}: one row per run, engine, benchmark and batch size: img/s (the median of the rounds, or
     * JMH's score) with its interval (the rounds' order statistics) or JMH's error, and each ratio of
     * {@link Ratios} with its interval; empty cells where a figure does not apply.
     */
    public static Table throughput(List<MeasuredEngine> runs) {
        List<String> headers = List.of("machine", "run", "profile", "engine", "variant", "threads", "mode", "batch",
                "input px", "rounds", "img/s", "img/s low", "img/s high", "img/s jmh error", "gflop/s",
                "percent of peak", "x pytorch", "x pytorch low", "x pytorch high", "x fastest", "x fastest low",
                "x fastest high", "x idiomatic", "x idiomatic low", "x idiomatic high", "peak rss mib", "peak gpu mib", "cores busy");
        Map<String, List<EngineThroughput>> byRun = ReportTables.byRun(runs);
        List<List<String>> rows = new ArrayList<>();
        for (MeasuredEngine r : runs) {
            List<EngineThroughput> run = byRun.get(r.runId());
            Optional<Peaks.Best> peak = Peaks.measured(run);
            for (ThroughputRow row : r.engine().rows()) {
                MedianInterval images = row.imagesOverRounds();
                List<String> line = new ArrayList<>(List.of(ReportTables.machine(r.machine()), r.runId(), r.profile(),
                        r.engine().engine(), EngineName.isPyTorch(r.engine().engine()) ? "reference"
                                : EngineName.parse(r.engine().engine()).variant(),
                        r.computeThreads(), row.benchmark(),
                        String.valueOf(row.batchSize()), String.valueOf(row.inputSide()),
                        String.valueOf(Math.max(1, row.rounds().size())), ReportTables.number(images.median(), 2),
                        images.hasInterval() ? ReportTables.number(images.low(), 2) : "",
                        images.hasInterval() ? ReportTables.number(images.high(), 2) : "",
                        images.hasInterval() || Double.isNaN(row.imagesError()) ? ""
                                : ReportTables.number(row.imagesError(), 2), ReportTables.number(row.gflops(), 2),
                        peak.map(p -> ReportTables.number(100 * row.gflops() / p.gflops(), 1)).orElse("")));
                ratio(line, Ratios.toPyTorch(run, row));
                ratio(line, Ratios.toFastestEngine(run, row));
                ratio(line, Ratios.toIdiomatic(run, r.engine().engine(), row));
                line.add(row.peakRssBytes() > 0 ? String.valueOf(row.peakRssBytes() >> 20) : "");
                line.add(row.peakDeviceBytes() > 0 ? String.valueOf(row.peakDeviceBytes() >> 20) : "");
                line.add(Double.isNaN(row.coresBusy()) ? "" : ReportTables.number(row.coresBusy(), 2));
                rows.add(line);
            }
        }
        return new Table(headers, rows);
    }

    /** A ratio's three cells: median, low, high (low and high empty without rounds; all empty without a ratio). */
    private static void ratio(List<String> line, Optional<MedianInterval> ratio) {
        line.add(ratio.map(m -> ReportTables.number(m.median(), 4)).orElse(""));
        line.add(ratio.filter(MedianInterval::hasInterval).map(m -> ReportTables.number(m.low(), 4)).orElse(""));
        line.add(ratio.filter(MedianInterval::hasInterval).map(m -> ReportTables.number(m.high(), 4)).orElse(""));
    }
}
