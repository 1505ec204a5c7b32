package dev.ninbench.bench.report;

import static dev.ninbench.bench.report.ReportFixtures.ALPHA;
import static dev.ninbench.bench.report.ReportFixtures.ZEN4;
import static dev.ninbench.bench.report.ReportFixtures.ZEN5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.MedianInterval;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.train.DropoutMode;
import dev.ninbench.core.train.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The first screen: the newest pair of runs pooled, one table, a verdict per engine by the one rule. */
class FirstScreenTest {
    private static final SuiteVersion COMMIT = new SuiteVersion("abcdef123456", false);

    @Test
    void theNewestRunIsPooledWithItsRepeatAtTheSameCommitAndOlderRunsAreLeftOut() {
        List<MeasuredEngine> runs = new ArrayList<>();
        runs.addAll(run("2026-11-01_0900_alpha_throughput-cpu", new SuiteVersion("000000000000", false), 0.5));
        runs.addAll(run("2026-12-01_0900_alpha_throughput-cpu", COMMIT, 1.1));
        runs.addAll(run("2026-12-01_1000_alpha_throughput-cpu", COMMIT, 1.1));
        NewestPair pair = NewestPair.of(runs).orElseThrow();
        assertEquals(List.of("2026-12-01_0900_alpha_throughput-cpu", "2026-12-01_1000_alpha_throughput-cpu"), pair.runs());
        assertEquals(10, pair.rounds());

        String md = FirstScreen.speed(runs);
        // djl runs 1.1x PyTorch in every round, give or take 5 %: the pooled interval lies above 1
        assertTrue(md.contains("- **djl** trains faster than PyTorch (1.10x ["), md);
        assertTrue(md.contains("suite `abcdef1`"), md);
        assertTrue(md.contains("**Fastest Java engine in training: djl** (tuned)"), md);
        assertTrue(md.contains("10 interleaved rounds pooled"), md);
        long tableColumns = md.lines().filter(l -> l.startsWith("| engine")).findFirst().orElseThrow().chars()
                .filter(c -> c == '|').count() - 1;
        assertTrue(tableColumns <= 9, md);
    }

    @Test
    void oneSeedIsNeverAVerdictAndTheRowSaysHowManySeedsItHas() {
        List<TrainedEngine> runs = List.of(
                accuracy("r1", ReportFixtures.PYTORCH, 1, 0.80), accuracy("r1", ReportFixtures.DJL, 1, 0.83),
                accuracy("r2", ReportFixtures.PYTORCH, 2, 0.73), accuracy("r2", ReportFixtures.TF, 2, 0.74),
                accuracy("r3", ReportFixtures.TF, 3, 0.75));
        String md = FirstScreen.accuracy(runs, 0.75);
        assertTrue(md.contains("| **djl** | tuned | 1 | 0.830 | +0.065 (no interval) | undecided at 1 seed against PyTorch's 2"), md);
        assertTrue(md.contains("| **pytorch** | reference (d2l code) | 2 | 0.765 [0.730-0.800] | - | reference |"), md);
        assertTrue(md.contains("| **tf** | tuned | 2 |"), md);
        // the epoch each seed first reached 0.75: a count, not seconds on a shared machine
        assertTrue(md.contains("(no spread yet) | 2 |"), md);
        assertTrue(md.contains("| reference | 2 - |"), md);
    }

    @Test
    void aRowOfAVariantThatComputesWrongOnItsCpuIsNoEvidence() {
        BackendInfo idiomatic = ReportFixtures.engine("djl-idiomatic", "DJL 9.9 / PyTorch 9.9");
        List<TrainedEngine> runs = List.of(accuracy(ZEN5, "r1", ReportFixtures.PYTORCH, 1, 0.80),
                accuracy(ZEN5, "r1", idiomatic, 1, 0.78), accuracy(ALPHA, "r2", ReportFixtures.PYTORCH, 1, 0.80),
                accuracy(ALPHA, "r2", idiomatic, 1, 0.78));
        String zen5Table = FirstScreen.accuracy(runs.subList(0, 2), 0.75);
        assertTrue(zen5Table.contains("| not evidence: ran on a CPU it computes wrong on (see the caveats) |"), zen5Table);
        String elsewhere = FirstScreen.accuracy(runs.subList(2, 4), 0.75);
        assertTrue(elsewhere.contains("| undecided at 1 seed"), elsewhere);
    }

