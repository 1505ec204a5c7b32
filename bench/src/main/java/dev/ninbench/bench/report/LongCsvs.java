package dev.ninbench.bench.report;

import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.worker.StepLosses.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * The training runs in long format, one figure a column and one epoch or step a row, for analysis elsewhere
 * (pandas, R, a spreadsheet) without parsing the tables' joined cells. Engines by their short name (djl, pytorch),
 * as in the run directories' file names.
 */
public final class LongCsvs {
    private LongCsvs() {
    }

    /** {@code epochs.csv}: one row per machine, run, engine and epoch; "n/a" where an old record lacks the figure. */
    public static Table epochs(List<AccuracyRun> runs) {
        List<String> headers = List.of("machine", "run", "profile", "engine", "seed", "dropout", "epoch", "train loss",
                "train accuracy", "test loss", "test accuracy", "train seconds", "eval seconds",
                "wall seconds (process start to epoch end)", "img/s");
        List<List<String>> rows = new ArrayList<>();
        for (AccuracyRun r : runs) {
            for (int i = 0; i < r.epochs().size(); i++) {
                EpochResult e = r.epochs().get(i);
                rows.add(List.of(ReportTables.machine(r.machine()), r.runId(), r.profile(), r.engine().name(),
                        String.valueOf(r.config().seed()), r.config().dropout().label(), String.valueOf(e.epoch()),
                        ReportTables.number(e.trainLoss(), 6), ReportTables.numberOrNotRecorded(e.trainAccuracy(), 6),
                        ReportTables.number(e.testLoss(), 6), ReportTables.number(e.testAccuracy(), 6),
                        ReportTables.number(e.trainSeconds(), 3), ReportTables.number(e.evalSeconds(), 3),
                        ReportTables.numberOrNotRecorded(r.wallSeconds().get(i), 3),
                        ReportTables.number(e.imagesPerSecond(), 1)));
            }
        }
        return new Table(headers, rows);
    }

    /** {@code steps.csv}: one row per run, engine and step; the loss as the run wrote it (float32, exact). */
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
}
