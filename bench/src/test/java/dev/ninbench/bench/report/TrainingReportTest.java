package dev.ninbench.bench.report;

import static dev.ninbench.bench.report.ReportFixtures.ALPHA;
import static dev.ninbench.bench.report.ReportFixtures.CONFIG;
import static dev.ninbench.bench.report.ReportFixtures.DJL;
import static dev.ninbench.bench.report.ReportFixtures.PYTORCH;
import static dev.ninbench.bench.report.ReportFixtures.TF;
import static dev.ninbench.bench.report.ReportFixtures.record;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.train.DropoutMode;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.TrainConfig;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The training runs' report: train accuracy, dropout, both times to accuracy. */
class TrainingReportTest {
    @Test
    void accuracyTableShowsTrainAccuracyDropoutAndTimeToAccuracyBothWays() {
        TrainConfig engineDropout = new TrainConfig(3, 128, 0.1, 7, 0, 0, DropoutMode.ENGINE);
        List<RunRecord> records = List.of(
                record(ALPHA, "r1", DJL, engineDropout, result(1, 0.60, 0.70), 110.0),
                record(ALPHA, "r1", DJL, engineDropout, result(2, 0.82, 0.85), 230.0),
                record(ALPHA, "r1", DJL, engineDropout, result(3, 0.84, 0.86), 350.0),
                // from before train accuracy and wall-clock seconds were kept
                record(ALPHA, "r0", TF, CONFIG, result(1, null, 0.81), null),
                record(ALPHA, "r0", TF, CONFIG, result(2, null, 0.83), null),
                record(ALPHA, "r2", PYTORCH, CONFIG, result(1, 0.50, 0.55), 120.0));
        Table table = ReportTables.accuracy(AccuracyRun.of(records, Map.of()), 0.8);

        // epoch 2 is the first to reach 0.8: two epochs' training seconds, and the wall-clock seconds at its end
        assertEquals(List.of("engine", "7", "0.6000 0.8200 0.8400", "0.7000 0.8500 0.8600", "200.0", "230.0"),
                cells(table, 0, "0.80"));
        // the first epoch reaches 0.8: 100 s of training, and its wall-clock seconds are not recorded
        assertEquals(List.of("shared", "42", "n/a", "0.8100 0.8300", "100.0", "n/a"), cells(table, 1, "0.80"));
        assertEquals(List.of("shared", "42", "0.5000", "0.5500", "not reached", "not reached"), cells(table, 2, "0.80"));
        assertEquals("PyTorch 9.9", table.rows().get(2).get(table.headers().indexOf("engine")));
    }

    /** The dropout, seed, train and test accuracies and both times to {@code target} of a row of the accuracy table. */
    private static List<String> cells(Table table, int row, String target) {
        return Stream.of("dropout", "seed", "train accuracy per epoch", "test accuracy per epoch",
                        "training s to " + target + " (training only)",
                        "wall-clock s to " + target + " (from process start, evaluation included)")
                .map(h -> table.rows().get(row).get(table.headers().indexOf(h))).toList();
    }

    /** An epoch of 100 s of training and 5 of evaluation. */
    private static EpochResult result(int n, Double trainAccuracy, double testAccuracy) {
        return new EpochResult(n, 469, 0.5, trainAccuracy, 0.5, testAccuracy, 100.0, 5.0, 600.0);
    }
}
