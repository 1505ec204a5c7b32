package dev.ninbench.bench.report;

import static dev.ninbench.bench.report.ReportFixtures.ALPHA;
import static dev.ninbench.bench.report.ReportFixtures.BETA;
import static dev.ninbench.bench.report.ReportFixtures.DJL;
import static dev.ninbench.bench.report.ReportFixtures.TF;
import static dev.ninbench.bench.report.ReportFixtures.csv;
import static dev.ninbench.bench.report.ReportFixtures.epoch;
import static dev.ninbench.bench.report.ReportFixtures.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.NinBench;
import dev.ninbench.bench.results.ColdStartRow;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.KernelRow;
import dev.ninbench.bench.results.LatencyRow;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.bench.results.ThroughputSummary;
import dev.ninbench.core.engine.BackendInfo;
import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.machine.Environment;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.train.EpochResult;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A report over small run directories: two machines, two engines, a throughput run and one malformed line. */
class ReportTest {
    @TempDir
    Path tmp;

    @Test
    void secondsToAccuracySumsTrainingSecondsUpToTheFirstEpochThatReachesIt() {
        List<EpochResult> epochs = List.of(epoch(1, 0.50, 10.0), epoch(2, 0.85, 20.0), epoch(3, 0.79, 30.0));
        assertEquals(30.0, TrainedEngine.secondsToAccuracy(epochs, 0.8).orElseThrow(), 1e-9);
        assertEquals(10.0, TrainedEngine.secondsToAccuracy(epochs, 0.5).orElseThrow(), 1e-9);
        assertTrue(TrainedEngine.secondsToAccuracy(epochs, 0.9).isEmpty());
        assertTrue(TrainedEngine.secondsToAccuracy(List.of(), 0.1).isEmpty());
    }

    /** Two writers at once (a resume beside a still-running orphan) record an epoch twice: the row says so. */
    @Test
    void anEpochRecordedTwiceIsAnErrorOnItsRowNotAnExtraEpoch() {
        List<RunRecord> records = List.of(record(ALPHA, "run-1", DJL, epoch(1, 0.4, 10.0)),
                record(ALPHA, "run-1", DJL, epoch(2, 0.6, 10.0)), record(ALPHA, "run-1", DJL, epoch(2, 0.61, 30.0)));
        TrainedEngine row = TrainedEngine.of(records, Map.of()).get(0);
        assertEquals(2, row.epochs().size());
        assertEquals(0.6, row.epochs().get(1).testAccuracy(), 0.0);
        assertEquals(10.0, row.meanSecondsPerEpoch(), 1e-9);
        assertTrue(row.status().contains("epoch(s) 2 recorded more than once"), row.status());
        assertTrue(row.status().startsWith("FAILED"), row.status());
    }

    @Test
    void aMissingEpochIsMarkedOnItsRow() {
        TrainedEngine row = TrainedEngine.of(List.of(record(ALPHA, "run-1", DJL, epoch(1, 0.4, 10.0)),
                record(ALPHA, "run-1", DJL, epoch(3, 0.6, 10.0))), Map.of()).get(0);
        assertEquals("INCOMPLETE; epoch(s) 2 missing", row.status());
    }

    @Test
    void throughputSummaryReadsBackWhatWasWritten() {
        List<EngineThroughput> engines = throughputEngines();
        ThroughputSummary.write(tmp, engines);
        assertEquals(engines, ThroughputSummary.read(tmp.resolve(ThroughputSummary.FILE_NAME)));
    }

    @Test
    void malformedLineIsReportedAndTheGoodRecordsKept() throws Exception {
        List<Path> dirs = runDirectories();
        ReportInputs inputs = ReportInputs.read(dirs);
        assertEquals(1, inputs.warnings().size(), inputs.warnings().toString());
        assertTrue(inputs.warnings().get(0).startsWith(dirs.get(1).resolve(RunRecords.FILE_NAME) + ":3: not a run record"),
                inputs.warnings().get(0));
        // two machines x two engines, each with every good epoch
        assertEquals(4, inputs.accuracy().size());
        assertEquals(List.of(2, 2, 2, 2), inputs.accuracy().stream().map(r -> r.epochs().size()).toList());
        assertEquals(2, inputs.throughput().size());
        assertEquals("alpha", inputs.throughput().get(0).machine().host());
        assertEquals("2026-11-24", inputs.throughput().get(0).date());
    }

