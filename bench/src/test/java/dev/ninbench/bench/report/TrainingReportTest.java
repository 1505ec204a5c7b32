package dev.ninbench.bench.report;

import static dev.ninbench.bench.report.ReportFixtures.ALPHA;
import static dev.ninbench.bench.report.ReportFixtures.ZEN4;
import static dev.ninbench.bench.report.ReportFixtures.ZEN5;
import static dev.ninbench.bench.report.ReportFixtures.CONFIG;
import static dev.ninbench.bench.report.ReportFixtures.DJL;
import static dev.ninbench.bench.report.ReportFixtures.DL4J;
import static dev.ninbench.bench.report.ReportFixtures.PYTORCH;
import static dev.ninbench.bench.report.ReportFixtures.TF;
import static dev.ninbench.bench.report.ReportFixtures.csv;
import static dev.ninbench.bench.report.ReportFixtures.epoch;
import static dev.ninbench.bench.report.ReportFixtures.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.NinBench;
import dev.ninbench.bench.rundir.RunResume;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.train.DropoutMode;
import dev.ninbench.core.train.EpochResult;
import dev.ninbench.core.train.TrainConfig;
import dev.ninbench.core.worker.StepLosses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** The training runs' report: train accuracy, dropout, both times to accuracy, per-step charts, long CSVs. */
class TrainingReportTest {
    private static final String RUN = "2026-11-23_1000_alpha_cpu";

    @TempDir
    Path tmp;

    @Test
    void accuracyTableShowsTrainAccuracyDropoutAndTimeToAccuracyBothWays() {
        TrainConfig engineDropout = new TrainConfig(3, 128, 0.1, 7, 0, 0, DropoutMode.ENGINE);
        List<RunRecord> records = List.of(
                record(ALPHA, "r1", DJL, engineDropout, result(1, 0.60, 0.70, 0.02), 110.0),
                record(ALPHA, "r1", DJL, engineDropout, result(2, 0.82, 0.85, 0.10), 230.0),
                // after the target: a busy last epoch does not take the time to the target away
                record(ALPHA, "r1", DJL, engineDropout, result(3, 0.84, 0.86, 0.60), 350.0),
                // from before train accuracy, wall-clock seconds and the machine's load were kept
                record(ALPHA, "r0", TF, CONFIG, result(1, null, 0.81, null), null),
                record(ALPHA, "r0", TF, CONFIG, result(2, null, 0.83, null), null),
                record(ALPHA, "r2", PYTORCH, CONFIG, result(1, 0.50, 0.55, 0.0), 120.0),
                // other processes took a third of the machine in its first epoch
                record(ALPHA, "r3", DL4J, CONFIG, result(1, 0.70, 0.81, 0.34), 90.0));
        Table table = ReportTables.accuracy(TrainedEngine.of(records, Map.of()), 0.8);

        // epoch 2 is the first to reach 0.8: two epochs' training seconds, and the wall-clock seconds at its end
        assertEquals(List.of("engine", "7", "0.8400", "0.8600", "200.0", "230.0"),
                cells(table, 0, "0.80"));
        assertEquals("0.60", table.rows().get(0).get(table.headers().indexOf("max CPU share of other processes")));
        // reached, but the machine's load was not recorded: no time
        assertEquals(List.of("shared", "42", "n/a", "0.8300", "n/a", "n/a"), cells(table, 1, "0.80"));
        assertEquals("n/a", table.rows().get(1).get(table.headers().indexOf("max CPU share of other processes")));
        assertEquals(List.of("shared", "42", "0.5000", "0.5500", "not reached", "not reached"), cells(table, 2, "0.80"));
        assertEquals("PyTorch 9.9", table.rows().get(2).get(table.headers().indexOf("engine")));
        assertEquals(List.of("shared", "42", "0.7000", "0.8100", "machine shared", "machine shared"),
                cells(table, 3, "0.80"));
    }

