package dev.ninbench.bench.report;

import static dev.ninbench.bench.report.ReportFixtures.ALPHA;
import static dev.ninbench.bench.report.ReportFixtures.CONFIG;
import static dev.ninbench.bench.report.ReportFixtures.DJL;
import static dev.ninbench.bench.report.ReportFixtures.PYTORCH;
import static dev.ninbench.bench.report.ReportFixtures.epoch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.core.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which runs one accuracy comparison pools: one machine, one profile's recipe, each seed once. */
class AccuracyComparisonTest {
    @Test
    void aStudyUnderAProfileOfItsOwnIsNotPooledWithOlderRunsOfTheSameSettings() {
        List<RunRecord> records = new ArrayList<>();
        // the older cpu-profile runs: seed 42 of both rows
        records.addAll(run("2026-11-30_0237_vm_cpu", "cpu", 42, PYTORCH, 0.80));
        records.addAll(run("2026-11-30_0237_vm_cpu", "cpu", 42, DJL, 0.70));
        // the study, same settings: seeds 1 and 2 of both rows, and seed 1 of PyTorch run again later
        for (long seed = 1; seed <= 2; seed++) {
            String id = "2026-12-07_0" + seed + "00_vm_seeds-seed" + seed;
            records.addAll(run(id, "seeds", seed, PYTORCH, 0.75 + seed / 100.0));
            records.addAll(run(id, "seeds", seed, DJL, 0.76 + seed / 100.0));
        }
        records.addAll(run("2026-12-08_0100_vm_seeds-seed1", "seeds", 1, PYTORCH, 0.50));

        List<AccuracyComparison> comparisons = AccuracyComparison.of(TrainedEngine.of(records, Map.of()));
        assertEquals(List.of("seeds profile: 96 px, 2 epochs, batch 128, lr 0.1, shared dropout",
                "cpu profile: 96 px, 2 epochs, batch 128, lr 0.1, shared dropout"),
                comparisons.stream().map(AccuracyComparison::recipe).toList());
        AccuracyComparison study = comparisons.get(0);
        // each seed once, its first run's: the later rerun of seed 1 is not counted twice or in its place
        assertEquals(Map.of(1L, 0.76, 2L, 0.77), study.rows().get(0).finalAccuracy());
        assertEquals(Map.of(1L, 0.77, 2L, 0.78), study.rows().get(1).finalAccuracy());
        assertEquals(0.01, study.rows().get(1).difference().mean(), 1e-9);
        assertEquals(1, comparisons.get(1).rows().get(0).seeds());
        // DJL ends 0.01 above PyTorch in both seeds: the paired interval has no width, the unpaired one has
        String history = AccuracyComparison.perEpochMarkdown(comparisons);
        assertTrue(history.contains("djl ±0.000 paired against ±0.0"), history);
        assertEquals(1, history.split("Pairing by seed", -1).length - 1, history); // the cpu recipe's is unpaired
        assertTrue(history.contains("Pairing narrows them, so the tables pair."), history);
        assertEquals(AccuracyDifference.Method.PAIRED, study.rows().get(1).difference().method());
    }

    /** Two finished epochs of one engine, the last at {@code finalAccuracy}. */
    private static List<RunRecord> run(String runId, String profile, long seed, BackendInfo engine,
                                       double finalAccuracy) {
        TrainConfig config = new TrainConfig(2, CONFIG.batchSize(), CONFIG.learningRate(), seed, 0, 0, CONFIG.dropout());
        NinSpec spec = NinSpec.d2l(96);
        List<RunRecord> records = new ArrayList<>();
        for (int e = 1; e <= 2; e++) {
            records.add(new RunRecord(RunRecord.SCHEMA, runId, profile, runId.substring(0, 10) + "T10:0" + e + ":00Z",
                    engine, spec, spec.parameterCount(), spec.forwardFlops(), config, 2, ALPHA,
                    epoch(e, e == 2 ? finalAccuracy : 0.3, 100.0), 105.0 * e));
        }
        return records;
    }
}