    @Test
    void reportWritesReadmeCsvsAndCharts() throws Exception {
        Path out = tmp.resolve("report");
        List<String> args = new ArrayList<>(List.of("report", "--out", out.toString(), "--target-accuracy", "0.8"));
        runDirectories().forEach(d -> args.add(d.toString()));
        // what a report that failed partway before would have left: its staging folder, which goes now
        Files.createDirectories(out.resolve(".report-staging"));
        Files.writeString(out.resolve(".report-staging/README.md"), "half a report");
        assertEquals(0, NinBench.commandLine().execute(args.toArray(String[]::new)));
        assertFalse(Files.exists(out.resolve(".report-staging")), "files are written to a staging folder, then moved");

        String readme = ReportFixtures.pages(out);
        assertTrue(readme.contains("`./nin-bench report --out " + out), readme);
        assertTrue(readme.contains(":3: not a run record"), readme);
        // the first screen: per machine, a compact table whose shared facts are said once above it
        assertTrue(readme.startsWith("# Results") && readme.indexOf("## Speed on CPU A, 4 cores (alpha)")
                < readme.indexOf("# History"), readme);
        assertTrue(readme.contains("### Throughput on CPU A, 4 cores (alpha)\n\nTest JDK 17; run "
                + "`2026-11-24_0900_alpha_throughput-smoke`"), readme);
        assertTrue(readme.contains("### Training on CPU B, 4 cores (beta), cpu profile"), readme);
        assertTrue(readme.contains("| CPU B, 4 cores (beta) | Test OS | Test JDK 17 | 8 GiB | avx2 | not recorded | gpu:0 Test GPU, 8.0 GiB, driver 550.1 |"), readme);
        // % of the run's measured peak: djl's conv5x5, 100 GFLOP/s; its train row makes 320 img/s x 3 x 108 MFLOP
        assertTrue(readme.contains("| CPU A, 4 cores (alpha) | 2 | 2026-11-24 | 2026-11-24_0900_alpha_throughput-smoke "
                + "| DJL 9.9 / PyTorch 9.9 | 34.4 ± 1.7 | not measured | 100.0 ± ? | 100.0 (conv5x5) |"), readme);
        assertTrue(readme.contains("| TensorFlow Java 9.9 / TensorFlow 9.9 | not measured | not measured | not measured "
                + "| not measured |"), readme);
        assertTrue(readme.contains("| measured peak (best of the run; % of peak use it) |  |  |  | 100.0 (djl conv5x5) |"), readme);
        assertTrue(readme.contains("| theoretical peak |  |  |  | 204.8 GFLOP/s = 2 core(s) x 3.200 GHz (test) x 8 fp32 "
                + "lanes (avx2+fma) x 2 FLOP/FMA x 2 FMA units (assumed) |"), readme);
        assertEquals(1, readme.split("\\| CPU A, 4 cores \\(alpha\\) \\| Test OS", -1).length - 1, readme); // one row per machine
        assertFalse(readme.contains("performance notes"), readme); // there are none in this folder
        // hand-written notes next to the report are linked from it, and left as they are
        Files.createDirectories(out.resolve("performance"));
        Files.writeString(out.resolve("performance/README.md"), "# notes\n");
        assertEquals(0, NinBench.commandLine().execute(args.toArray(String[]::new)));
        assertTrue(ReportFixtures.pages(out).contains("[performance notes](performance/README.md)"));
        assertEquals("# notes\n", Files.readString(out.resolve("performance/README.md")));

        List<List<String>> accuracy = csv(out.resolve("accuracy.csv"));
        assertEquals(5, accuracy.size()); // header and 2 machines x 2 engines
        assertEquals("CPU A, 4 cores (alpha)", accuracy.get(1).get(0));
        assertEquals("200.0", accuracy.get(1).get(accuracy.get(0).indexOf("training s to 0.80 (training only)")));
        assertEquals("0.8500", accuracy.get(1).get(accuracy.get(0).indexOf("final test accuracy")));
        List<List<String>> throughput = csv(out.resolve("throughput.csv"));
        assertEquals(1 + 4, throughput.size()); // two engines x train and inference
        // one number a column: djl's inference, 40 batches/s of 32 = 1280 img/s ± 64 (JMH's error), no rounds
        List<String> header = throughput.get(0);
        List<String> inference = throughput.get(2);
        assertEquals(List.of("inference", "32", "1", "1280.00", "", "", "64.00"), List.of(
                inference.get(header.indexOf("mode")), inference.get(header.indexOf("batch")),
                inference.get(header.indexOf("rounds")), inference.get(header.indexOf("img/s")),
                inference.get(header.indexOf("img/s low")), inference.get(header.indexOf("img/s high")),
                inference.get(header.indexOf("img/s jmh error"))));
        // the fastest engine's ratio to itself is 1; no PyTorch row in these runs, so no ratio to it
        assertEquals("1.0000", inference.get(header.indexOf("x fastest")));
        assertEquals("", inference.get(header.indexOf("x pytorch")));
        // % of the run's measured peak: djl's conv5x5, 100 GFLOP/s; its train row makes 320 img/s x 3 x 108 MFLOP
        List<String> train = throughput.get(1);
        assertEquals(List.of("train", "320.00", "103.57", "103.6"), List.of(train.get(header.indexOf("mode")),
                train.get(header.indexOf("img/s")), train.get(header.indexOf("gflop/s")),
                train.get(header.indexOf("percent of peak"))));
        List<List<String>> latency = csv(out.resolve("latency.csv"));
        assertEquals(List.of("1", "68", "2.50", "3.00", "4.25", "1200"), latency.get(1).subList(8, 14));
        List<List<String>> peak = csv(out.resolve("peak.csv"));
        assertEquals(1 + 2, peak.size()); // djl's two kernels; tf measured none
        assertEquals(List.of("sgemm", "34.36", "1.72"), peak.get(1).subList(4, 7));
        List<List<String>> coldStart = csv(out.resolve("coldstart.csv"));
        assertEquals(1 + 4, coldStart.size()); // djl's four events; tf's run part has none
        assertEquals(List.of("natives loaded", "800", "790", "830"), coldStart.get(1).subList(6, 10));
        for (List<List<String>> table : List.of(accuracy, throughput, peak, coldStart)) {
            table.forEach(row -> assertEquals(table.get(0).size(), row.size(), row.toString()));
        }
        // one figure a cell in every CSV, and every column in the dictionary
        try (var files = Files.list(out)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
                for (List<String> row : csv(file)) {
                    row.forEach(cell -> assertFalse(cell.contains("±") || cell.matches(".*\\[[0-9.]+-[0-9.]+\\].*"),
                            file.getFileName() + ": " + cell));
                }
            }
        }
        assertFalse(Files.readString(out.resolve("columns.md")).contains(ColumnDictionary.NOT_DESCRIBED),
                Files.readString(out.resolve("columns.md")));