    /** A run that recorded the check that stops the variant before a wrong step is evidence on that CPU too. */
    @Test
    void aRowOfAVariantThatCheckedItselfOnSuchACpuIsEvidence() {
        BackendInfo checked = new BackendInfo("djl-idiomatic", "DJL 9.9 / PyTorch 9.9", "9.9", "cpu", true, null,
                Map.of("threads.intraop", "2", "gradient.check", "each convolution against channels-last"),
                List.of("cpu"));
        BackendInfo unchecked = ReportFixtures.engine("djl-idiomatic", "DJL 9.9 / PyTorch 9.9");
        String md = FirstScreen.accuracy(List.of(accuracy(ZEN5, "r1", ReportFixtures.PYTORCH, 1, 0.80),
                accuracy(ZEN5, "r1", checked, 1, 0.78)), 0.75);
        assertTrue(md.contains("| undecided at 1 seed"), md);
        assertFalse(md.contains("not evidence"), md);
        // one unchecked seed among checked ones is enough to void the row
        String mixed = FirstScreen.accuracy(List.of(accuracy(ZEN5, "r1", ReportFixtures.PYTORCH, 1, 0.80),
                accuracy(ZEN5, "r1", checked, 1, 0.78), accuracy(ZEN5, "r2", ReportFixtures.PYTORCH, 2, 0.75),
                accuracy(ZEN5, "r2", unchecked, 2, 0.74)), 0.75);
        assertTrue(mixed.contains("| not evidence: ran on a CPU it computes wrong on (see the caveats) |"), mixed);
        // a run whose check was off is no better than one without it
        BackendInfo off = new BackendInfo("djl-idiomatic", "DJL 9.9 / PyTorch 9.9", "9.9", "cpu", true, null,
                Map.of("gradient.check", "off (ninbench.selfChecks=off)"), List.of("cpu"));
        String offTable = FirstScreen.accuracy(List.of(accuracy(ZEN5, "r1", ReportFixtures.PYTORCH, 1, 0.80),
                accuracy(ZEN5, "r1", off, 1, 0.78)), 0.75);
        assertTrue(offTable.contains("| not evidence: ran on a CPU it computes wrong on (see the caveats) |"), offTable);
    }

    @Test
    void seedsFromTwoCpusUnderOneMachineNameArePooledAndTheTableSaysWhichRanWhere() {
        List<TrainedEngine> runs = lastSeedOnZen4(3);
        String md = FirstScreen.accuracy(runs, 0.75);
        assertTrue(md.contains("| **djl** | tuned | 3 |"), md);
        assertTrue(md.contains("Its runs come from 2 CPUs under this one name: seeds 1, 2 on AVX-512 with vp2intersect; "
                + "seed 3 on AVX-512."), md);
        String oneCpu = FirstScreen.accuracy(runs.subList(0, 4), 0.75);
        assertFalse(oneCpu.contains("CPUs under this one name"), oneCpu);
        assertFalse(oneCpu.contains("one CPU under this name"), oneCpu);
    }

