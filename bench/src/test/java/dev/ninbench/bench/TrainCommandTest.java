package dev.ninbench.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ninbench.bench.pytorch.PyTorchReference;
import dev.ninbench.bench.rundir.RunResume;
import dev.ninbench.bench.rundir.RunSettings;
import dev.ninbench.bench.rundir.SuiteVersion;
import dev.ninbench.core.engine.FakeBackend;
import dev.ninbench.core.engine.SettingKeys;
import dev.ninbench.core.record.RunRecord;
import dev.ninbench.core.record.RunRecords;
import dev.ninbench.core.train.DropoutMode;
import dev.ninbench.core.worker.StepLosses;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The launcher end to end, with engine JVMs that hold the fake engine from core's test-jar (no native library):
 * each run starts real child JVMs, as with the real engines.
 */
/** {@code nin-bench train} end to end ({@link CliHarness}): runs, PyTorch's row, seeds, resumes and failures. */
class TrainCommandTest extends CliHarness {
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
        String printed = stdout.toString(StandardCharsets.UTF_8);
        // the table sets the fake's loss beside PyTorch's, step by step; the fake learned (0.5): no line about chance
        assertTrue(printed.matches("(?s).*\\nfake .* \\d\\.\\d{4}\\s+\\d\\.\\d{4}\\s+\\d\\.\\de[-+]\\d+ at step [1-4] of 4\\n.*"),
                printed);
        assertFalse(printed.contains("Accuracy at chance"), printed);
        List<RunRecord> records = records(out);
        List<RunRecord> torch = records.stream().filter(r -> r.engine().name().equals("pytorch")).toList();
        assertEquals(List.of(1, 2), torch.stream().map(r -> r.epoch().epoch()).toList());
        RunRecord fake = records.get(0);
        for (RunRecord r : torch) {
            assertEquals(fake.config(), r.config());
            assertEquals(DropoutMode.SHARED, r.config().dropout());
            assertEquals(fake.spec(), r.spec());
            assertTrue(r.engine().engine().startsWith("PyTorch ") && r.engine().settings().containsKey(SettingKeys.THREADS_INTRAOP),
                    r.engine().toString());
            assertTrue(r.epoch().trainAccuracy() >= 0 && r.epoch().trainAccuracy() <= 1);
            assertTrue(r.wallSeconds() > r.epoch().trainSeconds(), "wall-clock includes start and evaluation");
        }
        assertTrue(torch.get(1).wallSeconds() > torch.get(0).wallSeconds());
        Path runDir = out.resolve(fake.runId());
        assertEquals(4, StepLosses.read(StepLosses.file(runDir, "pytorch")).size(), "2 epochs x 2 steps");
        assertTrue(Files.exists(runDir.resolve("checkpoints/pytorch-epoch-2.safetensors")));
        assertNotNull(RunSettings.read(runDir, RunSettings.Train.class).pytorch());

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

    /** A repeated engine or seed would train twice into one run: refused, the same way, before anything runs. */
    @Test
    void anEngineOrSeedNamedTwiceOrANanRateIsRefused() throws Exception {
        String[][] cases = {
            {"train", "--engines", "fake,fake", "--no-pytorch", "--out", tmp.resolve("runs").toString()},
            {"train", "--engines", "fake", "--seeds", "1,2,1", "--no-pytorch", "--out", tmp.resolve("runs").toString()},
            {"compare", "--engines", "fake,fake"},
            // the suite's own check answers, not the parser's "'nan' is not a double"
            {"train", "--lr", "nan", "--engines", "fake", "--no-pytorch", "--out", tmp.resolve("runs").toString()},
            {"train", "--threads", "1000", "--engines", "fake", "--no-pytorch", "--out", tmp.resolve("runs").toString()},
        };
        String[] want = {"--engines fake,fake names fake twice; name each once",
            "--seeds 1,2,1 names 1 twice; name each once", "--engines fake,fake names fake twice; name each once",
            "learning rate must be > 0, got NaN",
            "--threads 1000: this machine has " + Runtime.getRuntime().availableProcessors() + " cores (as the JVM sees "
                    + "them); give at most " + Runtime.getRuntime().availableProcessors() + ", or 0 for all"};
        for (int i = 0; i < cases.length; i++) {
            StringWriter err = new StringWriter();
            assertEquals(2, run(err, cases[i]), String.join(" ", cases[i]));
            assertEquals("nin-bench: " + want[i], err.toString().strip(), String.join(" ", cases[i]));
        }
        assertFalse(Files.exists(tmp.resolve("runs")), "nothing was made");
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
        err = new StringWriter();
        assertEquals(2, run(err, "train", "--seeds", "1,x", "--out", out.toString()));
        assertTrue(err.toString().contains("--seeds 1,x: 'x' is not a seed; expected whole numbers separated by "
                + "commas, e.g. 1,2,3"), err.toString());
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
        // the last two epochs keep their checkpoints; older ones go
        assertFalse(Files.exists(runDir.resolve("checkpoints/fake-epoch-1.safetensors")));
        assertTrue(Files.exists(runDir.resolve("checkpoints/fake-epoch-2.safetensors")));
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
        String readme = Files.readString(report.resolve("history.md"));
        assertTrue(readme.contains("## Failed engines") && readme.contains(runDir.getFileName()
                + ": crashy failed after epoch 1: the crashy JVM died with SIGABRT"), readme);
        String accuracy = Files.readString(report.resolve("accuracy.csv"));
        assertTrue(accuracy.contains(",\"FAILED after epoch 1 of 2: the crashy JVM died with SIGABRT"), accuracy);
        assertTrue(accuracy.contains(",done\n"), accuracy);

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
        // the resume is on record beside run.json, with the suite that went on and where each row started again
        List<RunResume> resumes = RunResume.read(runDir, w -> fail(w));
        assertEquals(1, resumes.size());
        assertEquals(Map.of("crashy", 2), resumes.get(0).fromEpoch());
        assertEquals(SuiteVersion.current().commit(), resumes.get(0).suite().commit());
        // the last two epochs' checkpoints stay; engines.json keeps why the first invocation stopped
        assertTrue(Files.exists(runDir.resolve("checkpoints/crashy-epoch-1.safetensors")));
        String outcomes = Files.readString(runDir.resolve("engines.json"));
        assertTrue(outcomes.contains("after epoch 1: the crashy JVM died with SIGABRT"), outcomes);
        // a second resume of the finished run says so, and trains nothing
        stdout.reset();
        assertEquals(0, run(new StringWriter(), "train", "--resume", runDir.toString()));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).contains(runDir.toAbsolutePath().normalize()
                + ": every engine finished its 2 epochs; nothing to resume"), stdout.toString(StandardCharsets.UTF_8));
        assertEquals(4, records(out).size());
        assertEquals(1, RunResume.read(runDir, w -> fail(w)).size()); // nothing resumed, nothing on record
        // a damaged checkpoint: the resume says which and why, and trains that epoch again from the one before
        Files.writeString(runDir.resolve("checkpoints/fake-epoch-2.safetensors"), "not weights");
        stdout.reset();
        assertEquals(0, run(new StringWriter(), "train", "--resume", runDir.toString()));
        String again = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(again.contains("no checkpoint of fake after epoch 2 (") && again.contains("): it trains again from "
                + "epoch 2, from the checkpoint of epoch 1"), again);
        assertTrue(again.contains("fake from epoch 2"), again);

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
}
