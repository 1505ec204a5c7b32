package dev.ninbench.bench.report;

import static dev.ninbench.bench.report.ReportFixtures.ALPHA;
import static dev.ninbench.bench.report.ReportFixtures.BETA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.machine.Environment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Numbers over commits and machines: a change between runs is named, a machine's change told apart from the code's. */
class CommitHistoryTest {
    @Test
    void aRatioThatMovesBeyondItsIntervalIsNamedWithItsCommits() {
        List<MeasuredEngine> runs = new ArrayList<>();
        runs.addAll(run(ALPHA, "2026-12-01_0900_alpha_throughput-cpu", "aaaaaaa00000", 0.70, 4.0));
        runs.addAll(run(ALPHA, "2026-12-02_0900_alpha_throughput-cpu", "bbbbbbb00000", 1.05, 4.0));
        List<CommitHistory> histories = CommitHistory.of(runs);
        assertEquals(1, histories.size());
        List<String> changes = histories.get(0).changes();
        assertEquals(2, changes.size(), changes.toString()); // train and inference
        assertTrue(changes.get(1).startsWith("aaaaaaa..bbbbbbb (`2026-12-01_0900_alpha_throughput-cpu` to "
                + "`2026-12-02_0900_alpha_throughput-cpu`): djl train x PyTorch 0.70x ["), changes.get(1));
        assertTrue(changes.stream().noneMatch(c -> c.contains("machine")), changes.toString());
        assertEquals(2 * 2 * 2, CommitHistory.csv(histories).rows().size()); // 2 runs x (djl, PyTorch) x 2 modes
    }

    @Test
    void whenPyTorchMovesTooTheMachineIsNamedAndTwoMachinesSitSideBySide() {
        List<MeasuredEngine> runs = new ArrayList<>();
        runs.addAll(run(ALPHA, "2026-12-01_0900_alpha_throughput-cpu", "aaaaaaa00000", 0.70, 4.0));
        runs.addAll(run(ALPHA, "2026-12-02_0900_alpha_throughput-cpu", "aaaaaaa00000", 1.05, 2.0));
        runs.addAll(run(BETA, "2026-12-03_0900_beta_throughput-cpu", "aaaaaaa00000", 1.30, 4.0));
        List<CommitHistory> histories = CommitHistory.of(runs);
        assertEquals(2, histories.size());
        assertTrue(histories.get(0).changes().get(0).endsWith("the machine, not only the code"),
                histories.get(0).changes().toString());
        Table across = CommitHistory.crossMachine(histories);
        assertEquals(List.of("engine", "mode", "CPU A, 4 cores (alpha) (2026-12-02_0900_alpha_throughput-cpu)",
                "CPU B, 4 cores (beta) (2026-12-03_0900_beta_throughput-cpu)"), across.headers());
        assertTrue(across.rows().get(1).get(2).startsWith("1.05x [") && across.rows().get(1).get(3).startsWith("1.30x ["),
                across.rows().toString());
    }

    private static List<MeasuredEngine> run(Environment machine, String id, String commit, double ratio, double torch) {
        List<Double> pytorch = new ArrayList<>();
        List<Double> djl = new ArrayList<>();
        for (double f : new double[] {0.98, 0.99, 1, 1.01, 1.02}) {
            pytorch.add(torch * f);
            djl.add(torch * ratio * f);
        }
        SuiteVersion suite = new SuiteVersion(commit, false);
        return List.of(new MeasuredEngine(machine, id, "cpu", ReportInputs.day(id), rows("djl", ReportFixtures.DJL, djl), 2,
                        suite),
                new MeasuredEngine(machine, id, "cpu", ReportInputs.day(id), rows("pytorch", ReportFixtures.PYTORCH,
                        pytorch), 2, suite));
    }

    private static EngineThroughput rows(String engine, BackendInfo info, List<Double> rounds) {
        List<ThroughputRow> rows = new ArrayList<>();
        for (String mode : List.of(ThroughputRow.INFERENCE, ThroughputRow.TRAIN)) {
            rows.add(new ThroughputRow(mode, 128, 96, MedianInterval.of(rounds).median(), Double.NaN, 1L << 29, 0, rounds));
        }
        return new EngineThroughput(engine, info, rows, null);
    }
}
