package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.bench.jmh.PeakMemory;
import dev.ninbench.bench.launch.PyTorchReference;
import dev.ninbench.bench.launch.RunDirectory;
import dev.ninbench.bench.throughput.JmhResults;
import dev.ninbench.bench.throughput.ThroughputRow;
import dev.ninbench.core.engine.FakeBackend;
import dev.ninbench.core.record.Json;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.train.DropoutMode;
import dev.ninbench.core.worker.StepLosses;
import dev.ninbench.core.record.RunRecords;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher end to end, with engine JVMs that hold the fake engine from core's test-jar (no native library):
 * each run starts real child JVMs, as with the real engines.
 */
class NinBenchTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private PrintStream realOut;

    @BeforeEach
    void engines() throws Exception {
        Path ok = fakeEngine("fake", "");
        Path crashing = fakeEngine("crashy", "env.NINBENCH_FAKE=crash\n");
        System.setProperty("ninbench.engines.path", ok + File.pathSeparator + crashing);
        realOut = System.out;
        System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setOut(realOut);
        System.clearProperty("ninbench.engines.path");
    }

    /** An engine folder whose JVM runs the fake engine on this test's classpath. */
    private Path fakeEngine(String name, String extra) throws Exception {
        return FakeEngines.folder(tmp, name, extra);
    }

    private int run(StringWriter err, String... args) {
        CommandLine cl = NinBench.commandLine();
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    private List<RunRecord> records(Path out) throws Exception {
        try (Stream<Path> dirs = Files.list(out)) {
            Path run = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            return RunRecords.read(run.resolve(RunRecords.FILE_NAME));
        }
    }

    @Test
    void trainRunsEachEngineInItsOwnJvmAndKeepsTheGoodResultsWhenOneCrashes() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Path out = tmp.resolve("runs");
        StringWriter err = new StringWriter();
        int status = run(err, "train", "--engines", "fake,crashy", "--epochs", "2", "--train-limit", "256",
                "--test-limit", "128", "--batch-size", "64", "--no-pytorch", "--out", out.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed + err);
        assertTrue(printed.matches("(?s).*fake\\s+Fake 1.0\\s+ok\\s+0.5000 0.5000.*"), printed);
        assertTrue(printed.matches("(?s).*crashy\\s+Fake 1.0\\s+FAILED\\s+0.5000 .*"), printed);
        assertTrue(printed.contains("crashy failed (1 epoch(s) kept): the crashy JVM died with SIGABRT"), printed);
        List<RunRecord> records = records(out);
        assertEquals(3, records.size(), "2 epochs of fake + the 1 crashy finished before it died");
        assertEquals(List.of(1, 2, 1), records.stream().map(r -> r.epoch().epoch()).toList());
    }

    /**
     * PyTorch's row: the d2l code trained by the same loop on the same batches and shared masks, recorded with the same
     * fields as an engine's (the fake's records beside it), its per-step losses and checkpoint in the run directory.
     */
    @Test
    void trainAddsAPyTorchRowWithTheSameRecordsAsAnEngine() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        assumeTrue(new PyTorchReference("/usr/bin/python3").unavailableReason() == null,
                "no torch here: apt-get install python3-torch libopenblas0-pthread");
        Path out = tmp.resolve("runs");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "train", "--engines", "fake", "--epochs", "2", "--train-limit", "128",
                "--test-limit", "64", "--batch-size", "64", "--out", out.toString()), stdout + err.toString());
        List<RunRecord> records = records(out);
        List<RunRecord> torch = records.stream().filter(r -> r.engine().name().equals("pytorch")).toList();
        assertEquals(List.of(1, 2), torch.stream().map(r -> r.epoch().epoch()).toList());
        RunRecord fake = records.get(0);
        for (RunRecord r : torch) {
            assertEquals(fake.config(), r.config());
            assertEquals(DropoutMode.SHARED, r.config().dropout());
            assertEquals(fake.spec(), r.spec());
            assertTrue(r.engine().engine().startsWith("PyTorch ") && r.engine().settings().containsKey("threads"),
                    r.engine().toString());
            assertTrue(r.epoch().trainAccuracy() >= 0 && r.epoch().trainAccuracy() <= 1);
            assertTrue(r.wallSeconds() > r.epoch().trainSeconds(), "wall-clock includes start and evaluation");
        }
        assertTrue(torch.get(1).wallSeconds() > torch.get(0).wallSeconds());
        Path runDir = out.resolve(fake.runId());
        assertEquals(4, StepLosses.read(StepLosses.file(runDir, "pytorch")).size(), "2 epochs x 2 steps");
        assertTrue(Files.exists(runDir.resolve("checkpoints/pytorch-epoch-2.safetensors")));
        assertTrue(Json.MAPPER.readTree(runDir.resolve("run.json").toFile()).path("pytorch").isTextual());

        Path alone = tmp.resolve("alone");
        assertEquals(0, run(new StringWriter(), "train", "--engines", "pytorch", "--epochs", "1", "--train-limit", "64",
                "--test-limit", "64", "--batch-size", "64", "--out", alone.toString()));
        assertEquals(List.of("pytorch"), records(alone).stream().map(r -> r.engine().name()).toList());
    }

    @Test
    void withoutTorchTrainSaysPlainlyThatThePyTorchRowWasLeftOut() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Path out = tmp.resolve("runs");
        assertEquals(0, run(new StringWriter(), "train", "--engines", "fake", "--epochs", "1", "--train-limit", "64",
                "--test-limit", "64", "--batch-size", "64", "--python", tmp.resolve("no-python").toString(),
                "--out", out.toString()));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("pytorch: no row in this run: no " + tmp.resolve("no-python")), printed);
        assertTrue(records(out).stream().noneMatch(r -> r.engine().name().equals("pytorch")));
    }

    /** A native crash: the error names the signal and the JVM's crash report, which is in the run directory. */
    @Test
    void aNativeCrashNamesTheSignalAndTheCrashReportInTheRunDirectory() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Path segv = fakeEngine("segv", "env.NINBENCH_FAKE=segv\n");
        System.setProperty("ninbench.engines.path", segv.toString());
        Path out = tmp.resolve("runs");
        assertEquals(1, run(new StringWriter(), "train", "--engines", "segv", "--epochs", "2", "--train-limit", "64",
                "--test-limit", "64", "--batch-size", "64", "--no-pytorch", "--out", out.toString()));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(printed.contains("the segv JVM died with SIGABRT") && printed.contains("JVM crash report: "
                + runDir.resolve("segv-hs_err_pid")), printed);
        try (Stream<Path> files = Files.list(runDir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("segv-hs_err_pid")));
        }
        try (Stream<Path> files = Files.list(Path.of(""))) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("hs_err")), "a crash file in the cwd");
        }
    }

    @Test
    void aBatchLargerThanTheTrainingImagesAndACompareOfOneAreRefused() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "fake", "--no-pytorch", "--train-limit", "512", "--batch-size",
                "100000", "--out", tmp.resolve("runs").toString()));
        assertTrue(err.toString().contains("--batch-size 100000 is larger than the 512 training images"), err.toString());
        assertEquals(1, run(new StringWriter(), "compare", "--engines", "fake", "--no-pytorch", "--n", "8",
                "--input-side", "68", "--out", tmp.resolve("cmp").toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("nothing to compare: only fake produced results"),
                stdout.toString());
        assertFalse(stdout.toString(StandardCharsets.UTF_8).contains("every pair is within"), stdout.toString());
    }

    /** Bad data is one error before anything starts: no run directory, no engine started. */
    @Test
    void corruptDataIsRefusedBeforeAnyRunDirectoryOrEngine() throws Exception {
        Path bad = Files.createDirectories(tmp.resolve("bad-data"));
        for (String name : List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte",
                "t10k-labels-idx1-ubyte")) {
            Files.writeString(bad.resolve(name), "not an idx file");
        }
        Path out = tmp.resolve("runs");
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "fake", "--no-pytorch", "--data", bad.toString(),
                "--out", out.toString()));
        assertTrue(err.toString().contains(bad.toString()) && err.toString().lines().count() == 1, err.toString());
        assertFalse(Files.exists(out) && Files.list(out).findAny().isPresent(), "a run directory was made");
        assertFalse(stdout.toString(StandardCharsets.UTF_8).contains("fake"), stdout.toString());
    }

    /** Each error names the path and the reason, in one line. */
    @Test
    void fileErrorsNameThePathAndTheReason() throws Exception {
        Path file = Files.writeString(tmp.resolve("a-file"), "x");
        String[][] cases = {
            {"compare", "--weights", tmp.resolve("missing.safetensors").toString()},
            {"compare", "--weights", tmp.toString()},
            {"train", "--engines", "fake", "--no-pytorch", "--out", file.toString()},
            {"report", "--out", file.resolve("below").toString(), Path.of(NinBenchTest.class
                    .getResource("/report/2026-11-23_1231_vm_throughput-smoke").toURI()).toString()},
        };
        String[] want = {
            tmp.resolve("missing.safetensors") + ": cannot read the weights: no such file or directory",
            tmp + ": cannot read the weights: is a directory",
            file + ": cannot create a run directory there: a file of that name is in the way",
            file.resolve("below") + ": cannot write the report there: ",
        };
        for (int i = 0; i < cases.length; i++) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, cases[i]), String.join(" ", cases[i]));
            assertTrue(err.toString().startsWith("nin-bench: " + want[i]) && err.toString().lines().count() == 1,
                    err.toString());
        }
    }

    /** {@code --seeds}: one run directory per seed, each with its seed and the rest the same. */
    @Test
    void seedsMakeOneRunPerSeed() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Path out = tmp.resolve("runs");
        assertEquals(0, run(new StringWriter(), "train", "--engines", "fake", "--epochs", "1", "--train-limit", "64",
                "--test-limit", "64", "--batch-size", "64", "--no-pytorch", "--seeds", "1,2", "--dropout", "engine",
                "--out", out.toString()));
        List<Path> runs;
        try (Stream<Path> dirs = Files.list(out)) {
            runs = dirs.filter(Files::isDirectory).sorted().toList();
        }
        assertEquals(2, runs.size(), runs.toString());
        for (int i = 0; i < 2; i++) {
            assertTrue(runs.get(i).getFileName().toString().endsWith("smoke-seed" + (i + 1)), runs.toString());
            RunRecord r = RunRecords.read(runs.get(i).resolve(RunRecords.FILE_NAME)).get(0);
            assertEquals(i + 1, r.config().seed());
            assertEquals(DropoutMode.ENGINE, r.config().dropout());
        }
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "train", "--seed", "1", "--seeds", "2,3", "--out", out.toString()));
        assertTrue(err.toString().contains("give --seed or --seeds, not both"), err.toString());
    }

    /**
     * A crash that cuts off the last record line, or leaves the last checkpoint half written: the resume goes on from
     * the newest epoch with both a good record and a good checkpoint, moves the lines it replaces to
     * records-dropped.jsonl, and ends with the records of an uninterrupted run, no epoch twice.
     */
    @Test
    void aCutOffRecordOrATruncatedCheckpointResumesFromTheNewestGoodEpoch() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Path out = tmp.resolve("runs");
        assertEquals(0, run(new StringWriter(), "train", "--engines", "fake", "--epochs", "3", "--train-limit", "256",
                "--test-limit", "64", "--batch-size", "64", "--no-pytorch", "--out", out.toString()));
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        Path recordsFile = runDir.resolve(RunRecords.FILE_NAME);
        List<RunRecord> uninterrupted = RunRecords.read(recordsFile);
        String text = Files.readString(recordsFile);

        Files.writeString(recordsFile, text.substring(0, text.length() - 40)); // epoch 3's line cut off
        assertEquals(0, run(new StringWriter(), "train", "--resume", runDir.toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("fake from epoch 3"), stdout.toString());
        assertSameTraining(uninterrupted, RunRecords.read(recordsFile));
        assertTrue(Files.readString(runDir.resolve("records-dropped.jsonl")).contains("not a run record"));

        stdout.reset();
        Path checkpoint = runDir.resolve("checkpoints/fake-epoch-3.safetensors");
        byte[] bytes = Files.readAllBytes(checkpoint);
        Files.write(checkpoint, java.util.Arrays.copyOf(bytes, bytes.length / 2)); // half written
        Files.writeString(recordsFile, Files.readString(recordsFile) + "\n"); // and the records intact
        assertEquals(0, run(new StringWriter(), "train", "--resume", runDir.toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("fake from epoch 3"), stdout.toString());
        assertSameTraining(uninterrupted, RunRecords.read(recordsFile));
        assertTrue(Files.readString(runDir.resolve("records-dropped.jsonl")).contains("epoch 3 of fake is trained again"));
    }

    private static void assertSameTraining(List<RunRecord> want, List<RunRecord> got) {
        assertEquals(want.size(), got.size(), got.toString());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i).epoch().epoch(), got.get(i).epoch().epoch());
            assertEquals(want.get(i).epoch().trainLoss(), got.get(i).epoch().trainLoss(), 0.0);
            assertEquals(want.get(i).epoch().testAccuracy(), got.get(i).epoch().testAccuracy(), 0.0);
        }
    }

    /**
     * An engine killed mid-epoch (the crashy fake halts the JVM in epoch 2, as kill -9 would): its finished epoch and
     * checkpoint are on disk, the report marks it failed next to the good engine, and {@code --resume} goes on from
     * its last finished epoch and ends with the records an uninterrupted run has (the fake's loss follows its step
     * count, which only the checkpoint carries into the new JVM).
     */
    @Test
    void anInterruptedRunIsReportedAndGoesOnWithResumeAsIfNeverStopped() throws Exception {
        assumeTrue(FakeBackend.realDataPresent(), "Fashion-MNIST is not installed");
        Path out = tmp.resolve("runs");
        assertEquals(1, run(new StringWriter(), "train", "--engines", "fake,crashy", "--epochs", "2", "--train-limit",
                "256", "--test-limit", "128", "--batch-size", "64", "--no-pytorch", "--out", out.toString()));
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains("nin-bench train --resume " + runDir));
        assertTrue(Files.exists(runDir.resolve("checkpoints/crashy-epoch-1.safetensors")));

        Path report = tmp.resolve("report");
        assertEquals(0, run(new StringWriter(), "report", "--out", report.toString(), runDir.toString()));
        String readme = Files.readString(report.resolve("README.md"));
        assertTrue(readme.contains("## Failed engines") && readme.contains(runDir.getFileName()
                + ": crashy failed after epoch 1: the crashy JVM died with SIGABRT"), readme);
        assertTrue(readme.contains("| FAILED after epoch 1 of 2: the crashy JVM died with SIGABRT"), readme);
        assertTrue(readme.contains("| done |"), readme);

        stdout.reset();
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "train", "--resume", runDir.toString()), stdout + err.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("fake: all 2 epochs were done") && printed.contains("crashy from epoch 2"), printed);
        // the summary shows the whole run, not only this invocation's epoch
        assertTrue(printed.matches("(?s).*crashy\\s+Fake 1.0\\s+ok\\s+0.5000 0.5000.*"), printed);
        assertTrue(printed.matches("(?s).*fake\\s+Fake 1.0\\s+ok\\s+0.5000 0.5000.*"), printed);
        List<RunRecord> records = records(out);
        RunRecord fake2 = records.stream().filter(r -> r.engine().name().equals("fake") && r.epoch().epoch() == 2)
                .findFirst().orElseThrow();
        RunRecord crashy2 = records.stream().filter(r -> r.engine().name().equals("crashy") && r.epoch().epoch() == 2)
                .findFirst().orElseThrow();
        assertEquals(fake2.epoch().trainLoss(), crashy2.epoch().trainLoss(), 0.0);
        assertEquals(fake2.epoch().testAccuracy(), crashy2.epoch().testAccuracy(), 0.0);
        assertEquals(4, records.size());
        // the last two epochs' checkpoints stay; engines.json keeps why the first invocation stopped
        assertTrue(Files.exists(runDir.resolve("checkpoints/crashy-epoch-1.safetensors")));
        String outcomes = Files.readString(runDir.resolve("engines.json"));
        assertTrue(outcomes.contains("after epoch 1: the crashy JVM died with SIGABRT"), outcomes);

        err = new StringWriter();
        assertEquals(2, run(err, "train", "--resume", runDir.toString(), "--epochs", "3"));
        assertTrue(err.toString().contains("--resume goes on with the run's own settings"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "train", "--resume", runDir.toString(), "--device", "gpu"));
        assertTrue(err.toString().contains("--resume goes on with the run's own settings"), err.toString());
        err = new StringWriter();
        assertEquals(2, run(err, "train", "--resume", tmp.resolve("nowhere").toString()));
        assertTrue(err.toString().contains("cannot read the run to resume"), err.toString());
    }

    @Test
    void badArgumentsGiveOneLineErrorsListingTheValidChoices() {
        StringWriter err = new StringWriter();
        assertEquals(2, run(err, "train", "--engines", "pytorch"));
        assertTrue(err.toString().contains("unknown engine 'pytorch'; valid engines: djl, tf, dl4j, crashy, fake"), err.toString());

        err = new StringWriter();
        assertEquals(2, run(err, "train", "--profile", "fast"));
        assertTrue(err.toString().contains("unknown profile 'fast'; valid profiles: smoke, cpu, d2l"), err.toString());

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
    void infoReportsEachEngine() {
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "info"));
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("(?s).*fake\\s+usable\\s+Fake 1.0\\s+cpu.*"), printed);
        assertTrue(printed.matches("(?s).*tf\\s+not built.*"), printed);
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
                "--train-limit", "64", "--test-limit", "64", "--out", out.toString()));
        printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("fake cannot compute on gpu:0: the fake engine computes on the cpu only"), printed);
        try (Stream<Path> dirs = Files.list(out)) {
            Path runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
            assertFalse(Files.exists(runDir.resolve(RunRecords.FILE_NAME)), "no epoch ran anywhere");
        }
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
        assumeTrue(new dev.ninbench.bench.launch.PyTorchReference("/usr/bin/python3").unavailableReason() == null,
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
        // the smoke profile with JMH's times cut down, so that it takes seconds
        int status = run(err, "throughput", "--profile", "smoke", "--engines", "fake,broken", "--warmup-iterations", "0",
                "--iterations", "3", "--iteration-time", "0.1", "--threads", "1", "--no-pytorch", "--out", out.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertEquals(1, status, printed + err);
        assertTrue(printed.contains("pytorch: not run: left out (--no-pytorch)"), printed);
        Path runDir;
        try (Stream<Path> dirs = Files.list(out)) {
            runDir = dirs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        assertTrue(runDir.getFileName().toString().endsWith("_throughput-smoke"), runDir.toString());
        List<ThroughputRow> rows = JmhResults.read(runDir.resolve("fake-jmh.json"),
                PeakMemory.readAll(runDir.resolve("fake-memory")));
        assertEquals(List.of("inference", "train"), rows.stream().map(ThroughputRow::benchmark).toList());
        for (ThroughputRow r : rows) {
            assertEquals(32, r.batchSize());
            assertEquals(68, r.inputSide());
            assertTrue(r.opsPerSecond() > 0 && r.opsError() >= 0 && r.peakRssBytes() > 0, r.toString());
            String row = String.format("  %-9s %5d %4d %10.1f ", r.benchmark(), 32, 68, r.imagesPerSecond());
            assertTrue(printed.contains(row), row + " in:\n" + printed);
        }
        assertTrue(printed.contains("fake: Fake 1.0, cpu, threads=1"), printed);
        // the peak benchmark ran each kernel in the fake's JVM too (the fake's kernels do no work: absurd GFLOP/s)
        assertTrue(printed.matches("(?s).*\n  peak GFLOP/s \\(99.9% CI\\): sgemm [0-9.]+ ± [0-9.?]+.*, conv3x3 .*, conv5x5 .*"),
                printed);
        assertTrue(printed.contains("\nmeasured peak: ") && printed.contains("\n% of peak: of the measured peak"), printed);
        assertTrue(Files.isRegularFile(runDir.resolve("fake-peak-jmh.json")));
        assertTrue(printed.contains("broken failed (0 result(s) kept): broken is not usable here: libfake.so"), printed);
        assertTrue(Files.isRegularFile(runDir.resolve("throughput.json")));
    }

    /** PyTorch's row: the d2l code at the run's shapes and threads, each benchmark in a process of its own. */
    @Test
    void throughputAddsPyTorchsRowAndEachEnginesRatioToItWhenTorchIsThere() throws Exception {
        String noTorch = new PyTorchReference("/usr/bin/python3").unavailableReason();
        assumeTrue(noTorch == null, "no PyTorch here: " + noTorch);
        Path out = tmp.resolve("tp");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "throughput", "--profile", "smoke", "--engines", "fake", "--warmup-iterations", "0",
                "--iterations", "2", "--iteration-time", "0.2", "--batch-sizes", "4", "--threads", "1",
                "--out", out.toString()), stdout + err.toString());
        String printed = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(printed.matches("(?s).*pytorch: PyTorch \\S+ \\(d2l code, python\\), cpu, threads.interop=1, "
                + "threads.intraop=1.*"), printed);
        assertTrue(printed.matches("(?s).*\\n  train\\s+4\\s+68\\s+[0-9.]+ ± [0-9.?]+\\s+[0-9.]+\\s+(\\d+ %|-)\\s+[0-9.]+x\\s.*"),
                "the fake's train row has a ratio to PyTorch's:\n" + printed);
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