    @Test
    void withoutARunThatHadTheMachineToItselfTheTimeColumnsAreLeftOut() throws Exception {
        List<RunRecord> records = List.of(
                record(ALPHA, "r0", TF, CONFIG, result(1, 0.8, 0.81, null), null),
                record(ALPHA, "r3", DL4J, CONFIG, result(1, 0.8, 0.81, 0.34), 90.0));
        List<TrainedEngine> runs = TrainedEngine.of(records, Map.of());
        Table table = ReportTables.accuracy(runs, 0.8);
        assertTrue(table.headers().stream().noneMatch(h -> h.contains(" s to ")), table.headers().toString());
        assertFalse(ReportCharts.accuracyTime(runs.stream().filter(r -> r.hadMachineToItself(0.8)).toList(), 0.8,
                Map.of(), tmp.resolve("accuracy-time.png")));
        assertFalse(Files.exists(tmp.resolve("accuracy-time.png")));
    }

    @Test
    void reportDrawsEachRunsStepChartsAndWritesTheLongCsvs() throws Exception {
        Path run = trainingRun(RUN, List.of(DJL, TF, PYTORCH));
        // tf computes exactly PyTorch's losses: its divergence is the floor throughout, which the log axis must take
        steps(run, "djl", 0.01f);
        steps(run, "tf", 0f);
        steps(run, "pytorch", 0f);
        Path out = report(run, "0.8");

        String readme = ReportFixtures.pages(out);
        for (String png : List.of("loss-" + RUN + ".png", "divergence-" + RUN + ".png")) {
            assertTrue(readme.contains("](" + png + ")"), readme);
            assertTrue(ImageIO.read(out.resolve(png).toFile()).getWidth() >= 800, png);
        }
        assertTrue(Files.readString(out.resolve("accuracy.csv")).contains(",PyTorch 9.9,"));
        List<List<String>> steps = csv(out.resolve(TrainingReport.STEPS_CSV));
        assertEquals(List.of("run", "engine", "epoch", "step", "loss"), steps.get(0));
        assertEquals(1 + 3 * 2 * 30, steps.size());
        assertTrue(steps.contains(List.of(RUN, "djl", "2", "30", Float.toString(loss(2, 30) + 0.01f))), steps.toString());
        List<List<String>> epochs = csv(out.resolve("epochs.csv"));
        assertEquals(List.of("machine", "SIMD", "run", "profile", "engine", "seed", "dropout", "epoch", "train loss",
                "train accuracy", "test loss", "test accuracy", "train seconds", "eval seconds",
                "wall seconds (process start to epoch end)", "img/s", "others' CPU share"), epochs.get(0));
        assertEquals(List.of("CPU A, 4 cores (alpha)", "AVX2", RUN, "cpu", "pytorch", "42", "shared", "2", "0.500000", "0.850000",
                "0.500000", "0.850000", "100.000", "5.000", "211.500", "600.0", "0.010"), epochs.get(6));

        RunSteps read = ReportInputs.read(List.of(run)).steps().get(0);
        assertEquals(List.of("djl", "tf", "pytorch"), List.copyOf(read.byEngine().keySet()));
        Provenance provenance = Provenance.of(List.of(ALPHA), List.of(RUN), Map.of());
        assertEquals(List.of("djl", "tf", "pytorch"), lines(StepCharts.lossChart(read, provenance)));
        XYChart divergence = StepCharts.divergenceChart(read, provenance);
        assertEquals(List.of("djl", "tf"), lines(divergence));
        assertArrayEquals(new double[] {RunSteps.DIVERGENCE_FLOOR, RunSteps.DIVERGENCE_FLOOR},
                Arrays.copyOf(divergence.getSeriesMap().get("tf").getYData(), 2));
        assertTrue(ReportCharts.accuracyChart(ReportInputs.read(List.of(run)).accuracy(), 0.8, Map.of()).getSeriesMap()
                .containsKey("pytorch, 1 run"));
    }

