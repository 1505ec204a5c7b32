package dev.ninbench.bench.report;

import dev.ninbench.engineside.ColdStartEvent;
import dev.ninbench.bench.results.ColdStartRow;
import dev.ninbench.bench.results.KernelRow;
import dev.ninbench.bench.results.MedianInterval;
import java.util.ArrayList;
import java.util.List;

/**
 * The CSVs of figures that carry an interval, in long format: the value, its low and its high end (or JMH's error) in
 * columns of their own, one number a cell, so that no reader has to parse "175.1 ± 11.3" or "1216 [1199-1248]".
 */
final class IntervalCsvs {
    private IntervalCsvs() {
    }

    /** {@code peak.csv}: one row per run, engine and peak kernel: GFLOP/s and JMH's error (half its 99.9 % CI). */
    static Table peak(List<MeasuredEngine> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (MeasuredEngine r : runs) {
            for (KernelRow k : r.engine().peak()) {
                rows.add(List.of(ReportTables.machine(r.machine()), r.runId(), threads(r), r.engine().engine(),
                        k.kernel().name(), ReportTables.number(k.gflops(), 2),
                        Double.isNaN(k.opsError()) ? "" : ReportTables.number(k.opsError() * k.kernel().flops() / 1e9, 2)));
            }
        }
        return new Table(List.of("machine", "run", "threads", "engine", "kernel", "gflop/s", "gflop/s jmh error"), rows);
    }

    /** {@code coldstart.csv}: one row per run, engine and event: milliseconds, median and range over the processes. */
    static Table coldStart(List<MeasuredEngine> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (MeasuredEngine r : runs) {
            ColdStartRow c = r.engine().coldStart();
            if (c == null || c.runs() == 0) {
                continue;
            }
            for (ColdStartEvent event : ColdStartEvent.values()) {
                MedianInterval m = MedianInterval.ofRange(c.millis(event).stream().map(Long::doubleValue).toList());
                rows.add(List.of(ReportTables.machine(r.machine()), r.runId(), r.engine().engine(),
                        String.valueOf(c.batchSize()), String.valueOf(c.inputSide()), String.valueOf(c.runs()),
                        event.words(), ReportTables.number(m.median(), 0), ReportTables.number(m.low(), 0),
                        ReportTables.number(m.high(), 0)));
            }
        }
        return new Table(List.of("machine", "run", "engine", "batch", "input px", "processes", "event", "ms median",
                "ms min", "ms max"), rows);
    }

    /** {@code seeds.csv}: one row per engine, group of seeds and epoch: mean test accuracy, min and max over seeds. */
    static Table seeds(List<SeedBands> groups) {
        List<List<String>> rows = new ArrayList<>();
        for (SeedBands g : groups) {
            TrainedEngine r = g.first();
            for (SeedBands.EpochBand b : g.bands()) {
                rows.add(List.of(ReportTables.machine(r.machine()), r.engine().name(), r.profile(),
                        String.valueOf(r.inputSide()), String.valueOf(r.batchSize()),
                        String.valueOf(r.config().epochs()), r.config().dropout().label(),
                        String.valueOf(g.runs().size()), String.valueOf(b.epoch()), String.valueOf(b.runs()),
                        ReportTables.number(b.mean(), 4), ReportTables.number(b.min(), 4),
                        ReportTables.number(b.max(), 4)));
            }
        }
        return new Table(List.of("machine", "engine", "profile", "input px", "batch", "epochs", "dropout", "seeds",
                "epoch", "runs at epoch", "test accuracy mean", "test accuracy min", "test accuracy max"), rows);
    }

    private static String threads(MeasuredEngine r) {
        return r.computeThreads();
    }
}