        assertFalse(Files.exists(out.resolve("throughput.png")));
        for (String png : List.of("accuracy.png", "throughput-ratios.png", "latency.png", "coldstart.png")) {
            byte[] bytes = Files.readAllBytes(out.resolve(png));
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4), png);
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(image, png);
            assertTrue(image.getWidth() >= 800 && image.getHeight() >= 400, png + " " + image.getWidth() + "x" + image.getHeight());
        }
    }

    @Test
    void readsTheRunDirectoriesOfRealRuns() throws Exception {
        // a real one-epoch cpu training run and a real smoke throughput run of the three engines
        Path fixtures = Path.of(ReportTest.class.getResource("/report").toURI());
        ReportInputs inputs = ReportInputs.read(List.of(fixtures.resolve("2026-11-23_1206_vm_cpu"),
                fixtures.resolve("2026-11-23_1231_vm_throughput-smoke")));
        assertEquals(List.of(), inputs.warnings());
        assertEquals(List.of("djl", "tf", "dl4j"), inputs.accuracy().stream().map(r -> r.engine().name()).toList());
        assertEquals(150.7, inputs.accuracy().get(0).meanSecondsPerEpoch(), 0.05);
        assertEquals(List.of("djl", "tf", "dl4j"), inputs.throughput().stream().map(t -> t.engine().engine()).toList());
        assertEquals("smoke", inputs.throughput().get(2).profile());
        assertEquals(1043.0, inputs.throughput().get(2).engine().rows().get(0).imagesPerSecond(), 0.05);
    }

    /** The published cpu run was made before the peak benchmark: its report says so and invents no figure. */
    @Test
    void aRunFromBeforeThePeakBenchmarkSaysNotMeasured() throws Exception {
        Path run = Path.of(ReportTest.class.getResource("/report/2026-11-23_1231_vm_throughput-smoke").toURI());
        Path out = tmp.resolve("report");
        assertEquals(0, NinBench.commandLine().execute("report", "--out", out.toString(), run.toString()));
        String readme = ReportFixtures.pages(out);
        List<List<String>> throughput = csv(out.resolve("throughput.csv"));
        int percent = throughput.get(0).indexOf("percent of peak");
        throughput.subList(1, throughput.size()).forEach(row -> assertEquals("", row.get(percent), row.toString()));
        assertTrue(readme.contains("| not measured | not measured | not measured | not measured |"), readme);
        assertTrue(readme.contains("| measured peak (best of the run; % of peak use it) |  |  |  | not measured |"), readme);
        assertTrue(readme.contains("| theoretical peak |  |  |  | - (clock or FMA flags not recorded) |"), readme);
        // nor did it measure cold starts: no table, no CSV, no figure made up
        assertFalse(readme.contains("Cold start"), readme);
        assertFalse(Files.exists(out.resolve("coldstart.csv")));
    }

    @Test
    void nothingReadableWritesNothing() {
        Path out = tmp.resolve("report");
        assertEquals(2, NinBench.commandLine().execute("report", "--out", out.toString(), tmp.resolve("empty").toString()));
        assertTrue(Files.notExists(out.resolve("README.md")));
    }

    @Test
    void repeatedLabelsGetTheirRun() {
        assertEquals(List.of("djl @ a (r1)", "tf @ a", "djl @ a (r2)"),
                ReportCharts.uniqueLabels(List.of("djl @ a", "tf @ a", "djl @ a"), List.of("r1", "r1", "r2")));
    }

    /** Training runs on two machines (the second with a malformed line), and a throughput run on the first. */
    private List<Path> runDirectories() throws Exception {
        Path alpha = tmp.resolve("runs/2026-11-23_1000_alpha_cpu");
        Path beta = tmp.resolve("runs/2026-11-23_1000_beta_cpu");
        for (BackendInfo engine : List.of(DJL, TF)) {
            RunRecords.append(alpha.resolve(RunRecords.FILE_NAME), record(ALPHA, "run-alpha", engine, epoch(1, 0.70, 100.0)));
            RunRecords.append(alpha.resolve(RunRecords.FILE_NAME), record(ALPHA, "run-alpha", engine, epoch(2, 0.85, 100.0)));
        }
        Path betaRecords = beta.resolve(RunRecords.FILE_NAME);
        RunRecords.append(betaRecords, record(BETA, "run-beta", DJL, epoch(1, 0.70, 100.0)));
        RunRecords.append(betaRecords, record(BETA, "run-beta", TF, epoch(1, 0.70, 100.0)));
        Files.writeString(betaRecords, "{\"schema\": 1, \"runId\": \n", StandardOpenOption.APPEND); // an interrupted write
        RunRecords.append(betaRecords, record(BETA, "run-beta", DJL, epoch(2, 0.80, 100.0)));
        RunRecords.append(betaRecords, record(BETA, "run-beta", TF, epoch(2, 0.75, 100.0)));

        Path throughput = tmp.resolve("runs/2026-11-24_0900_alpha_throughput-smoke");
        Files.createDirectories(throughput);
        // the same machine, with other engine variables than its training run: still one machine
        Environment alphaOtherVariables = new Environment(ALPHA.host(), ALPHA.cpuModel(), ALPHA.cpuFlags(), ALPHA.cores(),
                ALPHA.memoryBytes(), ALPHA.os(), ALPHA.jdk(), Map.of("OMP_NUM_THREADS", "2"), List.of(), ALPHA.clock());
        Json.MAPPER.writeValue(throughput.resolve("run.json").toFile(),
                Map.of("profile", "smoke", "environment", alphaOtherVariables, "threads", 2));
        ThroughputSummary.write(throughput, throughputEngines());
        return List.of(alpha, beta, throughput);
    }

    private static List<EngineThroughput> throughputEngines() {
        return List.of(
                new EngineThroughput("djl", DJL, List.of(new ThroughputRow(ThroughputRow.TRAIN, 32, 68, 10.0, Double.NaN, 300L << 20, 0),
                        new ThroughputRow(ThroughputRow.INFERENCE, 32, 68, 40.0, 2.0, 280L << 20, 0)), null,
                        // 2 and 12.7 ops/s: 34.4 and 100.0 GFLOP/s
                        List.of(new KernelRow(Kernel.SGEMM, 2.0, 0.1),
                                new KernelRow(Kernel.CONV5X5, 100e9 / Kernel.CONV5X5.flops(), Double.NaN)),
                        List.of(new LatencyRow(1, 68, 2.5, 3.0, 4.25, 1200)),
                        // three cold starts, ms to each event
                        new ColdStartRow(32, 68, List.of(800L, 790L, 830L), List.of(1000L, 1100L, 1050L),
                                List.of(1500L, 1400L, 1450L), List.of(1600L, 1700L, 1650L), null)),
                new EngineThroughput("tf", TF, List.of(new ThroughputRow(ThroughputRow.TRAIN, 32, 68, 8.0, 1.0, -1, 0),
                        new ThroughputRow(ThroughputRow.INFERENCE, 32, 68, 30.0, 3.0, 350L << 20, 0)), null));
    }
}