    @Test
    void aTableFromOneCpuNamesItWhenTheTableBesideItSpansTwo() {
        List<TrainedEngine> runs = lastSeedOnZen4(2);
        TrainConfig ownDropout = new TrainConfig(2, 128, 0.1, 1, 0, 0, DropoutMode.ENGINE);
        BackendInfo tfIdiomatic = ReportFixtures.engine("tf-idiomatic", "TensorFlow 9.9");
        for (long seed = 1; seed <= 2; seed++) {
            runs.add(accuracy(ZEN5, "e" + seed, ReportFixtures.PYTORCH, ownDropout.withSeed(seed), 0.70));
            runs.add(accuracy(ZEN5, "e" + seed, tfIdiomatic, ownDropout.withSeed(seed), 0.71));
        }
        String md = FirstScreen.accuracy(runs, 0.75);
        assertTrue(md.contains("Its runs come from 2 CPUs under this one name: seed 1 on AVX-512 with vp2intersect; "
                + "seed 2 on AVX-512."), md);
        assertTrue(md.contains("Its runs all come from one CPU under this name: AVX-512 with vp2intersect."), md);
    }

    @Test
    void theFirstPageShowsPerDropoutModeTheRecipeWithTheMostSeedsAndLinksTheOthers() {
        TrainConfig study = new TrainConfig(2, 128, 0.05, 1, 0, 0);
        TrainConfig ownDropout = new TrainConfig(2, 128, 0.1, 1, 0, 0, DropoutMode.ENGINE);
        List<TrainedEngine> runs = new ArrayList<>(List.of(
                // the newest recipe, one seed per row: fewer seeds than the study's, so history only
                accuracy(ALPHA, "r9", ReportFixtures.PYTORCH, ReportFixtures.CONFIG.withSeed(1), 0.70),
                accuracy(ALPHA, "r9", ReportFixtures.DJL, ReportFixtures.CONFIG.withSeed(1), 0.71),
                accuracy(ALPHA, "r8", ReportFixtures.DJL, ownDropout, 0.66)));
        for (long seed = 1; seed <= 3; seed++) {
            runs.add(accuracy(ALPHA, "r" + seed, ReportFixtures.PYTORCH, study.withSeed(seed), 0.78 + seed / 100.0));
            runs.add(accuracy(ALPHA, "r" + seed, ReportFixtures.DJL, study.withSeed(seed), 0.79 + seed / 100.0));
        }
        String md = FirstScreen.accuracy(runs, 0.75);
        assertTrue(md.contains("**cpu profile: 96 px, 2 epochs, batch 128, lr 0.05, shared dropout**"), md);
        assertTrue(md.contains("| **djl** | tuned | 3 | 0.810 [0.800-0.820] | +0.010 ["), md);
        assertFalse(md.contains("lr 0.1, shared dropout"), md);
        assertFalse(md.contains("| 0.700 |"), md);
        // the only recipe with the engine's own dropout is shown even without a PyTorch row
        assertTrue(md.indexOf("lr 0.05, shared dropout**") < md.indexOf("**cpu profile: 96 px, 2 epochs, batch 128, lr 0.1, "
                + "engine dropout**"), md);
        // the accuracy chart draws the first page's first recipe
        assertEquals(6, AccuracyComparison.chartedRecipe(runs).size());
        assertTrue(AccuracyComparison.chartedRecipe(runs).stream().allMatch(r -> r.config().learningRate() == 0.05));
        assertTrue(md.contains("The 1 other recipe (the recipes a study was chosen from, older runs): [history.md]"), md);
    }

