package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ninbench.engineside.PeakMemory;
import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.rundir.RunDirectory;
import dev.ninbench.bench.results.ColdStartRow;
import dev.ninbench.bench.results.EngineThroughput;
import dev.ninbench.bench.results.JmhResults;
import dev.ninbench.bench.results.LatencyRow;
import dev.ninbench.bench.results.ThroughputRow;
import dev.ninbench.bench.results.ThroughputSummary;
import dev.ninbench.core.engine.FakeBackend;
import dev.ninbench.core.json.Json;
import dev.ninbench.core.record.RunRecords;
import java.io.File;
import java.io.PrintStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The launcher end to end ({@link CliHarness}): its commands other than train. */
class NinBenchTest extends CliHarness {
    /** Every command's --help renders without picocli's warnings (an unescaped % in a description makes three). */
    @Test
    void everyHelpRendersWithoutWarnings() {
        java.io.ByteArrayOutputStream errBytes = new java.io.ByteArrayOutputStream();
        PrintStream realErr = System.err;
        System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        try {
            for (String command : NinBench.commandLine().getSubcommands().keySet()) {
                assertEquals(0, run(new StringWriter(), command, "--help"), command);
            }
        } finally {
            System.setErr(realErr);
        }
        String warnings = errBytes.toString(StandardCharsets.UTF_8);
        assertFalse(warnings.contains("WARN"), warnings);
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("Usage: nin-bench throughput"), stdout.toString());
    }

    @Test
    void versionComesFromTheBuildAndHelpListsTheCommands() {
        stdout.reset();
        assertEquals(0, run(new StringWriter(), "--version"));
        String version = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(version.matches("(?s)nin-bench \\d+\\.\\d+\\.\\d+\\S*, commit \\S+.*Java \\d+.*"), version);

        stdout.reset();
        assertEquals(0, run(new StringWriter(), "--help"));
        String help = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("train") && help.contains("report") && help.contains("overhead"), help);
    }

    @Test
    void badArgumentsGiveOneLineErrorsListingTheValidChoices() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "torch"));
        assertTrue(err.toString().contains("unknown engine 'torch'; valid engines: djl, tf, dl4j, crashy, fake, and pytorch (PyTorch's row)"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "train", "--profile", "fast"));
        assertTrue(err.toString().contains("unknown profile 'fast'; valid profiles: smoke, cpu, seeds, d2l"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "fake", "--input-side", "66"));
        assertTrue(err.toString().contains("the smallest input side this net accepts is 67"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "fake", "--epochs", "-1"));
        assertTrue(err.toString().contains("epochs must be >= 1, got -1"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "fake", "--batch-size", "0"));
        assertTrue(err.toString().contains("batch size must be >= 1, got 0"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "tf"));
        assertTrue(err.toString().contains("engine 'tf' is not built"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "fake", "--data", tmp.resolve("nowhere").toString()));
        assertTrue(err.toString().contains(tmp.resolve("nowhere").toString()), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void infoReportsEachEngine() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "info"));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("(?s).*fake\\s+usable\\s+Fake 1.0\\s+cpu.*"), printed);
        assertTrue(printed.matches("(?s).*tf\\s+not built.*"), printed);
        // the columns line up: "usable" starts where the header's "status" does
        List<String> lines = printed.lines().toList();
        int status = lines.get(0).indexOf("status");
        assertTrue(status > 0 && lines.stream().filter(l -> l.startsWith("fake ")).allMatch(l -> l.indexOf("usable") == status),
                printed);
        assertTrue(printed.contains("settings: model=a scripted loss curve, threads.intraop="), printed);
        assertFalse(printed.contains("=null"), printed);
        // PyTorch's row and the data, each in one line, whether or not this machine has them
        assertTrue(printed.matches("(?s).*\\npytorch: (runs, with /usr/bin/python3 \\(torch \\S+\\)|will not run: .+)\\n.*"),
                printed);
        assertTrue(printed.matches("(?s).*\\ndata: (/\\S+: 60,000 training and 10,000 test images, checksums verified"
                + "|not usable: Fashion-MNIST not found: .+)\\n"), printed);

        stdout.reset();
        assertEquals(0, run(err, "info", "--json"));
        JsonNode json = Json.MAPPER.readTree(stdout.toString(StandardCharsets.UTF_8));
        assertEquals("/usr/bin/python3", json.get("pytorch").get("python").asText());
        assertTrue(json.get("pytorch").get("runs").asBoolean() != json.get("pytorch").has("why"), json.toString());
        assertTrue(json.get("data").has("directory") != json.get("data").has("problem"), json.toString());
        JsonNode engines = json.get("engines");
        JsonNode fake = java.util.stream.StreamSupport.stream(engines.spliterator(), false)
                .filter(e -> e.get("name").asText().equals("fake")).findFirst().orElseThrow();
        assertEquals("usable", fake.get("status").asText());
        assertEquals("Fake 1.0", fake.get("info").get("engine").asText());
    }

    /** A GPU an engine cannot use is refused with the engine's reason: never a quiet run on the CPU. */
    @Test
    void aDeviceAnEngineCannotUseIsAClearErrorNamingTheEngine() throws Exception {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "fake", "--device", "tpu"));
        assertTrue(err.toString().contains("unknown device 'tpu'; expected cpu, gpu or gpu:N"), err.toString());

        assertEquals(1, run(new StringWriter(), "info", "--device", "gpu:1"));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("fake cannot compute on gpu:1: the fake engine computes on the cpu only"), printed);
        assertTrue(printed.matches("(?s).*devices: cpu\\R.*"), printed);

        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        stdout.reset();
        Path out = tmp.resolve("runs");
        assertEquals(1, run(new StringWriter(), "train", "--engines", "fake", "--device", "gpu", "--epochs", "1",
                "--train-limit", "64", "--test-limit", "64", "--batch-size", "64", "--out", out.toString()));
        printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("fake cannot compute on gpu:0: the fake engine computes on the cpu only"), printed);
        try (Stream<Path> dirs = Files.list(out)) {
            Path runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            assertFalse(Files.exists(runDir.resolve(RunRecords.FILE_NAME)), "no epoch ran anywhere");
        }
    }

    /** info's lines for PyTorch and the data when neither is there: why not, and where it looked. */
    @Test
    void infoSaysWhyPyTorchWillNotRunAndWhereItLookedForTheData() throws Exception {
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(0, run(new StringWriter(), "info", "--python", tmp.resolve("no-python").toString(), "--data",
                empty.toString()));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("\npytorch: will not run: no " + tmp.resolve("no-python")), printed);
        assertTrue(printed.matches("(?s).*\\ndata: not usable: [^\\n]*" + Pattern.quote(empty.toString())
                + "[^\\n]*train-images-idx3-ubyte.*"), printed);
    }

    @Test
    void dataCommandVerifiesTheDatasetOrSaysWhatIsWrong() throws Exception {
        StringWriter err = new StringWriter();
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(2, run(err, "data", "--data", empty.toString()));
        assertTrue(err.toString().contains(empty.toString()) && err.toString().contains("train-images-idx3-ubyte"),
                err.toString());
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        assertEquals(0, run(new StringWriter(), "data"));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("60,000 training and 10,000 test images, checksums verified"));
    }

    /** The overhead command's JMH run and JVM starts, at settings far too short to mean anything: it runs and prints. */
    @Test
    void overheadMeasuresTheLoopAndTheEngineJvmStartAndTheirShareOfAStep() throws Exception {
        StringWriter err = new StringWriter();
        // figures this short mean nothing anyway: never wait for, nor fail on, another JMH run on this machine
        System.setProperty("jmh.ignoreLock", "true");
        try {
            assertEquals(0, run(err, "overhead", "--batch-sizes", "32", "--warmup-iterations", "0", "--iterations", "1",
                    "--iteration-time", "0.1", "--engines", "fake", "--starts", "1", "--images-per-second", "400"),
                    stdout + err.toString());
        } finally {
            System.clearProperty("jmh.ignoreLock");
        }
        // the old spelling still works, and says the new one
        assertTrue(err.toString().contains("nin-bench: --batch-sizes is deprecated; use --batch-size"), err.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("(?s).*\\n\\s+32\\s+1875\\s+[0-9.]+\\s+[0-9.]+\\n.*"), "epoch and step row:\n" + printed);
        assertTrue(printed.matches("(?s).*\\n  fake\\s+[0-9.]+\\s+[0-9.]+\\s+[0-9,]+ at 32 \\(9,375 steps\\)\\n.*"),
                "the fake engine's start over the cpu profile's 5 epochs:\n" + printed);
        assertTrue(printed.matches("(?s).*\\n  400/s\\s+32\\s+80\\.0\\s+[0-9.]+\\s+[0-9.]+%\\s+[0-9.]+\\s+[0-9.]+%\\s+[0-9.]+%\\n.*"),
                "the share of a step of 32 images at 400 img/s:\n" + printed);
    }

    @Test
    void compareReportsEveryPairAndFailsAboveTheTolerance() throws Exception {
        Path out = tmp.resolve("cmp");
        StringWriter err = new StringWriter();
        int status = run(err, "compare", "--engines", "fake,crashy", "--no-pytorch", "--inputs", "random", "--n", "8",
                "--input-side", "68", "--out", out.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err);
        assertTrue(printed.matches("(?s).*fake - crashy\\s+0.000e\\+00\\s+0.000e\\+00\\s+8/8.*"), printed);
        assertTrue(printed.contains("every pair is within 1e-04"), printed);

        // the PyTorch reference computes the real net: the fake's one-hot logits are far from it
        assumeTrue(new dev.ninbench.bench.pytorch.PyTorchReference("/usr/bin/python3").unavailableReason() == null,
                "no python3 with torch");
        stdout.reset();
        status = run(err, "compare", "--engines", "fake", "--inputs", "random", "--n", "4", "--input-side", "68",
                "--out", out.toString(), "--threads", "1");
        printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed + err);
        assertTrue(printed.matches("(?s).*fake - pytorch .* ABOVE 1.0E-4.*"), printed);
        assertTrue(printed.contains("NOT every pair is within"), printed);
    }

    @Test
    void parityComparesLossesPerStep() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        StringWriter err = new StringWriter();
        int status = run(err, "compare", "--engines", "fake,crashy", "--no-pytorch", "--train-steps", "3",
                "--batch-size", "16", "--input-side", "68", "--out", tmp.resolve("par").toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(0, status, printed + err);
        // the fake's scripted loss 2.3 exp(-0.01 step)
        assertTrue(printed.matches("(?s).*\\n\\s+3\\s+2.232025\\s+2.232025\\n.*"), printed);
        assertTrue(printed.contains("every pair is within 1e-03 on the loss"), printed);
    }

    @Test
    void throughputRunsJmhInEachEngineJvmWritesItsJsonAndReportsAFailedEngine() throws Exception {
        Path broken = fakeEngine("broken", "env.NINBENCH_FAKE=unavailable\n");
        System.setProperty("ninbench.engines.path", System.getProperty("ninbench.engines.path") + File.pathSeparator + broken);
        Path out = tmp.resolve("tp");
        StringWriter err = new StringWriter();
        // the smoke profile with JMH's times cut down, so that it takes seconds, in two rounds, and two cold starts
        int status = run(err, "throughput", "--profile", "smoke", "--engines", "fake,broken", "--warmup-iterations", "0",
                "--iterations", "3", "--iteration-time", "0.1", "--threads", "1", "--no-pytorch", "--rounds", "2",
                "--cold-start-runs", "2", "--out", out.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed + err);
        assertTrue(printed.contains("pytorch: not run: left out (--no-pytorch)"), printed);
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(runDir.getFileName().toString().endsWith("_throughput-smoke"), runDir.toString());
        // each round's JMH files in a folder of its own
        List<ThroughputRow> rows = JmhResults.read(runDir.resolve("round-2/fake-jmh.json"),
                PeakMemory.readAll(runDir.resolve("round-2/fake-memory")));
        assertEquals(List.of("inference", "train"), rows.stream().map(ThroughputRow::benchmark).toList());
        assertTrue(printed.contains("round 1/2 (") && printed.contains("round 2/2 ("), printed);
        // the engine is a JMH parameter: JMH's own JSON names it in every row
        String jmhJson = Files.readString(runDir.resolve("round-1/fake-jmh.json"));
        assertEquals(2, java.util.regex.Pattern.compile("\"engine\"\\s*:\\s*\"fake\"").matcher(jmhJson).results().count(),
                jmhJson);
        for (ThroughputRow r : rows) {
            assertEquals(32, r.batchSize());
            assertEquals(68, r.inputSide());
            assertTrue(r.opsPerSecond() > 0 && r.opsError() >= 0 && r.peakRssBytes() > 0, r.toString());
        }
        // throughput.json: a row per benchmark with each round's score; printed as their median and interval
        List<EngineThroughput> summary = ThroughputSummary.read(runDir.resolve("throughput.json"));
        for (ThroughputRow r : summary.get(0).rows()) {
            assertEquals(2, r.rounds().size(), r.toString());
            assertTrue(r.rounds().stream().allMatch(x -> x > 0), r.toString());
            String row = String.format("  %-9s %5d %4d %s ", r.benchmark(), 32, 68, r.formatImagesPerSecond(1));
            assertTrue(row.contains("[") && printed.contains(row), row + " in:\n" + printed);
        }
        assertTrue(printed.contains("img/s: median of 2 rounds, [ ] its order-statistic interval at 50.0 %"), printed);
        assertTrue(printed.contains("fake: Fake 1.0, cpu, 1 thread"), printed);
        // the peak benchmark ran each kernel in the fake's JVM too (the fake's kernels do no work: absurd GFLOP/s)
        assertTrue(printed.matches("(?s).*\n  peak GFLOP/s \\(99.9% CI\\): sgemm [0-9.]+ ± [0-9.?]+.*, conv3x3 .*, conv5x5 .*"),
                printed);
        assertTrue(printed.contains("\nmeasured peak: ") && printed.contains("\n% of peak: of the measured peak"), printed);
        assertTrue(Files.isRegularFile(runDir.resolve("fake-peak-jmh.json"))); // once, after the rounds
        // then the latency benchmark (JMH's sample mode) at the profile's batch 1: its percentiles, in order
        assertEquals(1, summary.get(0).latency().size(), summary.get(0).toString());
        LatencyRow latency = summary.get(0).latency().get(0);
        assertTrue(latency.samples() > 0 && 0 < latency.p50Ms() && latency.p50Ms() <= latency.p90Ms()
                && latency.p90Ms() <= latency.p99Ms(), latency.toString());
        assertTrue(printed.matches("(?s).*inference latency, ms per call.*\n  fake\\s+1\\s+68\\s+[0-9.]+.*"), printed);
        assertTrue(printed.contains("broken failed (0 result(s) kept): broken is not usable here: libfake.so"), printed);
        assertTrue(Files.isRegularFile(runDir.resolve("throughput.json")));
        // the cold start: two fresh JVMs of the fake after the rounds, each event later than the one before; the broken
        // engine, refused by its check, has none (its failure is the check's one line above)
        ColdStartRow coldStart = summary.get(0).coldStart();
        assertEquals(2, coldStart.runs(), coldStart.toString());
        for (int i = 0; i < 2; i++) {
            assertTrue(0 < coldStart.natives().get(i) && coldStart.natives().get(i) <= coldStart.model().get(i)
                    && coldStart.model().get(i) <= coldStart.trainStep().get(i)
                    && coldStart.trainStep().get(i) <= coldStart.inference().get(i), coldStart.toString());
        }
        assertNull(summary.get(1).coldStart());
        assertTrue(printed.contains("fake: cold start, 2 fresh JVM(s) (log " + runDir.resolve("fake-coldstart.log")),
                printed);
        assertTrue(printed.matches("(?s).*\\ncold start, batch 32, 68 px: .*\\n  engine\\s+runs natives loaded\\s+model "
                + "built\\s+first train step\\s+first inference\\n  fake\\s+2 \\d+ \\[\\d+-\\d+] .*"), printed);
        assertEquals(1, printed.lines().filter(l -> l.startsWith("broken failed")).count(), printed);
    }

    /** PyTorch's row: the d2l code at the run's shapes and threads, each benchmark in a process of its own. */
    /**
     * A run in rounds that stops between rounds keeps the rounds it finished: report reads it as partial, with their
     * figures, and {@code --resume} measures the rounds left and the passes after them, not the rounds it has.
     */
    @Test
    void aThroughputRunStoppedBetweenRoundsIsReportedPartialAndFinishesWithResume() throws Exception {
        Path out = tmp.resolve("tp");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "throughput", "--profile", "smoke", "--engines", "fake", "--warmup-iterations", "0",
                "--iterations", "2", "--iteration-time", "0.1", "--threads", "1", "--no-pytorch", "--rounds", "3",
                "--cold-start-runs", "0", "--no-peak", "--no-latency", "--out", out.toString()), err.toString());
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        // as if stopped during round 3: round 3 cut off, no summary of the run yet
        Files.delete(runDir.resolve("throughput.json"));
        Files.delete(runDir.resolve("round-3/throughput.json"));
        List<List<EngineThroughput>> kept = ThroughputSummary.finishedRounds(runDir);
        assertEquals(2, kept.size());

        dev.ninbench.bench.report.ReportInputs inputs = dev.ninbench.bench.report.ReportInputs.read(List.of(runDir));
        assertEquals(1, inputs.throughput().size(), inputs.warnings().toString());
        assertEquals("partial: 2 of 3 rounds", inputs.throughput().get(0).partial());
        assertEquals(ThroughputSummary.ofFinishedRounds(kept), List.of(inputs.throughput().get(0).engine()));
        assertTrue(inputs.failures().stream().anyMatch(f -> f.contains("partial: 2 of 3 rounds (it stopped between "
                + "rounds; `nin-bench throughput --resume` goes on)")), inputs.failures().toString());

        stdout.reset();
        assertEquals(2, run(err, "throughput", "--resume", runDir.toString(), "--rounds", "5"));
        assertTrue(err.toString().contains("--resume goes on with the run's own settings"), err.toString());
        assertEquals(0, run(err, "throughput", "--resume", runDir.toString()), err.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("resuming " + runDir + ": 2 of 3 round(s) finished"), printed);
        assertTrue(printed.contains("round 3/3 (") && !printed.contains("round 2/3 ("), printed);
        List<EngineThroughput> summary = ThroughputSummary.read(runDir.resolve("throughput.json"));
        for (ThroughputRow r : summary.get(0).rows()) {
            ThroughputRow before = kept.get(1).get(0).rows().stream().filter(b -> b.benchmark().equals(r.benchmark()))
                    .findFirst().orElseThrow();
            assertEquals(3, r.rounds().size(), r.toString());
            assertEquals(before.opsPerSecond(), r.rounds().get(1), "round 2 is kept, not measured again");
        }
        assertEquals(0, run(err, "throughput", "--resume", runDir.toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("the run finished (throughput.json); nothing to "
                + "resume"));
    }

    @Test
    void throughputAddsPyTorchsRowAndEachEnginesRatioToItWhenTorchIsThere() throws Exception {
        String noTorch = new PyTorchReference("/usr/bin/python3").unavailableReason();
        assumeTrue(noTorch == null, "no PyTorch here: " + noTorch);
        Path out = tmp.resolve("tp");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "throughput", "--profile", "smoke", "--engines", "fake", "--warmup-iterations", "0",
                "--iterations", "2", "--iteration-time", "0.2", "--batch-size", "4", "--threads", "1",
                "--out", out.toString()), stdout + err.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("(?s).*pytorch: PyTorch \\S+ \\(d2l code, python\\), cpu, 1 thread.*"), printed);
        assertTrue(printed.matches("(?s).*\\n  train\\s+4\\s+68\\s+[0-9.]+ ± [0-9.?]+\\s+[0-9.]+\\s+(\\d+ %|-)\\s+([0-9.]+|\\?)\\s+[0-9.]+x\\s.*"),
                "the fake's train row has a ratio to PyTorch's:\n" + printed);
        // the PyTorch rows: the d2l code as written, channels_last with its memory reused, and that compiled where
        // torch has torch.compile (otherwise said, not run), each labelled
        assertTrue(printed.matches("(?s).*pytorch-channels-last: PyTorch \\S+ \\(d2l code, python\\), cpu, .*"), printed);
        String lacksCompile = new PyTorchReference("/usr/bin/python3").lacksCompile();
        assertEquals(lacksCompile == null, printed.contains("pytorch-compiled: PyTorch "), printed);
        assertEquals(lacksCompile != null, printed.contains("pytorch-compiled: not run: " + lacksCompile), printed);
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        String summary = Files.readString(runDir.resolve("throughput.json"));
        assertTrue(summary.contains("\"memory.format\" : \"nhwc\""), summary);
        if (System.getenv("GLIBC_TUNABLES") == null && System.getenv("LD_PRELOAD") == null) {
            // the tuned row's memory is kept for reuse (tcmalloc where installed, else glibc's pinned thresholds)
            List<EngineThroughput> rows = ThroughputSummary.read(runDir.resolve("throughput.json"));
            assertEquals("glibc defaults", rows.get(1).info().settings().get("malloc"), summary);
            String tuned = rows.get(2).info().settings().get("malloc");
            assertTrue(tuned.equals("libtcmalloc_minimal.so.4 (LD_PRELOAD)") || tuned.equals("libtcmalloc.so.4 "
                    + "(LD_PRELOAD)") || tuned.equals("glibc mmap_threshold=33554432 trim_threshold=68719476736"), tuned);
        }
        // PyTorch's latency, timed call by call like the engines'
        for (EngineThroughput torch : ThroughputSummary.read(runDir.resolve("throughput.json")).subList(1, 3)) {
            assertEquals(1, torch.latency().size(), torch.toString());
            assertTrue(torch.latency().get(0).samples() > 0 && torch.latency().get(0).p50Ms() > 0, torch.toString());
        }
        // the smoke profile's one cold start of each: the fake's JVM, and python with the d2l code as written
        List<EngineThroughput> engines = ThroughputSummary.read(runDir.resolve("throughput.json"));
        assertEquals(List.of(1, 1), engines.stream().filter(e -> e.coldStart() != null).map(e -> e.coldStart().runs())
                .toList(), summary);
        assertNull(engines.get(2).coldStart(), "pytorch-channels-last has none");
        assertTrue(printed.matches("(?s).*\\n  pytorch\\s+1 \\d+\\s+\\d+\\s+\\d+\\s+\\d+\\n.*"), printed);
    }

    @Test
    void zeroRoundsAreRefusedInOneLineBeforeAnythingRuns() {
        Path out = tmp.resolve("zero");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "throughput", "--profile", "smoke", "--engines", "fake", "--rounds", "0",
                "--out", out.toString()));
        assertEquals("nin-bench: --rounds must be >= 1, got 0", err.toString().strip());
        assertFalse(Files.exists(out), "no run directory for a run that never started");
    }

    @Test
    void unreadableWeightsAreRefusedBeforeAnythingRuns() throws Exception {
        Path bad = Files.writeString(tmp.resolve("weights.safetensors"), "not a safetensors file");
        Path out = tmp.resolve("bad");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "compare", "--engines", "fake", "--no-pytorch", "--weights", bad.toString(),
                "--out", out.toString()));
        assertTrue(err.toString().startsWith("nin-bench: " + bad + ": "), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(!Files.exists(out), "no run directory for a run that never started");
    }

    @Test
    void runDirectoriesAreNeverReused() {
        Path a = RunDirectory.create(tmp, "host", "smoke");
        Path b = RunDirectory.create(tmp, "host", "smoke");
        assertNotEquals(a, b);
        assertTrue(Files.isDirectory(a) && Files.isDirectory(b));
    }
}