    @Test
    void aRunResumedByAnotherSuiteNamesBothCommitsWhereItsChartsSayWhereTheyCameFrom() throws Exception {
        Path run = Files.createDirectories(tmp.resolve("resumed"));
        Files.writeString(run.resolve("run.json"), "{\"suite\": {\"commit\": \"0d026060e3ce\", \"modified\": false}}");
        new RunResume("2026-12-07T05:30:00Z", new SuiteVersion("edd6bac12345", false), Map.of("djl", 1)).appendTo(run);
        SuiteVersion suite = Provenance.suite(run, w -> { }).orElseThrow();
        assertEquals("run resumed; commit 0d026060e3ce, resumed at edd6bac12345",
                Provenance.of(List.of(), List.of("resumed"), Map.of("resumed", suite)).describe().substring(2));
    }

    @Test
    void aChartTitleNamesEachCpuAndShortensALongListOfRuns() {
        Map<String, SuiteVersion> suites = Map.of("r1", new SuiteVersion("aaaaaaaaaaaa", false),
                "r2", new SuiteVersion("bbbbbbbbbbbb", false));
        assertEquals("AMD EPYC, 2 cores, AVX-512 with vp2intersect / AMD EPYC, 2 cores, AVX-512; runs r1 to r5 (5)",
                Provenance.of(List.of(ZEN5, ZEN4), List.of("r4", "r2", "r5", "r1", "r3"), suites).describe()
                        .replaceAll("; commits .*", ""));
        assertEquals("AMD EPYC, 2 cores, AVX-512; runs r1, r2; commits aaaaaaaaaaaa, bbbbbbbbbbbb",
                Provenance.of(List.of(ZEN4), List.of("r2", "r1"), suites).describe());
    }

    @Test
    void secondsToAccuracyAreChartedFromTheNewestRunsCpuAloneAndOnlyFromRunsThatHadTheMachineToThemselves() {
        List<RunRecord> records = List.of(record(ZEN5, "2026-12-01_0900_vm_seeds-seed1", DJL, epoch(1, 0.8, 100)),
                record(ZEN4, "2026-12-02_0900_vm_seeds-seed2", DJL, epoch(1, 0.8, 100)),
                record(ZEN4, "2026-12-02_0900_vm_seeds-seed2", TF, epoch(1, 0.8, 100, 0.5)));
        List<TrainedEngine> runs = TrainedEngine.of(records, Map.of());
        List<TrainedEngine> timed = TrainingReport.timed(runs, 0.75);
        assertEquals(List.of("2026-12-02_0900_vm_seeds-seed2"), timed.stream().map(TrainedEngine::runId).toList());
        assertEquals(List.of("djl"), timed.stream().map(r -> r.engine().name()).toList());
    }

    @Test
    void aMalformedStepsFileIsOneWarningAndLeavesOnlyItsEngineOut() throws Exception {
        Path run = trainingRun(RUN, List.of(DJL, PYTORCH));
        steps(run, "djl", 0f);
        Files.createDirectories(StepLosses.file(run, "pytorch").getParent());
        Files.writeString(StepLosses.file(run, "pytorch"), "epoch,step,loss\n1,1,not-a-loss\n");

        ReportInputs inputs = ReportInputs.read(List.of(run));
        assertEquals(1, inputs.warnings().size(), inputs.warnings().toString());
        assertTrue(inputs.warnings().get(0).startsWith(StepLosses.file(run, "pytorch") + ":2: expected epoch,step,loss"),
                inputs.warnings().get(0));
        assertEquals(List.of("djl"), List.copyOf(inputs.steps().get(0).byEngine().keySet()));

        Path out = report(run, "0.8");
        String readme = ReportFixtures.pages(out);
        assertTrue(Files.exists(out.resolve("loss-" + RUN + ".png")));
        assertFalse(Files.exists(out.resolve("divergence-" + RUN + ".png")));
        assertTrue(readme.contains("No divergence chart: the run has no PyTorch row"), readme);
        assertTrue(readme.contains("expected epoch,step,loss"), readme);
        assertTrue(Files.readString(out.resolve("accuracy.csv")).contains(",PyTorch 9.9,")); // its epochs are still reported
    }