    @Test
    void anEngineWithoutARunOfTheShownRecipeIsNamedUnderItsTable() {
        TrainConfig older = new TrainConfig(2, 128, 0.1, 1, 0, 0, DropoutMode.ENGINE);
        TrainConfig study = new TrainConfig(2, 128, 0.05, 1, 0, 0, DropoutMode.ENGINE);
        BackendInfo djlIdiomatic = ReportFixtures.engine("djl-idiomatic", "DJL 9.9 / PyTorch 9.9");
        BackendInfo tfIdiomatic = ReportFixtures.engine("tf-idiomatic", "TensorFlow 9.9");
        List<TrainedEngine> runs = new ArrayList<>(List.of(accuracy(ALPHA, "r0", djlIdiomatic, older, 0.70),
                accuracy(ALPHA, "r0", tfIdiomatic, older, 0.71)));
        for (long seed = 1; seed <= 2; seed++) {
            runs.add(accuracy(ALPHA, "r" + seed, ReportFixtures.PYTORCH, study.withSeed(seed), 0.78));
            runs.add(accuracy(ALPHA, "r" + seed, tfIdiomatic, study.withSeed(seed), 0.77));
        }
        String md = FirstScreen.accuracy(runs, 0.75);
        assertTrue(md.contains("lr 0.05, engine dropout**"), md);
        assertFalse(md.contains("| **djl-idiomatic** |"), md);
        assertTrue(md.contains("Not in this table: `djl-idiomatic` has no finished run of this recipe on this machine; "
                + "its runs of other recipes: [history.md]"), md);
        runs.add(accuracy(ALPHA, "r1", djlIdiomatic, study.withSeed(1), 0.76));
        String complete = FirstScreen.accuracy(runs, 0.75);
        assertFalse(complete.contains("Not in this table"), complete);
    }

    /** PyTorch and djl rows of seeds 1 to {@code seeds}, the last seed's on the Zen 4, the others' on the Zen 5. */
    private static List<TrainedEngine> lastSeedOnZen4(int seeds) {
        List<TrainedEngine> runs = new ArrayList<>();
        for (long seed = 1; seed <= seeds; seed++) {
            Environment cpu = seed < seeds ? ZEN5 : ZEN4;
            runs.add(accuracy(cpu, "r" + seed, ReportFixtures.PYTORCH, seed, 0.78 + seed / 100.0));
            runs.add(accuracy(cpu, "r" + seed, ReportFixtures.DJL, seed, 0.79 + seed / 100.0));
        }
        return runs;
    }

    private static TrainedEngine accuracy(String runId, BackendInfo engine, long seed, double accuracy) {
        return accuracy(ALPHA, runId, engine, seed, accuracy);
    }

    private static TrainedEngine accuracy(Environment machine, String runId, BackendInfo engine,
                                        long seed, double accuracy) {
        return accuracy(machine, runId, engine, ReportFixtures.CONFIG.withSeed(seed), accuracy);
    }

    private static TrainedEngine accuracy(Environment machine, String runId, BackendInfo engine,
                                        TrainConfig config, double accuracy) {
        var record = ReportFixtures.record(machine, runId, engine, config,
                ReportFixtures.epoch(2, accuracy, 100), 300.0);
        var first = ReportFixtures.record(machine, runId, engine, config,
                ReportFixtures.epoch(1, 0.1, 100), 150.0);
        return TrainedEngine.of(List.of(first, record), Map.of()).get(0);
    }

    private static List<MeasuredEngine> run(String id, SuiteVersion suite, double ratio) {
        List<Double> torch = new ArrayList<>();
        List<Double> djl = new ArrayList<>();
        for (double f : new double[] {0.95, 0.97, 1, 1.03, 1.05}) {
            torch.add(4.0);
            djl.add(4.0 * ratio * f);
        }
        return List.of(new MeasuredEngine(ALPHA, id, "cpu", ReportInputs.day(id), rows("djl", ReportFixtures.DJL, djl), 2,
                        suite),
                new MeasuredEngine(ALPHA, id, "cpu", ReportInputs.day(id), rows("pytorch", ReportFixtures.PYTORCH, torch), 2,
                        suite));
    }

    private static EngineThroughput rows(String engine, BackendInfo info, List<Double> rounds) {
        List<ThroughputRow> rows = new ArrayList<>();
        for (String mode : List.of(ThroughputRow.TRAIN, ThroughputRow.INFERENCE)) {
            rows.add(new ThroughputRow(mode, 128, 96, MedianInterval.of(rounds).median(), Double.NaN, 1L << 29, 0, rounds));
        }
        return new EngineThroughput(engine, info, rows, null);
    }
}
