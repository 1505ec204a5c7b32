package dev.ninbench.bench.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ninbench.bench.pytorch.PyTorchThroughput;
import dev.ninbench.bench.throughput.ThroughputTable;
import dev.ninbench.core.engine.Kernel;
import dev.ninbench.core.machine.CpuClock;
import dev.ninbench.core.machine.TheoreticalPeak;
import dev.ninbench.core.spec.NinSpec;
import dev.ninbench.engineside.PeakMemory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JMH's batches per second turned into images per second and GFLOP/s; JMH's arguments, JSON and failures read back. */
class ThroughputResultsTest {
    @TempDir
    Path tmp;

    @Test
    void imagesPerSecondIsBatchesPerSecondTimesTheBatch() {
        assertEquals(320.0, ThroughputRow.imagesPerSecond(10, 32), 1e-9);
        ThroughputRow r = new ThroughputRow(ThroughputRow.INFERENCE, 64, 96, 20.0, 1.5, -1, 0);
        assertEquals(1280.0, r.imagesPerSecond(), 1e-9);
        assertEquals(96.0, r.imagesError(), 1e-9);
    }

    @Test
    void readsJmhSampleModePercentilesAndCountsTheCallsTimed() throws Exception {
        Path json = tmp.resolve("x-latency-jmh.json");
        Files.writeString(json, """
                [ { "benchmark" : "dev.ninbench.engineside.LatencyBenchmark.logits", "mode" : "sample",
                    "params" : { "batchSize" : "1", "engine" : "x", "inputSide" : "96" },
                    "primaryMetric" : { "score" : 2.5, "scoreUnit" : "ms/op",
                        "scorePercentiles" : { "0.0" : 1.9, "50.0" : 2.4, "90.0" : 2.9, "95.0" : 3.0, "99.0" : 4.1 },
                        "rawDataHistogram" : [ [ [ [ 2.4, 30 ], [ 2.9, 10 ] ], [ [ 4.1, 2 ] ] ] ] } } ]
                """);
        assertEquals(List.of(new LatencyRow(1, 96, 2.4, 2.9, 4.1, 42)), JmhResults.readLatency(json));
        // a throughput-mode file read as latency is an error that names the file and the unit
        Path wrong = tmp.resolve("y-jmh.json");
        Files.writeString(wrong, """
                [ { "benchmark" : "b", "params" : { }, "primaryMetric" : { "score" : 1, "scoreUnit" : "ops/s" } } ]
                """);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> JmhResults.readLatency(wrong));
        assertEquals(wrong + ": b is in ops/s, expected ms/op (sample mode in ms)", e.getMessage());
    }

    @Test
    void pyTorchsCallTimesBecomePercentilesAsJmhTakesThem() {
        List<Double> millis = new java.util.ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            millis.add((double) i);
        }
        LatencyRow row = LatencyRow.of(8, 96, millis);
        assertEquals(50.5, row.p50Ms(), 1e-9);
        assertEquals(90.9, row.p90Ms(), 1e-9);
        assertEquals(99.99, row.p99Ms(), 1e-9);
        assertEquals(100, row.samples());
    }

    @Test
    void gflopsCountForwardFlopsPerImageAndThreeTimesThatForTraining() {
        assertEquals(54.0, ThroughputRow.gflops(500, 108_000_000L, false), 1e-9);
        assertEquals(162.0, ThroughputRow.gflops(500, 108_000_000L, true), 1e-9);
        // 548 img/s training at 96 px is 355 GFLOP/s (3 x 216 MFLOP an image)
        ThroughputRow tf = new ThroughputRow(ThroughputRow.TRAIN, 128, 96, 548.0 / 128, 0, -1, 0);
        assertEquals(548 * 3.0 * NinSpec.d2l(96).forwardFlops() / 1e9, tf.gflops(), 1e-9);
        assertEquals(355, tf.gflops(), 2);
    }

    @Test
    void readsJmhJsonWithAnUndefinedErrorAndTheLargestPeakMemoryOfTheForks() throws Exception {
        Path json = tmp.resolve("x-jmh.json");
        Files.writeString(json, """
                [ { "benchmark" : "dev.ninbench.engineside.TrainStepBenchmark.trainStep", "mode" : "thrpt",
                    "params" : { "batchSize" : "32", "inputSide" : "68" },
                    "primaryMetric" : { "score" : 12.5, "scoreError" : "NaN", "scoreUnit" : "ops/s" } },
                  { "benchmark" : "dev.ninbench.engineside.InferenceBenchmark.logits", "mode" : "thrpt",
                    "params" : { "batchSize" : "32", "inputSide" : "68" },
                    "primaryMetric" : { "score" : 40.0, "scoreError" : 2.0, "scoreUnit" : "ops/s" } } ]
                """);
        List<PeakMemory> memory = List.of(
                new PeakMemory("dev.ninbench.engineside.TrainStepBenchmark.trainStep", 32, 68, 100L << 20, 2L << 30, 1.0),
                new PeakMemory("dev.ninbench.engineside.TrainStepBenchmark.trainStep", 32, 68, 300L << 20, 1L << 30, 2.0),
                new PeakMemory("dev.ninbench.engineside.TrainStepBenchmark.trainStep", 64, 68, 900L << 20, 0));
        List<ThroughputRow> rows = JmhResults.read(json, memory);
        // the largest peak memory of the forks, the mean of their cores busy (NaN where none was measured)
        assertEquals(new ThroughputRow("train", 32, 68, 12.5, Double.NaN, 300L << 20, 2L << 30, List.of(), 1.5),
                rows.get(0));
        assertEquals(new ThroughputRow("inference", 32, 68, 40.0, 2.0, -1, 0), rows.get(1));
        assertEquals(400.0, rows.get(0).imagesPerSecond(), 1e-9);
        String table = ThroughputTable.render(List.of(new EngineThroughput("x", null, rows, null)));
        assertTrue(table.contains("train        32   68 400.0 ± ? "), table);
        assertTrue(table.contains(" 300          2048"), table);
        assertTrue(table.contains("inference    32   68 1280.0 ± 64.0 "), table);
        assertTrue(JmhResults.read(tmp.resolve("missing.json"), memory).isEmpty());
    }

    /** PyTorch's forks are summarised as JMH summarises its own: mean, and half the 99.9 % CI from Student's t. */
    @Test
    void pytorchsIterationsBecomeAScoreAndErrorAsJmhComputesThem() {
        ThroughputRow r = PyTorchThroughput.row("train", 64, 96, List.of(10.0, 12.0, 11.0, 13.0, 9.0), 1L << 30, 1.9);
        assertEquals(11.0, r.opsPerSecond(), 1e-12);
        // t(0.9995, 4 degrees of freedom) = 8.6103 (tables); sd = sqrt(2.5)
        assertEquals(8.6103 * Math.sqrt(2.5) / Math.sqrt(5), r.opsError(), 1e-3);
        assertEquals(704.0, r.imagesPerSecond(), 1e-9);
        assertTrue(Double.isNaN(PyTorchThroughput.row("train", 64, 96, List.of(10.0), -1, Double.NaN).opsError()));
    }

    @Test
    void ratiosCompareRowsOfOneShapeWithPyTorchAndWithTheFastestEngine() {
        ThroughputRow torch = new ThroughputRow("train", 64, 96, 4.0, 0, -1, 0);
        ThroughputRow fast = new ThroughputRow("train", 64, 96, 6.0, 0, -1, 0);
        ThroughputRow slow = new ThroughputRow("train", 64, 96, 3.0, 0, -1, 0);
        ThroughputRow otherBatch = new ThroughputRow("train", 128, 96, 3.0, 0, -1, 0);
        List<EngineThroughput> run = List.of(new EngineThroughput("pytorch", null, List.of(torch), null),
                new EngineThroughput("a", null, List.of(fast), null),
                new EngineThroughput("b", null, List.of(slow, otherBatch), null));
        assertEquals("1.50x", Ratios.format(Ratios.toPyTorch(run, fast)));
        assertEquals("0.75x", Ratios.format(Ratios.toPyTorch(run, slow)));
        assertEquals("0.50x", Ratios.format(Ratios.toFastestEngine(run, slow)));
        assertEquals("1.00x", Ratios.format(Ratios.toFastestEngine(run, fast)));
        assertEquals("-", Ratios.format(Ratios.toPyTorch(run, otherBatch)));
        assertEquals("-", Ratios.format(Ratios.toPyTorch(run, torch)));

        // with a faster PyTorch setup in the run, every ratio is to that one, the d2l code's own row included
        ThroughputRow channelsLast = new ThroughputRow("train", 64, 96, 5.0, 0, -1, 0);
        List<EngineThroughput> two = new java.util.ArrayList<>(run);
        two.add(new EngineThroughput("pytorch-channels-last", null, List.of(channelsLast), null));
        assertEquals("1.20x", Ratios.format(Ratios.toPyTorch(two, fast)));
        assertEquals("0.80x", Ratios.format(Ratios.toPyTorch(two, torch)));
        assertEquals("-", Ratios.format(Ratios.toPyTorch(two, channelsLast)));
        assertEquals("pytorch-channels-last", Ratios.fastestPyTorchName(two, fast).orElseThrow());
        assertEquals("1.00x", Ratios.format(Ratios.toFastestEngine(two, fast))); // PyTorch rows are not engines
    }

    /** A tuned row against its engine's idiomatic variant in the same run: what the tuned path buys, and nothing else. */
    @Test
    void tunedRowsCompareWithTheirEnginesIdiomaticVariant() {
        ThroughputRow tuned = new ThroughputRow(ThroughputRow.TRAIN, 128, 96, 3.0, 0.1, 0, 0);
        ThroughputRow idiomatic = new ThroughputRow(ThroughputRow.TRAIN, 128, 96, 2.0, 0.1, 0, 0);
        ThroughputRow other = new ThroughputRow(ThroughputRow.TRAIN, 128, 96, 6.0, 0.1, 0, 0);
        List<EngineThroughput> run = List.of(new EngineThroughput("dl4j", null, List.of(tuned), null),
                new EngineThroughput("dl4j-idiomatic", null, List.of(idiomatic), null),
                new EngineThroughput("djl", null, List.of(other), null));
        assertEquals(1.5, Ratios.toIdiomatic(run, "dl4j", tuned).orElseThrow().median(), 1e-12);
        assertTrue(Ratios.toIdiomatic(run, "dl4j-idiomatic", idiomatic).isEmpty()); // the idiomatic row itself
        assertTrue(Ratios.toIdiomatic(run, "djl", other).isEmpty()); // djl has no idiomatic row in this run
        assertEquals("1.50x", Ratios.format(Ratios.toIdiomatic(run, "dl4j", tuned)));
    }

    /** Kernels' ops/s become GFLOP/s with core's FLOP counts; the best of the run is the peak the percentages use. */
    @Test
    void peakKernelsGiveGflopsAndTheRunsMeasuredPeak() throws Exception {
        Path json = tmp.resolve("x-peak-jmh.json");
        Files.writeString(json, """
                [ { "benchmark" : "dev.ninbench.engineside.PeakBenchmark.kernel", "mode" : "thrpt",
                    "params" : { "kernel" : "sgemm" },
                    "primaryMetric" : { "score" : 10.0, "scoreError" : 0.5, "scoreUnit" : "ops/s" } },
                  { "benchmark" : "dev.ninbench.engineside.PeakBenchmark.kernel", "mode" : "thrpt",
                    "params" : { "kernel" : "conv5x5" },
                    "primaryMetric" : { "score" : 50.0, "scoreError" : "NaN", "scoreUnit" : "ops/s" } } ]
                """);
        List<KernelRow> peak = JmhResults.readPeak(json);
        assertEquals(List.of(new KernelRow(Kernel.SGEMM, 10.0, 0.5), new KernelRow(Kernel.CONV5X5, 50.0, Double.NaN)), peak);
        assertEquals(171.8, peak.get(0).gflops(), 0.05);
        assertEquals(393.2, peak.get(1).gflops(), 0.05);
        // a train row of 393.2 / 2 GFLOP/s is 50 % of the measured peak
        ThroughputRow train = new ThroughputRow(ThroughputRow.TRAIN, 32, 68,
                393.216e9 / 2 / (3.0 * NinSpec.d2l(68).forwardFlops()) / 32, 0, -1, 0);
        List<EngineThroughput> run = List.of(new EngineThroughput("a", null, List.of(train), null, peak),
                new EngineThroughput("b", null, List.of(), null, List.of(new KernelRow(Kernel.SGEMM, 12.0, 0.1))));
        assertEquals("a", Peaks.measured(run).orElseThrow().engine());
        String table = ThroughputTable.render(run);
        assertTrue(table.contains(" 196.6   50 % "), table);
        assertTrue(table.contains("  peak GFLOP/s (99.9% CI): sgemm 171.8 ± 8.6, conv5x5 393.2 ± ? (best of the run)\n"), table);
        assertTrue(table.contains("  peak GFLOP/s (99.9% CI): sgemm 206.2 ± 1.7\n"), table);
        String lines = Peaks.describe(run, Optional.empty());
        assertEquals("measured peak: 393.2 GFLOP/s (a, conv5x5 batch 64, 96->256 ch, 10x10)\n"
                + "theoretical peak: unknown (no clock or FMA flags readable)\n% of peak: of the measured peak\n", lines);
        // a theoretical peak below the measured one cannot be right (a nominal clock): it is not shown, and says why
        TheoreticalPeak low = new TheoreticalPeak(2, new CpuClock(2000, "/proc/cpuinfo cpu MHz"), "avx512f", 16, 2);
        String withLow = Peaks.describe(run, Optional.of(low));
        assertTrue(withLow.contains("theoretical peak: not shown: the measured peak exceeds the 256.0 GFLOP/s computed "
                + "from 2.000 GHz (/proc/cpuinfo cpu MHz)"), withLow);
        assertTrue(withLow.endsWith("% of peak: of the measured peak\n"), withLow);
        TheoreticalPeak high = new TheoreticalPeak(2, new CpuClock(4000, "cpufreq"), "avx512f", 16, 2);
        assertTrue(Peaks.describe(run, Optional.of(high)).contains("(which is 77 % of the theoretical)"),
                Peaks.describe(run, Optional.of(high)));
        assertEquals("-", Peaks.percent(100, Peaks.measured(List.of(new EngineThroughput("c", null, List.of(), null)))));
        assertTrue(JmhResults.readPeak(tmp.resolve("missing.json")).isEmpty());
    }
}