    /** A published run from before train accuracy, wall-clock seconds, the dropout mode and steps/ were kept. */
    @Test
    void anOldRunWithoutTheNewFiguresOrStepsStillReports() throws Exception {
        Path run = Path.of(TrainingReportTest.class.getResource("/report/2026-11-23_1206_vm_cpu").toURI());
        Path out = report(run, "0.1");
        String readme = ReportFixtures.pages(out);
        assertTrue(readme.contains("No per-step losses (runs from before `steps/` was kept"), readme);
        assertTrue(readme.contains("`2026-11-23_1206_vm_cpu`"), readme);
        List<List<String>> accuracy = csv(out.resolve("accuracy.csv"));
        // reached in its first epoch, but how busy the machine was then is not known: no time to the target
        assertTrue(accuracy.get(0).stream().noneMatch(h -> h.contains(" s to ")), accuracy.get(0).toString());
        assertEquals("n/a", accuracy.get(1).get(accuracy.get(0).indexOf("max CPU share of other processes")));
        List<String> epoch = csv(out.resolve("epochs.csv")).get(1);
        assertEquals(List.of("engine", "1", "n/a"), List.of(epoch.get(6), epoch.get(7), epoch.get(9)));
        assertEquals(List.of("n/a", "n/a"), List.of(epoch.get(14), epoch.get(16)));
        assertFalse(Files.exists(out.resolve(TrainingReport.STEPS_CSV)));
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("loss-")));
        }
    }

    /** The dropout, seed, train and test accuracies and both times to {@code target} of a row of the accuracy table. */
    private static List<String> cells(Table table, int row, String target) {
        return Stream.of("dropout", "seed", "final train accuracy", "final test accuracy",
                        "training s to " + target + " (training only)",
                        "wall-clock s to " + target + " (from process start, evaluation included)")
                .map(h -> table.rows().get(row).get(table.headers().indexOf(h))).toList();
    }

    /** The chart's lines that its legend names. */
    private static List<String> lines(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName).toList();
    }

    /** An epoch of 100 s of training and 5 of evaluation, while others took {@code othersCpuShare} of the machine. */
    private static EpochResult result(int n, Double trainAccuracy, double testAccuracy, Double othersCpuShare) {
        return new EpochResult(n, 469, 0.5, trainAccuracy, 0.5, testAccuracy, 100.0, 5.0, 600.0, othersCpuShare);
    }

    /** Two epochs of each engine on machine alpha, in a run directory named like a real one. */
    private Path trainingRun(String runId, List<BackendInfo> engines) {
        Path dir = tmp.resolve("runs").resolve(runId);
        for (BackendInfo engine : engines) {
            for (int e = 1; e <= 2; e++) {
                RunRecords.append(dir.resolve(RunRecords.FILE_NAME), record(ALPHA, runId, engine, epoch(e, 0.70 + 0.15 * (e - 1), 100.0)));
            }
        }
        return dir;
    }

    /** Two epochs of 30 steps, the losses falling from 2.3, plus {@code offset}. */
    private static void steps(Path run, String engine, float offset) {
        try (StepLosses losses = new StepLosses(run, engine, 1)) {
            for (int e = 1; e <= 2; e++) {
                for (int s = 1; s <= 30; s++) {
                    losses.add(e, s, loss(e, s) + offset);
                }
            }
        }
    }

    private static float loss(int epoch, int step) {
        return 2.3f - 0.01f * ((epoch - 1) * 30 + step);
    }

    private Path report(Path run, String targetAccuracy) {
        Path out = tmp.resolve("report");
        assertEquals(0, NinBench.commandLine().execute("report", "--out", out.toString(), "--target-accuracy",
                targetAccuracy, run.toString()));
        return out;
    }
}
